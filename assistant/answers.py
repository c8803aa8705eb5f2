"""The answer the assistant returns, typed; the CLI's JSON, the UI and the evaluation are views of it."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

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
    intent: str | None = None  # what the question was taken to ask: fact, summary, list, search, latest
    period: str | None = None  # the release dates the question limited itself to, e.g. "2006-03-01 to 2006-03-31"

    def to_json(self) -> dict:
        data = asdict(self)
        data["citations"] = [asdict(c) for c in self.citations]
        data["related"] = [asdict(c) for c in self.related]
        return data
