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

    @property
    def active(self) -> bool:
        return bool(self.release_ids or self.since or self.until)

    def describe(self, titles: dict[str, str | None] | None = None) -> str | None:
        """The filter in words for the reader of an answer, e.g. 'the release "X"; dated from 2025-01-01';
        None when nothing is filtered. `titles` names releases by title where known."""
        parts: list[str] = []
        if len(self.release_ids) == 1:
            only = self.release_ids[0]
            parts.append(f'the release "{(titles or {}).get(only) or only}"')
        elif self.release_ids:
            parts.append(f"{len(self.release_ids)} chosen releases")
        if self.since and self.until:
            parts.append(f"dated {self.since.isoformat()} to {self.until.isoformat()}")
        elif self.since:
            parts.append(f"dated from {self.since.isoformat()}")
        elif self.until:
            parts.append(f"dated until {self.until.isoformat()}")
        return "; ".join(parts) or None

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
