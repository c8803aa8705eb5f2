"""The dense and the lexical retriever as LangChain `BaseRetriever`s, for any LangChain chain.

They score exactly as the hybrid search's two sides do (dense.py, lexical.py); the assistant itself
calls those functions directly, so answering a question never imports LangChain's runnables (~0.5 s
of a cold start)."""

from __future__ import annotations

from typing import ClassVar

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.index.store import ReleaseStore
from assistant.records import StoredChunk
from assistant.retrieval.dense import dense_scores
from assistant.retrieval.filters import SearchFilter
from assistant.retrieval.lexical import lexical_scores


class _IndexRetriever(BaseRetriever):
    """One side of the hybrid search as a retriever: the k best committed chunks as `Document`s, each
    with its score under `score_name` in the metadata."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    store: ReleaseStore
    k: int = 6
    where: SearchFilter = SearchFilter()
    score_name: ClassVar[str]

    def _scores(self, query: str) -> dict[str, float]:
        raise NotImplementedError

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        found = self._scores(query)
        chunks = self.store.chunks_by_id(list(found))  # committed chunks only
        return [chunk_document(chunks[cid], **{self.score_name: score}) for cid, score in found.items() if cid in chunks]


class DenseRetriever(_IndexRetriever):
    score_name: ClassVar[str] = "dense"

    def _scores(self, query: str) -> dict[str, float]:
        return dense_scores(self.store, self.store.embeddings.embed_query(query), self.k, self.where)


class LexicalRetriever(_IndexRetriever):
    score_name: ClassVar[str] = "lexical"

    def _scores(self, query: str) -> dict[str, float]:
        return lexical_scores(self.store, query, self.k, self.where)


def chunk_document(chunk: StoredChunk, **scores) -> Document:
    """A chunk as a LangChain `Document` (offsets and release fields as metadata)."""
    meta = {k: v for k, v in chunk.__dict__.items() if k not in ("text", "sentences")}
    meta.update(scores)
    return Document(page_content=chunk.text, metadata=meta, id=chunk.id)
