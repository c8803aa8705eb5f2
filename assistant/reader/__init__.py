"""The trained reader: a cross-encoder that says whether a sentence answers a question."""
