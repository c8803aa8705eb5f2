"""Finding passages: dense and lexical retrievers and their fusion."""
