"""The Chroma index: chunk vectors (through LangChain's Chroma) plus a registry of indexed releases.

A release becomes visible when its registry record is written, after all of its chunks: chunk ids
include the release's content hash, so two versions never share ids, and readers keep only chunks
whose hash matches the registry. A crash therefore leaves at most invisible leftovers, which the
next sync deletes."""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from urllib.parse import urlparse

from langchain_chroma import Chroma
from langchain_core.embeddings import Embeddings

from assistant.errors import IndexMismatchError, StoreUnavailableError
from assistant.index.lexical import LexicalIndex, LexicalRow
from assistant.records import Chunk, Release, ReleaseInfo, Span
from assistant.settings import Settings

log = logging.getLogger(__name__)

REGISTRY_SUFFIX = "__registry"
MODEL_KEY = "embedding_model"
DIMENSION_KEY = "embedding_dimension"


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as read back from the index, with what the answerer needs to cite it."""

    id: str
    release_id: str
    content_hash: str
    position: int
    text: str
    start: int
    end: int
    sentences: tuple[Span, ...]
    title: str | None
    date: str | None
    source: str


def make_client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            if not url.hostname:
                raise StoreUnavailableError(f"ASSISTANT_CHROMA_URL={settings.chroma_url!r} is not an http(s) URL")
            return chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.index_dir), settings=chroma_settings)
    except StoreUnavailableError:
        raise
    except Exception as exc:  # chromadb raises bare Exceptions/ValueErrors for unreachable servers
        where = settings.chroma_url or settings.index_dir
        raise StoreUnavailableError(f"cannot open the Chroma index at {where}: {exc}") from exc


class ReleaseStore:
    """Reads and writes releases in one Chroma collection of chunks and one registry collection."""

    def __init__(self, settings: Settings, embeddings: Embeddings, client=None):
        self.settings = settings
        self.embeddings = embeddings
        self._client = client
        self._vectorstore: Chroma | None = None
        self._registry = None
        self._lexical: LexicalIndex | None = None
        self._versions: dict[str, str] | None = None
        self._versions_stamp: int | None = None

    # -- opening -------------------------------------------------------------------------------
    @property
    def client(self):
        if self._client is None:
            self._client = make_client(self.settings)
        return self._client

    @property
    def model_name(self) -> str:
        return getattr(self.embeddings, "model_name", type(self.embeddings).__name__)

    @property
    def vectorstore(self) -> Chroma:
        if self._vectorstore is None:
            collection = self._open_or_create(
                self.settings.collection,
                metadata={MODEL_KEY: self.model_name},
                configuration={"hnsw": {"space": "cosine"}},
            )
            recorded = (collection.metadata or {}).get(MODEL_KEY)
            if recorded and recorded != self.model_name:
                raise IndexMismatchError(
                    f"the index was built with embedding model {recorded!r} but {self.model_name!r} is "
                    "configured: run `assistant index --rebuild` (or configure the original model)"
                )
            self._vectorstore = Chroma(
                client=self.client,
                collection_name=self.settings.collection,
                embedding_function=self.embeddings,
                create_collection_if_not_exists=False,
            )
        return self._vectorstore

    @property
    def chunks(self):
        """The raw Chroma collection of chunks (for metadata reads and deletes)."""
        return self.vectorstore._collection  # noqa: SLF001 - LangChain exposes no public handle

    @property
    def registry(self):
        if self._registry is None:
            self.vectorstore  # the model check comes first
            self._registry = self._open_or_create(self.settings.collection + REGISTRY_SUFFIX)
        return self._registry

    def _open_or_create(self, name: str, **options):
        """Never get_or_create: on an existing collection it would overwrite the recorded metadata."""
        from chromadb.errors import NotFoundError

        try:
            return self.client.get_collection(name, embedding_function=None)
        except (NotFoundError, ValueError):
            pass
        try:
            return self.client.create_collection(name, embedding_function=None, **options)
        except Exception:  # created meanwhile by another process
            return self.client.get_collection(name, embedding_function=None)

    def drop(self) -> None:
        """Delete both collections (for a rebuild with another model)."""
        from chromadb.errors import NotFoundError

        for name in (self.settings.collection, self.settings.collection + REGISTRY_SUFFIX):
            try:
                self.client.delete_collection(name)
            except (NotFoundError, ValueError):
                pass
        self._vectorstore = self._registry = None
        self.lexical.clear()
        self._bump_generation()

    @property
    def lexical(self) -> LexicalIndex:
        if self._lexical is None:
            name = "lexical.sqlite3"
            if self.settings.chroma_url:  # one local lexical index per server and collection
                key = hashlib.sha256(f"{self.settings.chroma_url}|{self.settings.collection}".encode()).hexdigest()
                name = f"lexical-{key[:12]}.sqlite3"
            elif self.settings.collection != "releases":
                name = f"lexical-{self.settings.collection}.sqlite3"
            self._lexical = LexicalIndex(self.settings.index_dir / name)
        return self._lexical

    def idf(self, terms: Sequence[str]) -> dict[str, float]:
        """Inverse document frequency of each term over the visible chunks."""
        return self.lexical.idf(terms)

    def frequencies(self, terms: Sequence[str]) -> tuple[int, dict[str, int]]:
        """(number of chunks, number of chunks holding each term)."""
        return self.lexical.frequencies(terms)

    # -- versions: which release versions are visible ---------------------------------------------
    @property
    def _stamp_path(self):
        return self.settings.index_dir / ".generation"

    def _bump_generation(self) -> None:
        self.settings.index_dir.mkdir(parents=True, exist_ok=True)
        self._stamp_path.write_text(str(time.time_ns()))
        self._versions = None

    def current_versions(self) -> dict[str, str]:
        """release id -> content hash of the committed version; cached until any writer commits."""
        try:
            stamp = self._stamp_path.stat().st_mtime_ns
        except FileNotFoundError:
            stamp = 0
        if self._versions is not None and stamp == self._versions_stamp:
            # a server may be written by other machines: a changed count is the cheap tell
            if not self.settings.chroma_url or self.registry.count() == len(self._versions):
                return self._versions
        got = self.registry.get(include=["metadatas"])
        self._versions = {rid: meta.get("content_hash", "") for rid, meta in zip(got["ids"], got["metadatas"])}
        self._versions_stamp = stamp
        return self._versions

    def reconcile_lexical(self) -> int:
        """Bring the lexical index in step with the registry; returns the releases it had to fix."""
        current = self.current_versions()
        lexical = self.lexical.versions()
        extra = [rid for rid in lexical if rid not in current]
        if extra:
            self.lexical.delete_releases(extra)
        missing = [rid for rid, h in current.items() if lexical.get(rid) != h]
        for release_id in missing:
            chunks = self.release_chunks(release_id)
            self.lexical.replace_release(release_id, current[release_id], [_lexical_row(c) for c in chunks])
        return len(extra) + len(missing)

    def check_dimension(self) -> None:
        """Record the model's dimension on first write; refuse a model of another dimension."""
        metadata = dict(self.chunks.metadata or {})
        dimension = len(self.embeddings.embed_query("dimension probe"))
        recorded = metadata.get(DIMENSION_KEY)
        if recorded is None:
            metadata[DIMENSION_KEY] = dimension
            metadata.setdefault(MODEL_KEY, self.model_name)
            metadata.pop("hnsw:space", None)
            self.chunks.modify(metadata=metadata)
        elif int(recorded) != dimension:
            raise IndexMismatchError(
                f"the index holds {recorded}-dimensional vectors but model {self.model_name!r} gives "
                f"{dimension}: run `assistant index --rebuild`"
            )

    # -- registry ------------------------------------------------------------------------------
    def releases(self) -> list[ReleaseInfo]:
        got = self.registry.get(include=["metadatas"])
        infos = [_info(rid, meta) for rid, meta in zip(got["ids"], got["metadatas"])]
        return sorted(infos, key=lambda r: (r.date or "", r.id), reverse=True)

    def release(self, release_id: str) -> ReleaseInfo | None:
        got = self.registry.get(ids=[release_id], include=["metadatas"])
        return _info(got["ids"][0], got["metadatas"][0]) if got["ids"] else None

    def count_chunks(self) -> int:
        return self.chunks.count()

    # -- writing -------------------------------------------------------------------------------
    def write_release(self, release: Release, chunks: Sequence[Chunk]) -> None:
        self.write_releases([(release, chunks)])

    def write_releases(self, items: Sequence[tuple[Release, Sequence[Chunk]]]) -> None:
        """Store the releases' chunks, then switch the registry to these versions, then drop the old
        ones. Several releases share each Chroma and SQLite write, because a Chroma upsert costs
        about the same for 5 chunks as for 150 (README "Performance")."""
        if not items:
            return
        if not self.chunks.metadata or DIMENSION_KEY not in self.chunks.metadata:
            self.check_dimension()
        texts = [c.text for _, chunks in items for c in chunks]
        metadatas = [_chunk_metadata(release, c) for release, chunks in items for c in chunks]
        ids = [c.id for _, chunks in items for c in chunks]
        batch = max(1, min(self.client.get_max_batch_size(), 1000))
        for i in range(0, len(ids), batch):
            self.vectorstore.add_texts(texts[i : i + batch], metadatas[i : i + batch], ids=ids[i : i + batch])
        self.lexical.replace_releases([
            (release.id, release.content_hash,
             [LexicalRow(c.id, c.text, release.title, _date_num(release.date)) for c in chunks])
            for release, chunks in items
        ])
        self.registry.upsert(
            ids=[release.id for release, _ in items],
            embeddings=[[1.0]] * len(items),  # the registry is looked up by id only
            metadatas=[_registry_metadata(release, len(chunks)) for release, chunks in items],
            documents=[release.title or release.id for release, _ in items],
        )
        self._bump_generation()
        self.chunks.delete(where={"$and": [{"release_id": {"$in": [r.id for r, _ in items]}},
                                           {"content_hash": {"$nin": [r.content_hash for r, _ in items]}}]})

    def delete_release(self, release_id: str) -> None:
        self.registry.delete(ids=[release_id])  # invisible from here on
        self._bump_generation()
        self.lexical.delete_releases([release_id])
        self.chunks.delete(where={"release_id": release_id})

    def delete_stale_chunks(self) -> int:
        """Chunks of no registered version: leftovers of an interrupted write. Returns how many."""
        current = {r.id: r.content_hash for r in self.releases()}
        got = self.chunks.get(include=["metadatas"])
        stale = [
            cid
            for cid, meta in zip(got["ids"], got["metadatas"])
            if current.get(meta.get("release_id")) != meta.get("content_hash")
        ]
        for i in range(0, len(stale), 1000):
            self.chunks.delete(ids=stale[i : i + 1000])
        return len(stale)

    # -- reading -------------------------------------------------------------------------------
    def release_chunks(self, release_id: str) -> list[StoredChunk]:
        info = self.release(release_id)
        if info is None:
            return []
        got = self.chunks.get(
            where={"$and": [{"release_id": release_id}, {"content_hash": info.content_hash}]},
            include=["documents", "metadatas"],
        )
        stored = [_stored(cid, doc, meta) for cid, doc, meta in zip(got["ids"], got["documents"], got["metadatas"])]
        return sorted(stored, key=lambda c: c.position)


def _chunk_metadata(release: Release, chunk: Chunk) -> dict:
    meta = {
        "release_id": release.id,
        "content_hash": release.content_hash,
        "position": chunk.position,
        "start": chunk.start,
        "end": chunk.end,
        "sentences": json.dumps([[s.start, s.end] for s in chunk.sentences]),
        "source": release.source,
    }
    if release.title:
        meta["title"] = release.title
    if release.date:
        meta["date"] = release.date
        meta["date_num"] = int(release.date.replace("-", ""))  # Chroma range filters need numbers
    return meta


def _lexical_row(chunk: StoredChunk) -> LexicalRow:
    return LexicalRow(chunk.id, chunk.text, chunk.title, _date_num(chunk.date))


def _date_num(date: str | None) -> int | None:
    return int(date.replace("-", "")) if date else None


def _registry_metadata(release: Release, chunk_count: int) -> dict:
    # None deletes a key: Chroma's upsert merges metadata with what a previous version left
    meta = {k: v for k, v in release.summary().items() if k != "id"}
    meta["chunks"] = chunk_count
    return meta


def _info(release_id: str, meta: dict) -> ReleaseInfo:
    return ReleaseInfo(
        id=release_id,
        title=meta.get("title"),
        date=meta.get("date"),
        place=meta.get("place"),
        kind=meta.get("kind"),
        source=meta.get("source", ""),
        content_hash=meta.get("content_hash", ""),
        chunks=int(meta.get("chunks", 0)),
    )


def _stored(chunk_id: str, text: str, meta: dict) -> StoredChunk:
    return StoredChunk(
        id=chunk_id,
        release_id=meta["release_id"],
        content_hash=meta["content_hash"],
        position=int(meta["position"]),
        text=text,
        start=int(meta["start"]),
        end=int(meta["end"]),
        sentences=tuple(Span(s, e) for s, e in json.loads(meta.get("sentences", "[]"))),
        title=meta.get("title"),
        date=meta.get("date"),
        source=meta.get("source", ""),
    )


def stored_from(ids: Iterable[str], documents: Iterable[str], metadatas: Iterable[dict]) -> list[StoredChunk]:
    return [_stored(i, d, m) for i, d, m in zip(ids, documents, metadatas)]
