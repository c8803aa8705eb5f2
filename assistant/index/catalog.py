"""The catalog: one SQLite file holding everything about the indexed releases except chunk vectors.

Releases, their chunks (text, offsets, sentence spans), the FTS5 rows of the lexical index and the
sentence vectors are written in one transaction per batch of releases. That commit is the moment a
release version becomes visible: Chroma vectors are written before it (keyed by ids the catalog does
not know yet, so invisible) and old versions' vectors are deleted after it.

Readers only read. `PRAGMA data_version` tells a reader that another process committed, so cached
versions are read again only then."""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.records import Chunk, Release, ReleaseInfo, Span, StoredChunk

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS releases (
    id TEXT PRIMARY KEY, title TEXT, date TEXT, place TEXT, kind TEXT, source TEXT NOT NULL,
    content_hash TEXT NOT NULL, chunks INTEGER NOT NULL, issuer TEXT, opening TEXT, head TEXT,
    titled INTEGER NOT NULL DEFAULT 0
);
-- head lines that several releases share, as last judged (ingest/letterhead.py): how many, and whether letterhead
CREATE TABLE IF NOT EXISTS head_lines (line TEXT PRIMARY KEY, releases INTEGER NOT NULL, letterhead INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS releases_by_hash ON releases (content_hash);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT NOT NULL UNIQUE, release_id TEXT NOT NULL, position INTEGER NOT NULL,
    start INTEGER NOT NULL, "end" INTEGER NOT NULL, text TEXT NOT NULL, sentences TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_by_release ON chunks (release_id, position);
CREATE TABLE IF NOT EXISTS sentences (
    release_id TEXT NOT NULL, start INTEGER NOT NULL, "end" INTEGER NOT NULL, vector BLOB NOT NULL,
    PRIMARY KEY (release_id, start, "end")
) WITHOUT ROWID;
-- the lexical index; its rowid is the chunk's rowid, so a release's rows are found through `chunks`
CREATE VIRTUAL TABLE IF NOT EXISTS chunk_text USING fts5(
    text, title, date_num UNINDEXED, tokenize = 'porter unicode61 remove_diacritics 2'
);
"""

RELEASE_COLUMNS = "id, title, date, place, kind, source, content_hash, chunks, issuer"
CHUNK_COLUMNS = 'c.id, c.release_id, c.position, c.start, c."end", c.text, c.sentences, r.title, r.date, ' \
                'r.source, r.content_hash'


@dataclass(frozen=True)
class CatalogEntry:
    """One release version as the catalog stores it."""

    release: Release
    chunks: Sequence[Chunk]
    sentence_vectors: dict[Span, np.ndarray]  # unit vectors of the release's sentences


class Catalog:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.RLock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA)
        self._add_missing_columns()
        self._versions: dict[str, str] | None = None
        self._seen_data_version = -1
        self._term_counts: dict[str, int] = {}
        self._term_counts_for: dict[str, str] | None = None
        self._issuers: dict[str, tuple[str, ...]] = {}
        self._issuers_for: dict[str, str] | None = None

    def _add_missing_columns(self) -> None:
        """A catalog written before a column existed gets it empty; its releases fill it when next ingested."""
        have = {row[1] for row in self._db.execute("PRAGMA table_info(releases)")}
        for column, kind in (("issuer", "TEXT"), ("opening", "TEXT"), ("head", "TEXT"),
                             ("titled", "INTEGER NOT NULL DEFAULT 0")):
            if column not in have:
                self._db.execute(f"ALTER TABLE releases ADD COLUMN {column} {kind}")

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def copy_to(self, path: Path) -> None:
        """A consistent copy of the catalog (for another machine serving from the same Chroma server)."""
        target = sqlite3.connect(path)
        try:
            with self._lock:
                self._db.backup(target)
        finally:
            target.close()

    def query(self, sql: str, args: Sequence = ()) -> list[tuple]:
        with self._lock:
            return self._db.execute(sql, args).fetchall()

    # -- meta ------------------------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        rows = self.query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0][0] if rows else None

    def set_meta(self, values: dict[str, str]) -> None:
        with self._transaction() as db:
            db.executemany("INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)", list(values.items()))

    # -- writing -------------------------------------------------------------------------------------
    def commit(self, entries: Sequence[CatalogEntry]) -> None:
        """Replace these releases' rows with the given versions, all in one transaction."""
        with self._transaction() as db:
            self._delete(db, [e.release.id for e in entries])
            for entry in entries:
                release = entry.release
                date_num = int(release.date.replace("-", "")) if release.date else None
                for chunk in entry.chunks:
                    sentences = json.dumps([[s.start, s.end] for s in chunk.sentences])
                    rowid = db.execute(
                        'INSERT INTO chunks (id, release_id, position, start, "end", text, sentences) '
                        "VALUES (?, ?, ?, ?, ?, ?, ?)",
                        (chunk.id, release.id, chunk.position, chunk.start, chunk.end, chunk.text, sentences),
                    ).lastrowid
                    db.execute("INSERT INTO chunk_text (rowid, text, title, date_num) VALUES (?, ?, ?, ?)",
                               (rowid, chunk.text, release.title or "", date_num))
                db.executemany(
                    'INSERT INTO sentences (release_id, start, "end", vector) VALUES (?, ?, ?, ?)',
                    [(release.id, span.start, span.end, np.asarray(v, dtype=np.float16).tobytes())
                     for span, v in entry.sentence_vectors.items()],
                )
                db.execute(
                    f"INSERT INTO releases ({RELEASE_COLUMNS}, opening) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (release.id, release.title, release.date, release.place, release.kind, release.source,
                     release.content_hash, len(entry.chunks), release.issuer, release.opening),
                )

    def delete(self, release_ids: Iterable[str]) -> None:
        with self._transaction() as db:
            self._delete(db, list(release_ids))

    def clear(self) -> None:
        with self._transaction() as db:
            for table in ("releases", "chunks", "sentences", "chunk_text", "meta", "head_lines"):
                db.execute(f"DELETE FROM {table}")

    def reindex_lexical(self, release_ids: Iterable[str]) -> None:
        """Rewrite the lexical rows of these releases from their chunks (repairs a damaged index)."""
        with self._transaction() as db:
            for release_id in release_ids:
                self._rewrite_lexical(db, release_id)

    def save_titling(self, *, heads: dict[str, Sequence[str]] | None = None, titles: dict[str, str | None] | None = None,
                     titled: Sequence[str] = (), lines: dict[str, tuple[int, bool]] | None = None,
                     dropped: Sequence[str] = ()) -> None:
        """One pass of re-titling (`ingest/letterhead.py`), in one transaction: releases' head lines read,
        new titles (with the title words of their lexical rows), the releases titled, and the shared head
        lines judged (line -> releases heading it, whether letterhead) or no longer shared."""
        with self._transaction() as db:
            db.executemany("UPDATE releases SET head = ? WHERE id = ?",
                           [(json.dumps(list(h)), rid) for rid, h in (heads or {}).items()])
            for release_id, title in (titles or {}).items():
                db.execute("UPDATE releases SET title = ? WHERE id = ?", (title, release_id))
                self._rewrite_lexical(db, release_id)
            db.executemany("UPDATE releases SET titled = 1 WHERE id = ?", [(rid,) for rid in titled])
            db.executemany("INSERT OR REPLACE INTO head_lines (line, releases, letterhead) VALUES (?, ?, ?)",
                           [(line, n, int(flag)) for line, (n, flag) in (lines or {}).items()])
            db.executemany("DELETE FROM head_lines WHERE line = ?", [(line,) for line in dropped])

    def set_openings(self, openings: dict[str, str]) -> None:
        """The text openings of releases whose catalog row was written before openings were kept."""
        with self._transaction() as db:
            db.executemany("UPDATE releases SET opening = ? WHERE id = ?", [(o, rid) for rid, o in openings.items()])

    @staticmethod
    def _rewrite_lexical(db: sqlite3.Connection, release_id: str) -> None:
        db.execute("DELETE FROM chunk_text WHERE rowid IN (SELECT rowid FROM chunks WHERE release_id = ?)",
                   (release_id,))
        db.execute(
            "INSERT INTO chunk_text (rowid, text, title, date_num) "
            "SELECT c.rowid, c.text, coalesce(r.title, ''), CAST(replace(r.date, '-', '') AS INTEGER) "
            "FROM chunks c JOIN releases r ON r.id = c.release_id WHERE c.release_id = ?", (release_id,))

    @staticmethod
    def _delete(db: sqlite3.Connection, release_ids: list[str]) -> None:
        for release_id in release_ids:
            # through the chunks' rowids: a scan of the FTS table per release would grow with the corpus
            db.execute("DELETE FROM chunk_text WHERE rowid IN (SELECT rowid FROM chunks WHERE release_id = ?)",
                       (release_id,))
            for table, column in (("chunks", "release_id"), ("sentences", "release_id"), ("releases", "id")):
                db.execute(f"DELETE FROM {table} WHERE {column} = ?", (release_id,))

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                yield self._db
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
            else:
                self._db.execute("COMMIT")
            finally:
                self._versions = None

    # -- reading -------------------------------------------------------------------------------------
    def versions(self) -> dict[str, str]:
        """release id -> content hash of every committed release; cached until a writer commits."""
        with self._lock:
            data_version = self._db.execute("PRAGMA data_version").fetchone()[0]
            if self._versions is None or data_version != self._seen_data_version:
                self._versions = dict(self._db.execute("SELECT id, content_hash FROM releases"))
                self._seen_data_version = data_version
            return self._versions

    def term_counts(self) -> dict[str, int]:
        """A cache of term -> chunks holding it ("" -> all chunks) for the lexical statistics, emptied
        whenever a commit is seen (its own or another process's)."""
        versions = self.versions()
        if self._term_counts_for is not versions:
            self._term_counts, self._term_counts_for = {}, versions
        return self._term_counts

    def releases(self) -> list[ReleaseInfo]:
        rows = self.query(f"SELECT {RELEASE_COLUMNS} FROM releases ORDER BY coalesce(date, '') DESC, id DESC")
        return [ReleaseInfo(*row) for row in rows]

    def release(self, release_id: str) -> ReleaseInfo | None:
        rows = self.query(f"SELECT {RELEASE_COLUMNS} FROM releases WHERE id = ?", (release_id,))
        return ReleaseInfo(*rows[0]) if rows else None

    def issuers(self) -> dict[str, tuple[str, ...]]:
        """Each issuer the releases' metadata names -> its releases; cached until a writer commits."""
        versions = self.versions()
        if self._issuers_for is not versions:
            found: dict[str, list[str]] = {}
            for issuer, release_id in self.query("SELECT issuer, id FROM releases WHERE issuer IS NOT NULL"):
                found.setdefault(issuer, []).append(release_id)
            self._issuers, self._issuers_for = {k: tuple(v) for k, v in found.items()}, versions
        return self._issuers

    def title_rows(self) -> list[tuple[str, str | None, tuple[str, ...] | None, bool]]:
        """(id, title, head lines or None, titled) of each release whose title was read from its text."""
        rows = self.query("SELECT id, title, head, titled FROM releases WHERE opening IS NOT NULL")
        return [(rid, title, tuple(json.loads(head)) if head is not None else None, bool(titled))
                for rid, title, head, titled in rows]

    def openings_of(self, release_ids: Sequence[str]) -> dict[str, str]:
        """release id -> the opening of its text (the releases among these whose title was read from it)."""
        out: dict[str, str] = {}
        for i in range(0, len(release_ids), 500):
            part = list(release_ids[i : i + 500])
            out.update(self.query(f"SELECT id, opening FROM releases WHERE opening IS NOT NULL "
                                  f"AND id IN ({','.join('?' * len(part))})", part))
        return out

    def head_line_counts(self) -> dict[str, tuple[int, bool]]:
        """Each shared head line as last judged: releases heading it, whether letterhead."""
        return {line: (n, bool(flag)) for line, n, flag in self.query("SELECT line, releases, letterhead FROM head_lines")}

    def release_with_hash(self, content_hash: str) -> ReleaseInfo | None:
        rows = self.query("SELECT id FROM releases WHERE content_hash = ? LIMIT 1", (content_hash,))
        return self.release(rows[0][0]) if rows else None

    def release_chunks(self, release_id: str) -> list[StoredChunk]:
        rows = self.query(f"SELECT {CHUNK_COLUMNS} FROM chunks c JOIN releases r ON r.id = c.release_id "
                          "WHERE c.release_id = ? ORDER BY c.position", (release_id,))
        return [_stored(row) for row in rows]

    def chunks(self, chunk_ids: Sequence[str]) -> dict[str, StoredChunk]:
        """The committed chunks among these ids (ids of no committed version are left out)."""
        out: dict[str, StoredChunk] = {}
        for i in range(0, len(chunk_ids), 500):
            part = list(chunk_ids[i : i + 500])
            rows = self.query(f"SELECT {CHUNK_COLUMNS} FROM chunks c JOIN releases r ON r.id = c.release_id "
                              f"WHERE c.id IN ({','.join('?' * len(part))})", part)
            out.update((row[0], _stored(row)) for row in rows)
        return out

    def chunk_ids(self) -> dict[str, str]:
        """Every committed chunk id -> its release id."""
        return dict(self.query("SELECT id, release_id FROM chunks"))

    def count_chunks(self) -> int:
        return self.query("SELECT count(*) FROM chunks")[0][0]

    def lexical_counts(self) -> dict[str, int]:
        """release id -> chunks that have their lexical row."""
        return dict(self.query("SELECT c.release_id, count(t.rowid) FROM chunks c "
                               "LEFT JOIN chunk_text t ON t.rowid = c.rowid GROUP BY c.release_id"))

    def sentence_vectors(self, release_id: str, spans: Sequence[Span]) -> dict[Span, np.ndarray]:
        """Stored unit vectors of these sentences of a release (spans not stored are left out)."""
        rows = self.query('SELECT start, "end", vector FROM sentences WHERE release_id = ?', (release_id,))
        wanted = set(spans)
        return {Span(s, e): np.frombuffer(v, dtype=np.float16).astype(np.float32)
                for s, e, v in rows if Span(s, e) in wanted}


def _stored(row: tuple) -> StoredChunk:
    cid, release_id, position, start, end, text, sentences, title, date, source, content_hash = row
    return StoredChunk(id=cid, release_id=release_id, content_hash=content_hash, position=position, text=text,
                       start=start, end=end, sentences=tuple(Span(s, e) for s, e in json.loads(sentences)),
                       title=title, date=date, source=source)
