"""Dense retrieval: the question's vector against the chunk vectors in Chroma."""

from __future__ import annotations

from assistant.index.store import ReleaseStore
from assistant.retrieval.filters import SearchFilter


def dense_scores(store: ReleaseStore, vector: list[float], k: int, where: SearchFilter) -> dict[str, float]:
    """chunk id -> cosine similarity of the k nearest chunks (ids of uncommitted versions included: the
    caller keeps those the catalog knows)."""
    return dict(store.vectors.nearest(vector, k, where.chroma_where()))
