"""A BM25 lexical index of the same chunks, in SQLite FTS5 next to the Chroma folder.

FTS5 updates in place inside a transaction, so the index follows every addition and removal without
a rebuild, and it survives restarts. It holds one version per release; `versions()` lets the store
reconcile it with the registry after a crash or after another process wrote to a shared server."""

from __future__ import annotations

import math
import sqlite3
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.text import content_terms

SCHEMA = """
CREATE VIRTUAL TABLE IF NOT EXISTS chunk_text USING fts5(
    text, title, chunk_id UNINDEXED, release_id UNINDEXED, content_hash UNINDEXED, date_num UNINDEXED,
    tokenize = 'porter unicode61 remove_diacritics 2'
);
CREATE TABLE IF NOT EXISTS versions (release_id TEXT PRIMARY KEY, content_hash TEXT NOT NULL);
"""


@dataclass(frozen=True)
class LexicalHit:
    chunk_id: str
    release_id: str
    content_hash: str
    score: float  # BM25, higher is better


@dataclass(frozen=True)
class LexicalRow:
    chunk_id: str
    text: str
    title: str | None
    date_num: int | None


class LexicalIndex:
    def __init__(self, path: Path):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock = threading.Lock()
        self._db = sqlite3.connect(path, check_same_thread=False, isolation_level=None, timeout=30)
        self._db.execute("PRAGMA journal_mode=WAL")
        self._db.executescript(SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def versions(self) -> dict[str, str]:
        with self._lock:
            return dict(self._db.execute("SELECT release_id, content_hash FROM versions"))

    def counts(self) -> dict[str, int]:
        with self._lock:
            return dict(self._db.execute("SELECT release_id, count(*) FROM chunk_text GROUP BY release_id"))

    def count(self) -> int:
        with self._lock:
            return self._db.execute("SELECT count(*) FROM chunk_text").fetchone()[0]

    def replace_release(self, release_id: str, content_hash: str, rows: Sequence[LexicalRow]) -> None:
        """Swap a release's rows for a new version in one transaction."""
        self.replace_releases([(release_id, content_hash, rows)])

    def replace_releases(self, releases: Sequence[tuple[str, str, Sequence[LexicalRow]]]) -> None:
        """Swap several releases' rows (release id, content hash, rows) in one transaction."""
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                ids = [release_id for release_id, _, _ in releases]
                # deleting by an UNINDEXED column scans every row, so only releases that have rows do it
                # (the versions table lists exactly those: both change in the same transaction)
                present = {row[0] for row in self._db.execute(
                    f"SELECT release_id FROM versions WHERE release_id IN ({','.join('?' * len(ids))})", ids)}
                for release_id, content_hash, rows in releases:
                    if release_id in present:
                        self._db.execute("DELETE FROM chunk_text WHERE release_id = ?", (release_id,))
                    self._db.executemany(
                        "INSERT INTO chunk_text (text, title, chunk_id, release_id, content_hash, date_num) "
                        "VALUES (?, ?, ?, ?, ?, ?)",
                        [(r.text, r.title or "", r.chunk_id, release_id, content_hash, r.date_num) for r in rows],
                    )
                    self._db.execute(
                        "INSERT OR REPLACE INTO versions (release_id, content_hash) VALUES (?, ?)",
                        (release_id, content_hash),
                    )
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def delete_releases(self, release_ids: Iterable[str]) -> None:
        ids = [(rid,) for rid in release_ids]
        with self._lock:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._db.executemany("DELETE FROM chunk_text WHERE release_id = ?", ids)
                self._db.executemany("DELETE FROM versions WHERE release_id = ?", ids)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise

    def clear(self) -> None:
        with self._lock:
            self._db.executescript("DELETE FROM chunk_text; DELETE FROM versions;")

    def idf(self, terms: Sequence[str]) -> dict[str, float]:
        """Inverse document frequency of each term over the chunks (a term never seen counts as seen once)."""
        total, frequencies = self.frequencies(terms)
        return {term: math.log((total + 1) / (max(df, 1) + 0.5)) for term, df in frequencies.items()}

    def frequencies(self, terms: Sequence[str]) -> tuple[int, dict[str, int]]:
        """(number of chunks, number of chunks holding each term)."""
        out: dict[str, int] = {}
        with self._lock:
            total = self._db.execute("SELECT count(*) FROM chunk_text").fetchone()[0]
            for term in dict.fromkeys(terms):
                phrase = '"' + term.replace('"', "") + '"'
                try:
                    out[term] = self._db.execute("SELECT count(*) FROM chunk_text WHERE chunk_text MATCH ?",
                                                 (phrase,)).fetchone()[0]
                except sqlite3.OperationalError:
                    out[term] = 0
        return total, out

    def search(
        self, query: str, k: int, *, since: int | None = None, until: int | None = None,
        release_ids: Sequence[str] | None = None,
    ) -> list[LexicalHit]:
        terms = content_terms(query)
        if not terms:
            return []
        match = " OR ".join('"' + t.replace('"', "") + '"' for t in dict.fromkeys(terms))
        sql = ("SELECT chunk_id, release_id, content_hash, -bm25(chunk_text, 1.0, 0.3) AS score "
               "FROM chunk_text WHERE chunk_text MATCH ?")
        args: list = [match]
        if since is not None:
            sql += " AND date_num >= ?"
            args.append(since)
        if until is not None:
            sql += " AND date_num <= ?"
            args.append(until)
        if release_ids:
            sql += f" AND release_id IN ({','.join('?' * len(release_ids))})"
            args.extend(release_ids)
        sql += " ORDER BY score DESC LIMIT ?"
        args.append(k)
        with self._lock:
            try:
                rows = self._db.execute(sql, args).fetchall()
            except sqlite3.OperationalError:  # a term FTS5 cannot parse: no lexical evidence
                return []
        return [LexicalHit(*row) for row in rows]


