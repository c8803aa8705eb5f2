"""The index: chunk vectors in Chroma and everything else in the catalog, written in a fixed order.

A release version becomes visible when the catalog commits it, after its vectors are in Chroma (under
ids that hash the content, so two versions never share one); the old version's vectors are deleted
after the commit. A crash therefore leaves at most invisible vectors, which the next sync deletes."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Sequence

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.errors import IndexMismatchError
from assistant.index import lexical
from assistant.index.catalog import Catalog, CatalogEntry
from assistant.index.chroma_client import make_client
from assistant.index.vectors import ChunkVectors
from assistant.records import Chunk, Release, ReleaseInfo, Span, StoredChunk
from assistant.settings import Settings

log = logging.getLogger(__name__)

MODEL_KEY = "embedding_model"
DIMENSION_KEY = "embedding_dimension"
SENTENCES_KEY = "sentence_rules"  # the version of the rules that split the releases into sentences


class ReleaseStore:
    def __init__(self, settings: Settings, embeddings: Embeddings, client=None):
        self.settings = settings
        self.embeddings = embeddings
        self._client = client
        self._catalog: Catalog | None = None
        self._vectors: ChunkVectors | None = None

    # -- opening -------------------------------------------------------------------------------------
    @property
    def client(self):
        if self._client is None:
            self._client = make_client(self.settings)
        return self._client

    @property
    def model_name(self) -> str:
        return getattr(self.embeddings, "model_name", type(self.embeddings).__name__)

    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            self._open()
        return self._catalog

    @property
    def vectors(self) -> ChunkVectors:
        if self._vectors is None:
            self._open()
        return self._vectors

    def _open(self) -> None:
        """Opens both halves together, so a wrong model or an unreachable server fails at once."""
        catalog = self._catalog or Catalog(self.settings.index_dir / self._catalog_name())
        recorded = catalog.meta(MODEL_KEY)
        if recorded and recorded != self.model_name:
            raise IndexMismatchError(
                f"the index was built with embedding model {recorded!r} but {self.model_name!r} is "
                "configured: run `assistant index --rebuild` (or configure the original model)")
        self._vectors = self._vectors or ChunkVectors(self.client, self.settings.collection, self.model_name,
                                                       self.settings.hnsw_ef_search)
        self._catalog = catalog

    def _catalog_name(self) -> str:
        if self.settings.chroma_url:  # one local catalog per server and collection
            key = hashlib.sha256(f"{self.settings.chroma_url}|{self.settings.collection}".encode()).hexdigest()
            return f"catalog-{key[:12]}.sqlite3"
        if self.settings.collection != "releases":
            return f"catalog-{self.settings.collection}.sqlite3"
        return "catalog.sqlite3"

    def drop(self) -> None:
        """Delete every vector and catalog row (for a rebuild with another model)."""
        ChunkVectors.drop_collection(self.client, self.settings.collection)
        self._vectors = None
        if self._catalog is None:
            self._catalog = Catalog(self.settings.index_dir / self._catalog_name())
        self._catalog.clear()

    # -- reading -------------------------------------------------------------------------------------
    def current_versions(self) -> dict[str, str]:
        """release id -> content hash of the committed version."""
        return self.catalog.versions()

    def releases(self) -> list[ReleaseInfo]:
        """Newest first."""
        return self.catalog.releases()

    def release(self, release_id: str) -> ReleaseInfo | None:
        return self.catalog.release(release_id)

    def issuers(self) -> dict[str, tuple[str, ...]]:
        """Issuer -> the ids of the releases it put out, as their metadata states."""
        return self.catalog.issuers()

    def title_rows(self) -> list[tuple[str, str | None, tuple[str, ...] | None, bool]]:
        """(id, title, head lines or None, titled) of each release whose title was read from its text."""
        return self.catalog.title_rows()

    def openings_of(self, release_ids: Sequence[str]) -> dict[str, str]:
        return self.catalog.openings_of(release_ids)

    def head_line_counts(self) -> dict[str, tuple[int, bool]]:
        return self.catalog.head_line_counts()

    def save_titling(self, **changes) -> None:
        self.catalog.save_titling(**changes)

    def set_openings(self, openings: dict[str, str]) -> None:
        self.catalog.set_openings(openings)

    def release_with_hash(self, content_hash: str) -> ReleaseInfo | None:
        return self.catalog.release_with_hash(content_hash)

    def release_chunks(self, release_id: str) -> list[StoredChunk]:
        return self.catalog.release_chunks(release_id)

    def chunks_by_id(self, chunk_ids: Sequence[str]) -> dict[str, StoredChunk]:
        return self.catalog.chunks(chunk_ids)

    def count_chunks(self) -> int:
        return self.catalog.count_chunks()

    def sentence_rules(self) -> str | None:
        """The version of the sentence rules the releases were split by (None: not recorded)."""
        return self.catalog.meta(SENTENCES_KEY)

    def record_sentence_rules(self, version: str) -> None:
        self.catalog.set_meta({SENTENCES_KEY: version})

    def sentence_vectors(self, release_id: str, spans: Sequence[Span]) -> np.ndarray:
        """The unit vectors stored at ingest for these sentences of a release, one row per span."""
        stored = self.catalog.sentence_vectors(release_id, spans)
        if len(stored) < len(set(spans)):  # an index written before sentence vectors were stored
            raise IndexMismatchError(f"the index holds no sentence vectors for {release_id!r}: "
                                     "run `assistant index --rebuild`")
        return np.stack([stored[span] for span in spans])

    def idf(self, terms: Sequence[str]) -> dict[str, float]:
        return lexical.idf(self.catalog, terms)

    def frequencies(self, terms: Sequence[str]) -> tuple[int, dict[str, int]]:
        return lexical.frequencies(self.catalog, terms)

    def releases_naming(self, name: str) -> set[str]:
        """The releases whose text holds `name` (any case)."""
        return lexical.releases_naming(self.catalog, name)

    # -- writing -------------------------------------------------------------------------------------
    def write_release(self, release: Release, chunks: Sequence[Chunk]) -> None:
        self.write_releases([(release, chunks)])

    def write_releases(self, items: Sequence[tuple[Release, Sequence[Chunk]]]) -> None:
        """Embed the releases' chunks and sentences, store the chunk vectors, commit the catalog, then
        drop the old versions' vectors. Several releases share each write, because a Chroma upsert or
        an SQLite transaction costs about the same for 5 chunks as for 150."""
        if not items:
            return
        spans = [sorted({s for c in chunks for s in c.sentences}, key=lambda s: (s.start, s.end))
                 for _, chunks in items]
        texts = [c.text for _, chunks in items for c in chunks]
        sentence_texts = [release.text[s.start : s.end] for (release, _), found in zip(items, spans) for s in found]
        vectors = np.asarray(self.embeddings.embed_documents(texts + sentence_texts), dtype=np.float32)
        self._record_model(vectors.shape[1])
        self.vectors.upsert([c.id for _, chunks in items for c in chunks], vectors[: len(texts)],
                            [_vector_metadata(release) for release, chunks in items for _ in chunks])
        entries, at = [], len(texts)
        for (release, chunks), found in zip(items, spans):
            entries.append(CatalogEntry(release, chunks, dict(zip(found, vectors[at : at + len(found)]))))
            at += len(found)
        self.catalog.commit(entries)  # the commit point
        self.vectors.delete_other_versions({release.id: release.content_hash for release, _ in items})

    def _record_model(self, dimension: int) -> None:
        recorded = self.catalog.meta(DIMENSION_KEY)
        if recorded is None:
            self.catalog.set_meta({MODEL_KEY: self.model_name, DIMENSION_KEY: str(dimension)})
        elif int(recorded) != dimension:
            raise IndexMismatchError(f"the index holds {recorded}-dimensional vectors but model {self.model_name!r} "
                                     f"gives {dimension}: run `assistant index --rebuild`")

    def delete_release(self, release_id: str) -> None:
        self.catalog.delete([release_id])  # invisible from here on
        self.vectors.delete_release(release_id)

    def stale_vector_ids(self) -> list[str]:
        """Vectors of no committed chunk: leftovers of an interrupted write."""
        known = self.catalog.chunk_ids()
        return [cid for cid in self.vectors.all_ids() if cid not in known]

    def delete_stale_chunks(self) -> int:
        stale = self.stale_vector_ids()
        self.vectors.delete_ids(stale)
        return len(stale)


def _vector_metadata(release: Release) -> dict:
    meta: dict = {"release_id": release.id, "content_hash": release.content_hash}
    if release.date:
        meta["date_num"] = int(release.date.replace("-", ""))  # Chroma range filters need numbers
    return meta
