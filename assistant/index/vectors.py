"""Chunk vectors in one Chroma collection, through Chroma's public API only.

Each vector carries the few fields Chroma filters on (release id, content hash, date as a number);
the chunk itself lives in the catalog. Ids hash the release's content, so two versions never share
an id and a vector is visible only while the catalog lists its id."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from chromadb.utils.batch_utils import create_batches

from assistant.errors import IndexMismatchError

MODEL_KEY = "embedding_model"
PAGE = 5000  # ids read per `get` when listing every vector


class ChunkVectors:
    def __init__(self, client, name: str, model_name: str, ef_search: int):
        self.client = client
        self.name = name
        self.model_name = model_name
        self.ef_search = ef_search  # HNSW's candidates per query (settings.hnsw_ef_search)
        self.collection = self._open()

    def _open(self):
        """Never get_or_create: on an existing collection it would overwrite the recorded metadata."""
        from chromadb.errors import NotFoundError

        try:
            collection = self.client.get_collection(self.name, embedding_function=None)
        except (NotFoundError, ValueError):
            try:
                collection = self.client.create_collection(
                    self.name, embedding_function=None, metadata={MODEL_KEY: self.model_name},
                    configuration={"hnsw": {"space": "cosine", "ef_search": self.ef_search}})
            except Exception:  # created meanwhile by another process
                collection = self.client.get_collection(self.name, embedding_function=None)
        recorded = (collection.metadata or {}).get(MODEL_KEY)
        if recorded and recorded != self.model_name:
            raise IndexMismatchError(
                f"the index was built with embedding model {recorded!r} but {self.model_name!r} is "
                "configured: run `assistant index --rebuild` (or configure the original model)")
        if ((collection.configuration or {}).get("hnsw") or {}).get("ef_search") != self.ef_search:
            # an index built before, or with another value: set before the first query loads the index
            collection.modify(configuration={"hnsw": {"ef_search": self.ef_search}})
        return collection

    def upsert(self, ids: Sequence[str], vectors: Sequence[Sequence[float]], metadatas: Sequence[dict]) -> None:
        for batch_ids, batch_vectors, batch_metas, _ in create_batches(
                self.client, ids=list(ids), embeddings=np.asarray(vectors, dtype=np.float32).tolist(), metadatas=list(metadatas)):
            self.collection.upsert(ids=batch_ids, embeddings=batch_vectors, metadatas=batch_metas)

    def nearest(self, vector: Sequence[float], k: int, where: dict | None = None) -> list[tuple[str, float]]:
        """(chunk id, cosine similarity) of the k nearest vectors."""
        got = self.collection.query(query_embeddings=[[float(x) for x in vector]], n_results=k, where=where, include=["distances"])
        return [(cid, 1.0 - distance) for cid, distance in zip(got["ids"][0], got["distances"][0])]

    def delete_other_versions(self, versions: dict[str, str]) -> None:
        """Delete the vectors of these releases whose content hash is not the given one."""
        if versions:
            self.collection.delete(where={"$and": [{"release_id": {"$in": list(versions)}},
                                                   {"content_hash": {"$nin": list(versions.values())}}]})

    def delete_release(self, release_id: str) -> None:
        self.collection.delete(where={"release_id": release_id})

    def delete_ids(self, ids: Sequence[str]) -> None:
        for i in range(0, len(ids), 1000):
            self.collection.delete(ids=list(ids[i : i + 1000]))

    def all_ids(self) -> list[str]:
        out: list[str] = []
        while True:
            got = self.collection.get(include=[], limit=PAGE, offset=len(out))
            out.extend(got["ids"])
            if len(got["ids"]) < PAGE:
                return out

    def count(self) -> int:
        return self.collection.count()

    @staticmethod
    def drop_collection(client, name: str) -> None:
        from chromadb.errors import NotFoundError

        try:
            client.delete_collection(name)
        except (NotFoundError, ValueError):
            pass
