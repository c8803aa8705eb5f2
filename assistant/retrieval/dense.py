"""Dense retrieval: the question's vector against the chunk vectors in Chroma."""

from __future__ import annotations

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from assistant.index.store import ReleaseStore
from assistant.retrieval.filters import SearchFilter
from assistant.retrieval.passages import chunk_document


class DenseRetriever(BaseRetriever):
    """A LangChain retriever over the index's chunk vectors; `scores` is what the hybrid search uses."""

    model_config = ConfigDict(arbitrary_types_allowed=True)
    store: ReleaseStore
    k: int = 6
    where: SearchFilter = SearchFilter()

    def scores(self, vector: list[float], k: int, where: SearchFilter) -> dict[str, float]:
        """chunk id -> cosine similarity of the k nearest chunks (ids of uncommitted versions included:
        the caller keeps those the catalog knows)."""
        return dict(self.store.vectors.nearest(vector, k, where.chroma_where()))

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        found = self.scores(self.store.embeddings.embed_query(query), self.k, self.where)
        chunks = self.store.chunks_by_id(list(found))
        return [chunk_document(chunks[cid], dense=score) for cid, score in found.items() if cid in chunks]
