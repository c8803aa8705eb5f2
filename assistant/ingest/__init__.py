"""From release files to chunks in the index: parsing, metadata, sentences, chunking, the corpus library
and its doctor."""
