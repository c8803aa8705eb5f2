"""Lexical retrieval: BM25 over the catalog's FTS5 rows."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.index import lexical
from assistant.index.store import ReleaseStore
from assistant.retrieval.filters import SearchFilter
from assistant.retrieval.passages import chunk_document


class LexicalRetriever(BaseRetriever):
    """A LangChain retriever over the index's lexical rows; `scores` is what the hybrid search uses."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    store: ReleaseStore
    k: int = 6
    where: SearchFilter = SearchFilter()

    def scores(self, query: str, k: int, where: SearchFilter) -> dict[str, float]:
        """chunk id -> BM25 score of the k best chunks."""
        hits = lexical.search(self.store.catalog, query, k, since=where.since_num, until=where.until_num,
                              release_ids=where.release_ids or None)
        return {h.chunk_id: h.score for h in hits}

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        found = self.scores(query, self.k, self.where)
        chunks = self.store.chunks_by_id(list(found))
        return [chunk_document(chunks[cid], lexical=score) for cid, score in found.items() if cid in chunks]
