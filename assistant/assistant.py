"""The assistant: condense → retrieve → answer → check, as one LCEL chain returning an `Answer`."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from langchain_core.runnables import RunnableLambda

from .answers import Answer
from .citations import cite_sentences, related_from
from .errors import AssistantError
from .extractive import ExtractiveAnswerer, Selection
from .followup import Turn, condense
from .retrieval import HybridSearch, SearchFilter
from .text import MONTH_NAMES, content_terms

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000
ABSTAIN_TEXT = "The releases in the corpus don't say."


class QuestionError(AssistantError, ValueError):
    """A question the assistant cannot take (empty, too long, bad filter)."""


@dataclass
class Query:
    """The state that flows through the chain."""

    question: str
    history: list[Turn] = field(default_factory=list)
    k: int = 6
    mode: str = "extractive"
    where: SearchFilter = field(default_factory=SearchFilter)
    standalone: str = ""
    passages: list = field(default_factory=list)
    vector: list[float] | None = None
    idf: dict[str, float] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    started: float = 0.0


class Assistant:
    def __init__(self, search: HybridSearch, extractive: ExtractiveAnswerer, generative=None, default_k: int = 6):
        self.search = search
        self.extractive = extractive
        self.generative = generative
        self.default_k = default_k
        self.chain = (
            RunnableLambda(self._condense, name="condense")
            | RunnableLambda(self._retrieve, name="retrieve")
            | RunnableLambda(self._answer, name="answer")
        )

    @property
    def modes(self) -> list[str]:
        return ["extractive", "generative"] if self.generative else ["extractive"]

    def warm_up(self) -> None:
        self.search.warm_up()
        self.extractive.warm_up()

    def ask(self, question: str, *, history: list[Turn] | None = None, k: int | None = None,
            mode: str | None = None, since: str | date | None = None, until: str | date | None = None,
            release_ids: tuple[str, ...] = ()) -> Answer:
        query = self._query(question, history, k, mode, since, until, release_ids)
        return self.chain.invoke(query)

    def stream(self, question: str, **options) -> Iterator[str | Answer]:
        """Yields pieces of answer text as they are produced, then the final checked `Answer`.

        The final answer is authoritative: the generative mode may drop sentences the check rejects."""
        query = self._query(question, options.pop("history", None), options.pop("k", None),
                            options.pop("mode", None), options.pop("since", None), options.pop("until", None),
                            options.pop("release_ids", ()))
        query = self._retrieve(self._condense(query))
        if query.mode == "generative" and self.generative:
            selection = self._select(query)
            if selection.sentences:  # the model only writes when there is evidence
                yield from self.generative.stream_answer(self, query, selection)
                return
        answer = self._answer(query)
        yield answer.answer
        yield answer

    # -- chain steps ---------------------------------------------------------------------------------
    def _query(self, question, history, k, mode, since, until, release_ids) -> Query:
        if not isinstance(question, str) or not question.strip():
            raise QuestionError("question: empty; ask something about the releases")
        if len(question) > MAX_QUESTION_CHARS:
            raise QuestionError(f"question: {len(question):,} characters, over the {MAX_QUESTION_CHARS:,}-character limit")
        mode = mode or "extractive"
        if mode not in ("extractive", "generative"):
            raise QuestionError(f"mode: {mode!r} is not one of extractive, generative")
        if mode == "generative" and not self.generative:
            raise QuestionError("mode: generative needs a chat model: set ASSISTANT_LLM (see README)")
        k = self.default_k if k is None else k
        if not 1 <= k <= 50:
            raise QuestionError(f"k: {k} is outside 1..50")
        where = SearchFilter(tuple(release_ids), _day("since", since), _day("until", until))
        if where.since and where.until and where.since > where.until:
            raise QuestionError(f"since {where.since} is after until {where.until}")
        return Query(question=" ".join(question.split()), history=list(history or []), k=k, mode=mode, where=where,
                     started=time.perf_counter())

    def _condense(self, query: Query) -> Query:
        query.standalone = condense(query.question, query.history)
        if self.generative and query.history and query.standalone == query.question:
            query.standalone = self.generative.condense(query.question, query.history) or query.question
        return query

    def _retrieve(self, query: Query) -> Query:
        t = time.perf_counter()
        embeddings = self.search.store.embeddings
        query.vector = embeddings.embed_query(query.standalone)
        where = query.where
        period = _period(query.standalone) if not (where.since or where.until) else None
        if period:
            where = replace(where, since=period[0], until=period[1])
        query.passages = self.search.search(query.standalone, query.k, where, query_vector=query.vector)
        if period and not query.passages:
            query.passages = self.search.search(query.standalone, query.k, query.where, query_vector=query.vector)
        query.idf = self.search.store.lexical.idf(content_terms(query.standalone))
        query.timings["retrieve"] = _ms(t)
        return query

    def _select(self, query: Query) -> Selection:
        return self.extractive.select(query.standalone, query.passages, query.idf, latest=_asks_latest(query.standalone))

    def _answer(self, query: Query) -> Answer:
        t = time.perf_counter()
        selection = self._select(query)
        query.timings["read"] = selection.read_ms
        if query.mode == "generative" and self.generative and selection.sentences:
            answer = self.generative.answer(self, query, selection)
        else:
            answer = self.extractive_answer(query, selection)
        return self.timed(query, answer, t)

    @staticmethod
    def timed(query: Query, answer: Answer, answer_started: float) -> Answer:
        query.timings["answer"] = _ms(answer_started)
        query.timings["total"] = _ms(query.started)
        return replace(answer, timings_ms={k: round(v, 1) for k, v in query.timings.items()})

    def extractive_answer(self, query: Query, selection: Selection) -> Answer:
        confidence = round(selection.confidence, 4)
        if not selection.sentences:
            return Answer(query.question, query.standalone, ABSTAIN_TEXT, True, "extractive",
                          related=related_from(selection.ranked), confidence=confidence)
        text, citations = cite_sentences(selection.sentences)
        return Answer(query.question, query.standalone, text, False, "extractive", citations, confidence=confidence)


class Conversation:
    """Keeps the turns of one chat so follow-ups can be resolved."""

    def __init__(self, assistant: Assistant, max_turns: int = 10):
        self.assistant = assistant
        self.turns: list[Turn] = []
        self.max_turns = max_turns

    def ask(self, question: str, **options) -> Answer:
        answer = self.assistant.ask(question, history=self.turns, **options)
        self.remember(answer)
        return answer

    def remember(self, answer: Answer) -> None:
        self.turns.append(Turn(answer.question, answer.standalone_question, answer.answer, answer.abstained))
        del self.turns[: -self.max_turns]


def _day(name: str, value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QuestionError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from None


_PERIOD = re.compile(
    r"\b(?:announced|released|published|issued|said|put out|sent)\b.*?\bin\s+(?:(?P<month>"
    + "|".join(MONTH_NAMES) + r")\s+)?(?P<year>(?:19|20)\d{2})\b", re.I)


def _period(question: str) -> tuple[date, date] | None:
    """'What did X announce in March 2005?' limits the search to releases dated in that period."""
    m = _PERIOD.search(question)
    if not m:
        return None
    year = int(m["year"])
    if m["month"]:
        month = MONTH_NAMES.index(m["month"].lower()) + 1
        end = date(year + (month == 12), month % 12 + 1, 1).toordinal() - 1
        return date(year, month, 1), date.fromordinal(end)
    return date(year, 1, 1), date(year, 12, 31)


def _asks_latest(question: str) -> bool:
    """"the latest ...", "the most recent ...": the newest release's answer, not the best-scored one."""
    return bool(re.search(r"\b(?:latest|most recent|newest)\b", question, re.I))


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000
