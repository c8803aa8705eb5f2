"""Where chunks live: vectors in Chroma, everything else (releases, versions, lexical rows, sentence
vectors) in one SQLite catalog."""
