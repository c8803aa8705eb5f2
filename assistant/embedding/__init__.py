"""Embedding models behind LangChain's `Embeddings`: sentence-transformers on torch, or the same model as
int8 ONNX (the default)."""
