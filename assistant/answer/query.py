"""The records that flow through the answer pipeline, and the check that turns a caller's question and
options into the first of them. Every record is frozen: a step returns a new one instead of editing."""

from __future__ import annotations

from collections.abc import Container, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from assistant.answer.extractive import Selection
from assistant.answer.followup import Turn
from assistant.answer.intents import Intent
from assistant.answer.periods import Period
from assistant.errors import QuestionError
from assistant.records import Answer
from assistant.retrieval.filters import SearchFilter
from assistant.retrieval.passages import Passage

MAX_QUESTION_CHARS = 2000
MODES = ("extractive", "generative")


@dataclass(frozen=True)
class Question:
    """A question that passed `validate`, with the caller's options."""

    text: str  # white space folded
    history: tuple[Turn, ...] = ()
    k: int = 6
    mode: str = "extractive"
    where: SearchFilter = field(default_factory=SearchFilter)  # the caller's filter


@dataclass(frozen=True)
class Retrieval:
    """What the question asks for and the passages found for it."""

    standalone: str  # the follow-up rewritten to stand alone
    vector: list[float]  # its embedding, reused by every search
    intent: Intent
    period: Period | None  # release dates the question names, unless the caller set a filter
    passages: tuple[Passage, ...]  # empty when a task answerer searches for itself
    idf: dict[str, float]
    timings: dict[str, float]  # intent, retrieve (ms)


@dataclass(frozen=True)
class Reading:
    """The extractive answer and where it came from."""

    answer: Answer
    evidence: tuple[Passage, ...]  # the passages holding the quoted sentences
    passages: tuple[Passage, ...]  # the passages read (after any fallback to all dates)
    intent: Intent  # the intent it was answered as: FACT unless a task answerer answered
    read_ms: float | None = None  # the reader's time, for one-fact answers


@dataclass(frozen=True)
class FactReading:
    """The reader's selection for a one-fact question and where it read."""

    selection: Selection
    passages: tuple[Passage, ...]  # the passages read
    period: Period | None  # the release dates that narrowed the search, when something in them answered
    in_context: bool  # read from the releases the conversation is about


def narrowed(where: SearchFilter, period: Period | None) -> SearchFilter:
    """The caller's filter narrowed to the question's period."""
    return replace(where, since=period.since, until=period.until) if period else where


def validate(question: object, *, history: Sequence[Turn] | None, k: int, mode: str | None,
             since: str | date | None, until: str | date | None, release_ids: Sequence[str],
             known_releases: Container[str], generative: bool) -> Question:
    """The question and options as a `Question`, or a QuestionError with a one-line message naming the field."""
    if not isinstance(question, str) or not question.strip():
        raise QuestionError("question: empty; ask something about the releases")
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError(f"question: {len(question):,} characters, over the {MAX_QUESTION_CHARS:,}-character limit")
    mode = mode or "extractive"
    if mode not in MODES:
        raise QuestionError(f"mode: {mode!r} is not one of {', '.join(MODES)}")
    if mode == "generative" and not generative:
        raise QuestionError("mode: generative needs a chat model: set ASSISTANT_LLM_PROVIDER (llamacpp, ollama or openai; see README)")
    if not 1 <= k <= 50:
        raise QuestionError(f"k: {k} is outside 1..50")
    unknown = [r for r in release_ids if r not in known_releases]
    if unknown:
        raise QuestionError(f"release: {unknown[0]!r} is not in the index (see `assistant list`)")
    where = SearchFilter(tuple(release_ids), _day("since", since), _day("until", until))
    if where.since and where.until and where.since > where.until:
        raise QuestionError(f"since {where.since} is after until {where.until}")
    return Question(" ".join(question.split()), tuple(history or ()), k, mode, where)


def _day(name: str, value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QuestionError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from None
