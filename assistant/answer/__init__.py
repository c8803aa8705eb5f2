"""Answering: intents, the reader-driven extractive answer, tasks beyond one fact, citations and their
check, the opt-in generative mode, follow-ups, and the pipeline that joins them."""
