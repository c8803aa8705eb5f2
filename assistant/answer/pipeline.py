"""The assistant: condense → retrieve (with the question's intent and period) → answer → check, as one LCEL
chain returning an `Answer`."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from datetime import date

from langchain_core.runnables import RunnableLambda

from assistant.records import ABSTAIN_TEXT, Answer
from assistant.answer.citing import cite_sentences, related_from
from assistant.errors import QuestionError
from assistant.answer.extractive import ExtractiveAnswerer, Selection
from assistant.answer.followup import Turn, condense
from assistant.retrieval.hybrid import HybridSearch, SearchFilter
from assistant.text import content_terms
from assistant.answer.intents import Intent, IntentClassifier
from assistant.answer.periods import Period, asks_for_newest, find_period
from assistant.answer.tasks import Request, TaskAnswerer

log = logging.getLogger(__name__)

MAX_QUESTION_CHARS = 2000



@dataclass
class Query:
    """The state that flows through the chain."""

    question: str
    history: list[Turn] = field(default_factory=list)
    k: int = 6
    mode: str = "extractive"
    where: SearchFilter = field(default_factory=SearchFilter)
    standalone: str = ""
    intent: Intent = Intent.FACT
    period: Period | None = None
    passages: list = field(default_factory=list)
    vector: list[float] | None = None
    idf: dict[str, float] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict)
    started: float = 0.0

    @property
    def filtered(self) -> SearchFilter:
        """The caller's filter narrowed to the question's period."""
        if not self.period:
            return self.where
        return replace(self.where, since=self.period.since, until=self.period.until)


# what the chat model is asked to write for each intent it rewrites (one fact: the plain question)
TASKS = {Intent.SUMMARY: "summarise the passages in three to five sentences",
         Intent.OVERVIEW: "summarise what the passages say about this in three to five sentences",
         Intent.LIST: "list every item the passages give, one sentence each"}


class Assistant:
    def __init__(self, search: HybridSearch, extractive: ExtractiveAnswerer, generative=None, default_k: int = 6,
                 intents: IntentClassifier | None = None, tasks: TaskAnswerer | None = None):
        self.search = search
        self.extractive = extractive
        self.generative = generative
        self.default_k = default_k
        self.intents = intents
        self.tasks = tasks
        self._reference: tuple[dict, date] | None = None  # (the versions it was read from, the newest date)
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
        if self.intents:
            self.intents.warm_up()

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
        started = time.perf_counter()
        extractive, evidence = self._extractive(query)
        if query.mode == "generative" and self.generative and evidence:  # the model only writes from evidence
            passages = self.generative.passages_for(evidence, query.passages, self._passage_limit(query))
            for piece in self.generative.stream_answer(query.standalone, passages, extractive, TASKS.get(query.intent)):
                yield self.timed(query, piece, started) if isinstance(piece, Answer) else piece
            return
        yield extractive.answer
        yield self.timed(query, extractive, started)

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
        unknown = [r for r in release_ids if r not in self.search.store.current_versions()]
        if unknown:
            raise QuestionError(f"release: {unknown[0]!r} is not in the index (see `assistant list`)")
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
        if self.intents:
            query.intent = self.intents.classify(query.standalone).intent
        query.timings["intent"] = _ms(t)
        if not (query.where.since or query.where.until):  # a filter the caller set wins over the question's words
            query.period = find_period(query.standalone, self._reference_day())
        if query.intent is Intent.FACT or not self.tasks:
            # one fact: the period narrows the search only when something in it answers (see _extractive)
            query.passages = self.search.search(query.standalone, query.k, query.filtered, query_vector=query.vector)
            query.idf = self.search.store.idf(content_terms(query.standalone))
        query.timings["retrieve"] = _ms(t)
        return query

    def _answer(self, query: Query) -> Answer:
        t = time.perf_counter()
        answer, evidence = self._extractive(query)
        if query.mode == "generative" and self.generative and evidence:
            passages = self.generative.passages_for(evidence, query.passages, self._passage_limit(query))
            answer = self.generative.answer(query.standalone, passages, answer, TASKS.get(query.intent))
        return self.timed(query, answer, t)

    def _extractive(self, query: Query) -> tuple[Answer, list]:
        """The extractive answer and the passages holding its evidence."""
        if query.intent is not Intent.FACT and self.tasks:
            previous = query.history[-1].release_ids if query.history else ()
            request = Request(query.question, query.standalone, query.vector, query.filtered,
                              query.period.label() if query.period else None, previous)
            result = self.tasks.answer(query.intent, request)
            evidence = list(result.evidence) if query.intent in TASKS else []
            return result.answer, evidence
        newest = asks_for_newest(query.standalone)
        selection = self.extractive.select(query.standalone, query.passages, query.idf, newest)
        if query.period and not selection.sentences:  # the dates were the event's, not the release's
            query.period = None
            query.passages = self.search.search(query.standalone, query.k, query.where, query_vector=query.vector)
            selection = self.extractive.select(query.standalone, query.passages, query.idf, newest)
        query.timings["read"] = selection.read_ms
        return self.extractive_answer(query, selection), [s.passage for s in selection.sentences]

    def _passage_limit(self, query: Query) -> int | None:
        return 6 if query.intent in TASKS else None

    def _reference_day(self) -> date:
        """"Last year" and "since March" are read against the newest release's date."""
        versions = self.search.store.current_versions()
        if self._reference is None or self._reference[0] is not versions:
            dates = [r.date for r in self.search.store.releases() if r.date]
            self._reference = (versions, date.fromisoformat(max(dates)) if dates else date.today())
        return self._reference[1]

    @staticmethod
    def timed(query: Query, answer: Answer, answer_started: float) -> Answer:
        query.timings["answer"] = _ms(answer_started)
        query.timings["total"] = _ms(query.started)
        return replace(answer, timings_ms={k: round(v, 1) for k, v in query.timings.items()})

    def extractive_answer(self, query: Query, selection: Selection) -> Answer:
        confidence = round(selection.confidence, 4)
        period = query.period.label() if query.period else None
        if not selection.sentences:
            return Answer(query.question, query.standalone, ABSTAIN_TEXT, True, "extractive",
                          related=related_from(selection.ranked), confidence=confidence, intent=Intent.FACT.value,
                          period=period)
        text, citations = cite_sentences(selection.sentences)
        return Answer(query.question, query.standalone, text, False, "extractive", citations, confidence=confidence,
                      intent=Intent.FACT.value, period=period)


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

    def stream(self, question: str, **options) -> Iterator[str | Answer]:
        """`Assistant.stream` with this conversation's history; the final answer is remembered."""
        for piece in self.assistant.stream(question, history=self.turns, **options):
            if isinstance(piece, Answer):
                self.remember(piece)
            yield piece

    def remember(self, answer: Answer) -> None:
        cited = tuple(dict.fromkeys(c.release_id for c in answer.citations))
        self.turns.append(Turn(answer.question, answer.standalone_question, answer.answer, answer.abstained, cited))
        del self.turns[: -self.max_turns]


def _day(name: str, value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise QuestionError(f"{name}: {value!r} is not a date (use YYYY-MM-DD)") from None


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000
