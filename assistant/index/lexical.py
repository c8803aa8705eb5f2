"""BM25 over the catalog's FTS5 rows: search, and the term statistics the answerers weigh words by."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.index.catalog import Catalog
from assistant.text import content_terms, search_terms


@dataclass(frozen=True)
class LexicalHit:
    chunk_id: str
    release_id: str
    score: float  # BM25, higher is better


def search(catalog: Catalog, query: str, k: int, *, since: int | None = None, until: int | None = None,
           release_ids: Sequence[str] | None = None) -> list[LexicalHit]:
    terms = list(dict.fromkeys(search_terms(query)))
    if not terms:
        return []
    # FTS5's BM25 gives a term in half the chunks or more an IDF of ~0, so leaving it out of the match
    # changes no score; it only spares ranking the many rows that hold it. When the other terms match
    # fewer than k chunks, the ~0-scored rows are part of the answer: the whole query runs then.
    total, counts = frequencies(catalog, terms)
    informative = [t for t in terms if counts[t] < total / 2]
    if informative and len(informative) < len(terms):
        hits = _ranked(catalog, informative, k, since, until, release_ids)
        if len(hits) == k:
            return hits
    return _ranked(catalog, terms, k, since, until, release_ids)


def _ranked(catalog: Catalog, terms: Sequence[str], k: int, since: int | None, until: int | None,
            release_ids: Sequence[str] | None) -> list[LexicalHit]:
    match = " OR ".join(_phrase(t) for t in terms)
    # rank inside FTS5 first and join only the k best to their chunks: a common word matches most rows
    inner = "SELECT rowid, -bm25(chunk_text, 1.0, 0.3) AS score FROM chunk_text WHERE chunk_text MATCH ?"
    args: list = [match]
    if since is not None:
        inner += " AND date_num >= ?"
        args.append(since)
    if until is not None:
        inner += " AND date_num <= ?"
        args.append(until)
    if release_ids:  # the release filter needs the chunks table (a scoped chat: few rows match)
        inner += f" AND rowid IN (SELECT rowid FROM chunks WHERE release_id IN ({','.join('?' * len(release_ids))}))"
        args.extend(release_ids)
    sql = (f"SELECT c.id, c.release_id, t.score FROM ({inner} ORDER BY score DESC LIMIT ?) t "
           "JOIN chunks c ON c.rowid = t.rowid ORDER BY t.score DESC")
    args.append(k)
    try:
        rows = catalog.query(sql, args)
    except sqlite3.OperationalError:  # a term FTS5 cannot parse: no lexical evidence
        return []
    return [LexicalHit(*row) for row in rows]


def frequencies(catalog: Catalog, terms: Sequence[str]) -> tuple[int, dict[str, int]]:
    """(number of chunks, number of chunks holding each term); cached until the next commit."""
    cache = catalog.term_counts()
    if "" not in cache:  # one lexical row per chunk; counting the FTS5 table itself would scan it
        cache[""] = catalog.count_chunks()
    for term in dict.fromkeys(terms):
        if term not in cache:
            try:
                cache[term] = catalog.query("SELECT count(*) FROM chunk_text WHERE chunk_text MATCH ?",
                                            (_phrase(term),))[0][0]
            except sqlite3.OperationalError:
                cache[term] = 0
    return cache[""], {term: cache[term] for term in terms}


def releases_naming(catalog: Catalog, name: str) -> set[str]:
    """The releases with a chunk that holds `name` as a phrase (FTS5's tokens: any case)."""
    if not content_terms(name):
        return set()
    try:
        rows = catalog.query("SELECT DISTINCT c.release_id FROM chunk_text t JOIN chunks c ON c.rowid = t.rowid "
                             "WHERE chunk_text MATCH ?", (_phrase(name),))
    except sqlite3.OperationalError:
        return set()
    return {row[0] for row in rows}


def idf(catalog: Catalog, terms: Sequence[str]) -> dict[str, float]:
    """Inverse document frequency of each term over the chunks (a term never seen counts as seen once)."""
    total, counts = frequencies(catalog, terms)
    return {term: idf_weight(total, df) for term, df in counts.items()}


def idf_weight(total: int, df: int) -> float:
    """The IDF of a term found in `df` of `total` chunks."""
    return math.log((total + 1) / (max(df, 1) + 0.5))


def _phrase(term: str) -> str:
    return '"' + term.replace('"', "") + '"'
