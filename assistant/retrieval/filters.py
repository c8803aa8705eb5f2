"""Which releases a search may return: by id and by release date."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class SearchFilter:
    release_ids: tuple[str, ...] = ()
    since: date | None = None
    until: date | None = None

    @property
    def since_num(self) -> int | None:
        return date_num(self.since) if self.since else None

    @property
    def until_num(self) -> int | None:
        return date_num(self.until) if self.until else None

    def chroma_where(self) -> dict | None:
        clauses: list[dict] = []
        if self.release_ids:
            clauses.append({"release_id": {"$in": list(self.release_ids)}})
        if self.since:
            clauses.append({"date_num": {"$gte": self.since_num}})
        if self.until:
            clauses.append({"date_num": {"$lte": self.until_num}})
        if not clauses:
            return None
        return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def date_num(day: date) -> int:
    """A date as the number the index filters on (yyyymmdd)."""
    return day.year * 10000 + day.month * 100 + day.day
