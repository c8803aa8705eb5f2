"""Lexical retrieval: BM25 over the catalog's FTS5 rows."""

from __future__ import annotations

from assistant.index import lexical
from assistant.index.store import ReleaseStore
from assistant.retrieval.filters import SearchFilter


def lexical_scores(store: ReleaseStore, query: str, k: int, where: SearchFilter) -> dict[str, float]:
    """chunk id -> BM25 score of the k best chunks."""
    hits = lexical.search(store.catalog, query, k, since=where.since_num, until=where.until_num,
                          release_ids=where.release_ids or None)
    return {h.chunk_id: h.score for h in hits}
