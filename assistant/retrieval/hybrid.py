"""Hybrid retrieval: dense search in Chroma plus BM25 in the lexical index, fused.

Only committed release versions are returned (see store.py). Fusion and its weight are settings,
chosen by measurement on the evaluation set's dev split."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Literal

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.index.store import ReleaseStore, StoredChunk, stored_from

log = logging.getLogger(__name__)

Fusion = Literal["rrf", "weighted", "dense", "lexical"]
RRF_K = 60


@dataclass(frozen=True)
class SearchFilter:
    release_ids: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    def chroma_where(self) -> dict | None:
        clauses: list[dict] = []
        if self.release_ids:
            clauses.append({"release_id": {"$in": list(self.release_ids)}})
        if self.since:
            clauses.append({"date_num": {"$gte": _num(self.since)}})
        if self.until:
            clauses.append({"date_num": {"$lte": _num(self.until)}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


@dataclass(frozen=True)
class Passage:
    """A retrieved chunk with the scores that ranked it."""

    chunk: StoredChunk
    score: float  # fused, higher is better
    dense: float | None = None  # cosine similarity
    lexical: float | None = None  # BM25
    rank: int = 0

    def to_document(self) -> Document:
        c = self.chunk
        meta = {k: v for k, v in c.__dict__.items() if k not in ("text", "sentences")}
        meta.update(score=self.score, dense=self.dense, lexical=self.lexical, rank=self.rank)
        return Document(page_content=c.text, metadata=meta, id=c.id)


@dataclass
class HybridSearch:
    store: ReleaseStore
    fusion: Fusion = "weighted"
    dense_weight: float = 0.3  # for "weighted": share of the min-max normalised dense score
    fetch_k: int = 30  # candidates taken from each side before fusion
    _warm: bool = field(default=False, repr=False)

    def warm_up(self) -> None:
        self.store.reconcile_lexical()
        self.store.embeddings.embed_query("warm up")
        self._warm = True

    def search(self, query: str, k: int = 6, where: SearchFilter | None = None,
               query_vector: list[float] | None = None) -> list[Passage]:
        if not self._warm:
            self.warm_up()
        where = where or SearchFilter()
        visible = self.store.current_versions()
        fetch = max(self.fetch_k, k)
        dense: dict[str, tuple[float, StoredChunk]] = {}
        if self.fusion != "lexical":
            vector = query_vector or self.store.embeddings.embed_query(query)
            found = self.store.vectorstore.similarity_search_by_vector_with_relevance_scores(
                vector, k=fetch, filter=where.chroma_where()
            )  # (document, cosine distance) pairs
            for doc, distance in found:
                [chunk] = stored_from([doc.id], [doc.page_content], [doc.metadata])
                if visible.get(chunk.release_id) == chunk.content_hash:
                    dense[chunk.id] = (1.0 - distance, chunk)
        lexical: dict[str, float] = {}
        if self.fusion != "dense":
            hits = self.store.lexical.search(
                query, fetch, since=_num(where.since) if where.since else None,
                until=_num(where.until) if where.until else None, release_ids=where.release_ids or None,
            )
            lexical = {h.chunk_id: h.score for h in hits if visible.get(h.release_id) == h.content_hash}
        scores = self._fuse({cid: s for cid, (s, _) in dense.items()}, lexical)
        best = sorted(scores, key=lambda cid: (-scores[cid], cid))[:k]
        chunks_by_id = {cid: c for cid, (_, c) in dense.items()}
        missing = [cid for cid in best if cid not in chunks_by_id]
        if missing:
            got = self.store.chunks.get(ids=missing, include=["documents", "metadatas"])
            chunks_by_id.update({c.id: c for c in stored_from(got["ids"], got["documents"], got["metadatas"])})
        passages = [
            Passage(chunks_by_id[cid], scores[cid], dense.get(cid, (None,))[0], lexical.get(cid))
            for cid in best if cid in chunks_by_id
        ]
        return [replace(p, rank=i + 1) for i, p in enumerate(passages)]

    def _fuse(self, dense: dict[str, float], lexical: dict[str, float]) -> dict[str, float]:
        if self.fusion == "dense":
            return dict(dense)
        if self.fusion == "lexical":
            return dict(lexical)
        if self.fusion == "rrf":
            fused: dict[str, float] = {}
            for ranking, weight in ((dense, self.dense_weight), (lexical, 1 - self.dense_weight)):
                for rank, cid in enumerate(sorted(ranking, key=lambda c: -ranking[c])):
                    fused[cid] = fused.get(cid, 0.0) + 2 * weight / (RRF_K + rank + 1)
            return fused
        d, lx = _minmax(dense), _minmax(lexical)
        return {cid: self.dense_weight * d.get(cid, 0.0) + (1 - self.dense_weight) * lx.get(cid, 0.0)
                for cid in set(d) | set(lx)}


class HybridRetriever(BaseRetriever):
    """LangChain face of `HybridSearch`, for any chain that wants a `BaseRetriever`."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    search: HybridSearch
    k: int = 6
    where: SearchFilter | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        return [p.to_document() for p in self.search.search(query, self.k, self.where)]


def _minmax(scores: dict[str, float]) -> dict[str, float]:
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    if high - low < 1e-9:
        return {cid: 1.0 for cid in scores}
    return {cid: (s - low) / (high - low) for cid, s in scores.items()}


def _num(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day
