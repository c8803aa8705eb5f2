"""BM25 over the catalog's FTS5 rows: search, and the term statistics the answerers weigh words by."""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.index.catalog import Catalog
from assistant.text import content_terms


@dataclass(frozen=True)
class LexicalHit:
    chunk_id: str
    release_id: str
    score: float  # BM25, higher is better


def search(catalog: Catalog, query: str, k: int, *, since: int | None = None, until: int | None = None,
           release_ids: Sequence[str] | None = None) -> list[LexicalHit]:
    terms = content_terms(query)
    if not terms:
        return []
    match = " OR ".join(_phrase(t) for t in dict.fromkeys(terms))
    sql = ("SELECT c.id, c.release_id, -bm25(chunk_text, 1.0, 0.3) AS score FROM chunk_text "
           "JOIN chunks c ON c.rowid = chunk_text.rowid WHERE chunk_text MATCH ?")
    args: list = [match]
    if since is not None:
        sql += " AND chunk_text.date_num >= ?"
        args.append(since)
    if until is not None:
        sql += " AND chunk_text.date_num <= ?"
        args.append(until)
    if release_ids:
        sql += f" AND c.release_id IN ({','.join('?' * len(release_ids))})"
        args.extend(release_ids)
    sql += " ORDER BY score DESC LIMIT ?"
    args.append(k)
    try:
        rows = catalog.query(sql, args)
    except sqlite3.OperationalError:  # a term FTS5 cannot parse: no lexical evidence
        return []
    return [LexicalHit(*row) for row in rows]


def frequencies(catalog: Catalog, terms: Sequence[str]) -> tuple[int, dict[str, int]]:
    """(number of chunks, number of chunks holding each term)."""
    total = catalog.query("SELECT count(*) FROM chunk_text")[0][0]
    out: dict[str, int] = {}
    for term in dict.fromkeys(terms):
        try:
            out[term] = catalog.query("SELECT count(*) FROM chunk_text WHERE chunk_text MATCH ?", (_phrase(term),))[0][0]
        except sqlite3.OperationalError:
            out[term] = 0
    return total, out


def idf(catalog: Catalog, terms: Sequence[str]) -> dict[str, float]:
    """Inverse document frequency of each term over the chunks (a term never seen counts as seen once)."""
    total, counts = frequencies(catalog, terms)
    return {term: math.log((total + 1) / (max(df, 1) + 0.5)) for term, df in counts.items()}


def _phrase(term: str) -> str:
    return '"' + term.replace('"', "") + '"'
