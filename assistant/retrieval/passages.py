"""A retrieved chunk with the scores that ranked it."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.records import StoredChunk


@dataclass(frozen=True)
class Passage:
    chunk: StoredChunk
    score: float  # fused, higher is better
    dense: float | None = None  # cosine similarity
    lexical: float | None = None  # BM25
    rank: int = 0
