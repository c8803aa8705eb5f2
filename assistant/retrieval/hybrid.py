"""Hybrid retrieval: the dense and the lexical side (the same scoring as retrievers.py's LangChain
retrievers), fused by one function; only committed chunks come back."""

from __future__ import annotations

from dataclasses import dataclass

from assistant.index.store import ReleaseStore
from assistant.retrieval.dense import dense_scores
from assistant.retrieval.filters import SearchFilter
from assistant.retrieval.fusion import Fusion, fuse
from assistant.retrieval.lexical import lexical_scores
from assistant.retrieval.passages import Passage


@dataclass
class HybridSearch:
    store: ReleaseStore
    fusion: Fusion = "weighted"
    dense_weight: float = 0.3  # for "weighted": share of the min-max normalised dense score
    fetch_k: int = 30  # candidates taken from each side before fusion

    def warm_up(self) -> None:
        """Loads the embedding model and opens the index; writes nothing."""
        self.store.embeddings.embed_query("warm up")
        self.store.current_versions()

    def search(self, query: str, k: int = 6, where: SearchFilter | None = None,
               query_vector: list[float] | None = None) -> list[Passage]:
        where = where or SearchFilter()
        fetch = max(self.fetch_k, k)
        dense: dict[str, float] = {}
        if self.fusion != "lexical":
            vector = query_vector or self.store.embeddings.embed_query(query)
            dense = dense_scores(self.store, vector, fetch, where)
        lexical = lexical_scores(self.store, query, fetch, where) if self.fusion != "dense" else {}
        chunks = self.store.chunks_by_id(list(dict.fromkeys([*dense, *lexical])))  # committed ones only
        scores = fuse({c: s for c, s in dense.items() if c in chunks}, {c: s for c, s in lexical.items() if c in chunks},
                      self.fusion, self.dense_weight)
        best = sorted(scores, key=lambda cid: (-scores[cid], cid))[:k]
        return [Passage(chunks[cid], scores[cid], dense.get(cid), lexical.get(cid), rank=i + 1)
                for i, cid in enumerate(best)]
