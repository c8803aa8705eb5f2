"""A retrieved chunk with the scores that ranked it."""

from __future__ import annotations

from dataclasses import dataclass

from langchain_core.documents import Document

from assistant.records import StoredChunk


@dataclass(frozen=True)
class Passage:
    chunk: StoredChunk
    score: float  # fused, higher is better
    dense: float | None = None  # cosine similarity
    lexical: float | None = None  # BM25
    rank: int = 0

    def to_document(self) -> Document:
        return chunk_document(self.chunk, score=self.score, dense=self.dense, lexical=self.lexical, rank=self.rank)


def chunk_document(chunk: StoredChunk, **scores) -> Document:
    """A chunk as a LangChain `Document` (offsets and release fields as metadata)."""
    meta = {k: v for k, v in chunk.__dict__.items() if k not in ("text", "sentences")}
    meta.update(scores)
    return Document(page_content=chunk.text, metadata=meta, id=chunk.id)
