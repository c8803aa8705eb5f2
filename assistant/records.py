"""Typed records: what ingestion produces (releases, chunks, results) and what the assistant answers
(answers, citations). The CLI, the UI, the JSON output and the evaluation are views of them."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import Enum


@dataclass(frozen=True)
class Span:
    """Half-open character range [start, end) in a release's text."""

    start: int
    end: int


@dataclass(frozen=True)
class Release:
    id: str
    title: str | None
    date: str | None  # ISO yyyy-mm-dd
    place: str | None
    kind: str | None
    source: str  # path of the corpus file, relative to the corpus folder's parent when possible
    content_hash: str  # sha256 of the file's bytes
    text: str
    issuer: str | None = None  # who put it out (a press office, a senator), as the file's metadata states
    # The head of the text the title was read from, kept so the title can be read again once the corpus
    # shows which head lines are letterhead (`ingest/letterhead.py`); None when the metadata states it.
    opening: str | None = None

    def summary(self) -> dict:
        data = asdict(self)
        data.pop("text")
        data.pop("opening")
        return data


@dataclass(frozen=True)
class Chunk:
    id: str
    release_id: str
    position: int
    text: str
    start: int  # offsets of the chunk in the release text: release.text[start:end] == text
    end: int
    sentences: tuple[Span, ...] = field(default=())  # offsets in the release text


class IngestStatus(str, Enum):
    ADDED = "added"
    UNCHANGED = "unchanged"
    REPLACED = "replaced"
    REMOVED = "removed"
    REJECTED = "rejected"


@dataclass(frozen=True)
class IngestResult:
    path: str
    status: IngestStatus
    release_id: str | None = None
    chunks: int = 0
    reason: str | None = None

    def line(self) -> str:
        if self.status is IngestStatus.REJECTED:
            return f"{self.path}: rejected: {self.reason}"
        detail = f" ({self.chunks} chunks)" if self.chunks else ""
        return f"{self.path}: {self.status.value} as {self.release_id}{detail}"


@dataclass(frozen=True)
class ReleaseInfo:
    """What the index knows of one release (no text)."""

    id: str
    title: str | None
    date: str | None
    place: str | None
    kind: str | None
    source: str
    content_hash: str
    chunks: int
    issuer: str | None = None


ABSTAIN_TEXT = "The releases in the corpus don't say."


@dataclass(frozen=True)
class Citation:
    n: int
    release_id: str
    title: str | None
    date: str | None
    source: str
    chunk_id: str
    text: str  # the whole cited passage
    quote: str  # the supporting sentence(s), verbatim from `text`
    start: int  # offsets of the quote in the release text
    end: int
    supported: bool
    answer_start: int | None = None  # offsets in the release text of the short answer inside the quote
    answer_end: int | None = None


@dataclass(frozen=True)
class Answer:
    question: str
    standalone_question: str
    answer: str
    abstained: bool
    mode: str
    citations: tuple[Citation, ...] = ()
    related: tuple[Citation, ...] = ()
    timings_ms: dict[str, float] = field(default_factory=dict)
    confidence: float | None = None  # the reader's calibrated probability that the best sentence answers
    intent: str | None = None  # what the question was taken to ask: fact, summary, list, search, latest; chat: nothing of the releases; language: a message in another language than English
    period: str | None = None  # the release dates the question limited itself to, e.g. "2006-03-01 to 2006-03-31"
    short_answer: str | None = None  # the words inside a quote that answer; only where measured reliable (see short_answer.py)
    scope: str | None = None  # the caller's filter in words when one was set, e.g. "1 chosen release"
    other_readings: tuple[str, ...] = ()  # other stand-alone questions an ambiguous follow-up could mean
    verdict: str | None = None  # a yes/no question: "yes" or "no" when the verdict reader is sure which the quote says (verdicts.py)
    count: int | None = None  # asked "how many": the number a quote states, else a list's entries, or a search's releases

    def to_json(self) -> dict:
        data = asdict(self)
        data["citations"] = [asdict(c) for c in self.citations]
        data["related"] = [asdict(c) for c in self.related]
        return data


@dataclass(frozen=True)
class StoredChunk:
    """A chunk as read back from the index, with what the answerer needs to cite it."""

    id: str
    release_id: str
    content_hash: str
    position: int
    text: str
    start: int  # offsets in the release text
    end: int
    sentences: tuple[Span, ...]
    title: str | None
    date: str | None
    source: str
