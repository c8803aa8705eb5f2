"""The assistant: condense → retrieve (with the question's intent and period) → read → cite, and in
generative mode the chat model's checked draft, with the extractive answer as the fallback.

`stream` is the one path; `ask` is `stream` consumed."""

from __future__ import annotations

import logging
import time
from collections.abc import Generator, Iterator, Sequence
from dataclasses import replace
from datetime import date

from assistant.answer import language
from assistant.answer.citing import cite_sentences, related_from
from assistant.answer.compound import question_parts, unanswered_note
from assistant.answer.conversation import Conversation, turn_of
from assistant.answer.counting import states_count
from assistant.answer.extractive import ExtractiveAnswerer, Selection, joined_selection
from assistant.answer.followup import Rewrite, Turn, resolve as rewrite_followup, with_reading_note
from assistant.answer.numbers_asked import NumbersAsked
from assistant.answer.short_answer import ShortAnswerFinder, narrowed_answer
from assistant.answer.generative import GenerativeAnswerer, rewrites
from assistant.answer.intents import Intent, IntentClassifier
from assistant.answer.periods import Period, asks_for_newest, find_period
from assistant.answer.query import FactReading, Question, Reading, Retrieval, narrowed, validate
from assistant.answer.release_mentions import find_release_mention
from assistant.answer.issuers import find_issuer, narrowed_to_issuer, narrowed_to_releases
from assistant.answer.smalltalk import SmalltalkModel, reply_text as smalltalk_reply_text
from assistant.answer.spelling import Speller
from assistant.answer.tasks import Request, TaskAnswerer, TaskResult, in_period
from assistant.answer.verdicts import judged, rescued
from assistant.reader.verdict import VerdictReader
from assistant.records import ABSTAIN_TEXT, Answer
from assistant.retrieval.filters import SearchFilter
from assistant.retrieval.hybrid import HybridSearch
from assistant.retrieval.passages import Passage
from assistant.text import content_terms, stem

# intents whose question's dates may be the events' rather than the releases' (a search asks for releases)
EVENT_DATED = (Intent.LIST, Intent.SUMMARY, Intent.OVERVIEW)

__all__ = ["Assistant", "Conversation", "cite"]  # Conversation: the UI, CLI and tests import it from here

log = logging.getLogger(__name__)


class Assistant:
    def __init__(self, search: HybridSearch, extractive: ExtractiveAnswerer,
                 generative: GenerativeAnswerer | None = None, default_k: int = 6,
                 intents: IntentClassifier | None = None, tasks: TaskAnswerer | None = None,
                 smalltalk: SmalltalkModel | None = None, speller: Speller | None = None, language_check: bool = True,
                 verdicts: VerdictReader | None = None):
        self.search = search
        self.extractive = extractive
        self.generative = generative
        self.default_k = default_k
        self.intents = intents
        self.tasks = tasks
        self.smalltalk = smalltalk  # whether a message asks nothing of the releases ("hi", "thanks!")
        self.speller = speller  # corrects typos before the question is read
        self.language_check = language_check  # a message in another language gets a reply saying so (language.py)
        self.verdicts = verdicts  # answers a refused yes/no question the verdict reader finds settled (verdicts.py)
        self._reference: tuple[object, date] | None = None  # (the versions it was read from, the newest date)
        self.short_answers = ShortAnswerFinder(extractive.reader, numbers=NumbersAsked.load(),
                                               embedding_model=search.store.model_name)

    @property
    def modes(self) -> list[str]:
        return ["extractive", "generative"] if self.generative else ["extractive"]

    def warm_up(self) -> None:
        self.search.warm_up()
        self.extractive.warm_up()
        if self.intents:
            self.intents.warm_up()
        if self.speller:
            self.speller.warm_up()
        if self.language_check:
            language.warm_up()
        if self.verdicts:
            self.verdicts.warm_up()

    def ask(self, question: str, *, history: Sequence[Turn] | None = None, k: int | None = None,
            mode: str | None = None, since: str | date | None = None, until: str | date | None = None,
            release_ids: Sequence[str] = ()) -> Answer:
        *_, answer = self.stream(question, history=history, k=k, mode=mode, since=since, until=until,
                                 release_ids=release_ids)
        return answer

    def stream(self, question: str, *, history: Sequence[Turn] | None = None, k: int | None = None,
               mode: str | None = None, since: str | date | None = None, until: str | date | None = None,
               release_ids: Sequence[str] = ()) -> Iterator[str | Answer]:
        """Yields pieces of answer text as they are produced, then the final checked `Answer`.

        The final answer is authoritative: the check may drop generated sentences, or keep the
        extractive answer after the model's text was streamed."""
        started = time.perf_counter()
        asked = validate(question, history=history, k=self.default_k if k is None else k, mode=mode, since=since,
                         until=until, release_ids=release_ids, known_releases=self.search.store.current_versions(),
                         generative=self.generative is not None)
        typed, filtered = asked.text, asked.where.active
        asked, named = self.named_releases(asked)
        foreign = language.written_in(asked.text) if self.language_check else None
        if foreign is not None:
            # read as English it was refused, or taken for small talk (its vector lands there), and the
            # speller garbled it ("tenu" -> "ten")
            reply = Answer(typed, asked.text, language.reply_text(foreign), True, asked.mode, intent="language",
                           timings_ms={"total": round(_ms(started), 1)})
            yield reply.answer
            yield reply
            return
        embedding = time.perf_counter()
        vector = self.search.store.embeddings.embed_query(asked.text)
        embed_ms = _ms(embedding)
        if self.is_smalltalk(vector):
            reply = replace(self.smalltalk_reply(asked), question=typed, timings_ms={"total": round(_ms(started), 1)})
            yield reply.answer
            yield reply
            return
        original = asked.text
        asked = self.spelled(asked)  # read with its typos corrected; the answer names the question as asked
        rewrite = self.rewrite(asked)
        reused = rewrite.standalone == original  # the message's vector serves the search when it needs no rewriting
        retrieval = self.retrieve(asked, rewrite.standalone, vector if reused else None)
        answering = time.perf_counter()
        reading = self.read(asked, retrieval)
        # an ambiguous pronoun: the answer says which reading was searched and offers the others
        reading = replace(reading, answer=with_reading_note(reading.answer, rewrite))
        answer = yield from self.write(asked, retrieval, reading)
        timings = {**retrieval.timings, **({} if reading.read_ms is None else {"read": reading.read_ms}),
                   "answer": _ms(answering), "total": _ms(started)}
        if reused:  # retrieving includes embedding the question, wherever it was embedded
            timings["retrieve"] += embed_ms
        yield replace(self.scoped(answer, asked.where, named, filtered), question=typed,
                      timings_ms={name: round(ms, 1) for name, ms in timings.items()})

    def is_smalltalk(self, vector: list[float]) -> bool:
        """The message whose query vector this is asks nothing of the releases ("hi", "thanks!", "what can
        you do?"), by the small-talk model (smalltalk.py); never without a model for this corpus's vectors."""
        return self.smalltalk is not None and self.smalltalk.reads(self.search.store.model_name, len(vector)) \
            and self.smalltalk.says(vector)

    def smalltalk_reply(self, asked: Question) -> Answer:
        """What the assistant does, over this corpus; it quotes nothing, so it cites nothing and claims
        nothing of the releases (abstained)."""
        return Answer(asked.text, asked.text, smalltalk_reply_text(self.search.store.releases()), True, asked.mode,
                      intent="chat")

    # -- the steps --------------------------------------------------------------------------------------
    def named_releases(self, asked: Question) -> tuple[Question, bool]:
        """The question kept to the releases it names by id ("Summarize 28aug2007alexander99"), read with
        "this release" in their place (`release_mentions.py`); as asked when it names none, or only
        releases the caller's filter (its releases, its dates) leaves out: the caller's filter wins. True
        when it was kept to them."""
        store = self.search.store
        mention = find_release_mention(asked.text, asked.where.release_ids or store.current_versions())
        if mention is None:
            return asked, False
        dated = [r for r in mention.release_ids if (info := store.release(r)) and in_period(info.date, asked.where)]
        where = narrowed_to_releases(asked.where, dated) if dated else None
        if where is None:
            return asked, False
        return replace(asked, text=mention.text, where=where), True

    def spelled(self, asked: Question) -> Question:
        """The question with its typos corrected (`spelling.py`), as it is searched and read."""
        return replace(asked, text=self.speller.correct(asked.text)) if self.speller else asked

    def condense(self, asked: Question) -> str:
        return self.rewrite(asked).standalone

    def rewrite(self, asked: Question) -> Rewrite:
        """The question made to stand alone: by rule, else (when the rule changed nothing in a follow-up, or
        only joined one that names nothing to the last question) by the chat model when there is one; with
        the other readings of an ambiguous pronoun."""
        history = list(asked.history)
        rewrite = rewrite_followup(asked.text, history)
        if self.generative and history and (rewrite.standalone == asked.text or rewrite.joined):
            rewrite = Rewrite(self.generative.condense(asked.text, history) or rewrite.standalone)
        return rewrite

    def retrieve(self, asked: Question, standalone: str, vector: list[float] | None = None,
                 intent: Intent | None = None) -> Retrieval:
        """What the question asks for (unless `intent` says) and which dates it names; for one fact, the
        passages and term weights. `vector`: the standalone question's query vector, when embedded already."""
        started = time.perf_counter()
        vector = self.search.store.embeddings.embed_query(standalone) if vector is None else vector
        if intent is None:
            intent = self.intent_of(standalone, vector)
        intent_ms = _ms(started)
        # a filter the caller set wins over the question's words
        period = None if asked.where.since or asked.where.until else find_period(standalone, self.reference_day())
        passages: tuple[Passage, ...] = ()
        idf: dict[str, float] = {}
        if intent is Intent.FACT or not self.tasks:  # a task answerer searches for itself
            # one fact: the period narrows the search only while something in it answers (see read)
            passages = self._search(asked, standalone, vector, narrowed(asked.where, period))
            idf = self.search.store.idf(content_terms(standalone))
        return Retrieval(standalone, vector, intent, period, passages, idf, {"intent": intent_ms, "retrieve": _ms(started)})

    def intent_of(self, standalone: str, vector: list[float]) -> Intent:
        """What the question asks for: a fact of its release itself (when it was issued, what it is called,
        who put it out) by the release-facts model, else by the intent model."""
        # a message asking two things is read part by part as facts ("When was this published and who
        # co-chaired?"): taken whole for the release's date, its other question went unanswered unsaid
        if self.tasks and len(question_parts(standalone)) == 1 and self.tasks.field_asked(standalone, vector) is not None:
            return Intent.METADATA
        return self.intents.classify(standalone).intent if self.intents else Intent.FACT

    def read(self, asked: Question, retrieval: Retrieval) -> Reading:
        """The extractive answer: a task answerer's for summaries, lists, searches and "the latest"; else
        the sentences the reader chose, cited."""
        if self.tasks and retrieval.intent is Intent.LIST:
            listed = self.list_in_context(asked, retrieval)
            if listed is not None and not listed.answer.abstained:
                return Reading(listed.answer, listed.evidence, retrieval.passages, Intent.LIST)
            if listed is not None:  # nothing there is a list of it: one fact, read from the same releases
                retrieval = replace(retrieval, intent=Intent.FACT, period=None,
                                    idf=self.search.store.idf(content_terms(retrieval.standalone)))
        standalone, period = retrieval.standalone, retrieval.period
        if self.tasks and retrieval.intent is not Intent.FACT:
            result = self.answer_task(retrieval.intent, self.task_request(asked, retrieval))
            if result.answer.abstained and period and retrieval.intent is Intent.METADATA:
                # "When was the release on the 2008 farm bill published?": the year is the bill's, not the release's
                result = self.answer_task(Intent.METADATA, self.task_request(asked, replace(retrieval, period=None)))
            if result.answer.abstained and period and retrieval.intent in EVENT_DATED:
                dated = self.dated_in_text(asked, retrieval)
                if not dated.answer.abstained:  # answered as a list, under the intent the question was taken for
                    return Reading(replace(dated.answer, intent=retrieval.intent.reported.value), dated.evidence,
                                   retrieval.passages, retrieval.intent)
            return Reading(result.answer, result.evidence, retrieval.passages, retrieval.intent)
        # the message as typed: a follow-up joined to the last question ("Who chaired it? Where was it?") is
        # one question, and each part of a compound one is made to stand alone against the conversation
        parts = question_parts(asked.text)
        if len(parts) > 1:
            return self.read_parts(asked, retrieval, parts)
        fact = self.read_fact(asked, retrieval)
        started = time.perf_counter()
        # a refused yes/no question: the verdict reader may find the sentence that settles it (verdicts.py)
        fact = replace(fact, selection=rescued(fact.selection, standalone, self.verdicts))
        answer = cite(asked.text, standalone, fact.selection, fact.period)
        if fact.in_context and answer.abstained:  # say where it looked: only the conversation's releases
            answer = replace(answer, answer=f"{answer.answer} {self.read_as_followup(fact.passages)}")
        answer = narrowed_answer(answer, fact.selection, self.short_answers, asked.history, retrieval.vector)
        answer = judged(answer, fact.selection, self.verdicts)
        read_ms = fact.selection.read_ms + _ms(started)  # the readers' time, rescue and short answer included
        return Reading(answer, tuple(s.passage for s in fact.selection.sentences), fact.passages, Intent.FACT, read_ms)

    def read_fact(self, asked: Question, retrieval: Retrieval) -> FactReading:
        """The reader's selection for a one-fact question: from the releases the conversation is about when
        it has any that answer, else from the retrieved passages; when the question's dates narrowed the
        search and nothing there answers, from all dates (they were the event's, not the release's)."""
        standalone, period = retrieval.standalone, retrieval.period
        newest = asks_for_newest(standalone)
        in_context = self.in_context(asked, retrieval)
        if in_context is not None:  # read from the releases the conversation is about, whatever their dates
            (passages, selection), period = in_context, None
        else:
            passages = retrieval.passages
            selection = self.extractive.select(standalone, list(passages), retrieval.idf, newest)
        if period and not selection.sentences:
            log.debug("nothing dated %s answers; searching all dates", period.label())
            period = None
            passages = self._search(asked, standalone, retrieval.vector, asked.where)
            selection = self.extractive.select(standalone, list(passages), retrieval.idf, newest)
        return FactReading(selection, passages, period, in_context is not None)

    def read_parts(self, asked: Question, retrieval: Retrieval, parts: list[str]) -> Reading:
        """A message asking two things (`compound.py`): each question read as one fact on its own, a later one
        as a follow-up of the ones before it ("when was it held?": the meeting the first asked about), and
        the message read whole as before; one answer quoting what any of them chose. A part its own reading
        does not answer is named as unanswered when the whole message's reading answers nothing either (it
        may answer a part whose own wording the reader misses). No short answer: the reader's span is for
        one question."""
        whole = self.read_fact(asked, retrieval)
        history = list(asked.history)
        facts: list[FactReading] = []
        for part in parts:
            part_asked = replace(asked, text=part, history=tuple(history))
            standalone = rewrite_followup(part, history).standalone if history else part
            fact = self.read_fact(part_asked, self.retrieve(part_asked, standalone, intent=Intent.FACT))
            facts.append(fact)
            history.append(turn_of(cite(part, standalone, fact.selection, fact.period)))
        selection = joined_selection([f.selection for f in facts] + [whole.selection])
        periods = {f.period.label(): f.period for f in (*facts, whole) if f.period}
        answer = cite(asked.text, retrieval.standalone, selection, next(iter(periods.values())) if len(periods) == 1 else None)
        # a part is answered by its own reading or by the whole message's, which may answer any part (which
        # one cannot be told): the answer is as sure as its least sure part, and a part is named as
        # unanswered only when the whole message's reading answers nothing either
        answer = replace(answer, confidence=round(min(max(f.selection.confidence, whole.selection.confidence)
                                                      for f in facts), 4))
        unanswered = [part for part, fact in zip(parts, facts) if not fact.selection.sentences]
        if selection.sentences and unanswered and not whole.selection.sentences:
            answer = replace(answer, answer=f"{answer.answer}\n\n{unanswered_note(unanswered)}")
        if not selection.sentences and whole.in_context:  # say where it looked, as a one-fact refusal does
            answer = replace(answer, answer=f"{answer.answer} {self.read_as_followup(whole.passages)}")
        passages = tuple(dict.fromkeys(p for f in (*facts, whole) for p in f.passages))
        return Reading(answer, tuple(s.passage for s in selection.sentences), passages, Intent.FACT,
                       sum(f.selection.read_ms for f in (*facts, whole)))

    def dated_in_text(self, asked: Question, retrieval: Retrieval) -> TaskResult:
        """A list, summary or overview that nothing dated in the question's period answers, read with the
        period as the dates its answer names: "What's on the EU-Norway calendar for 2025?" of a release
        issued in 2024 lists its sentences naming dates in 2025, as a one-fact question's answer does
        (`read`). A sentence must name such a date itself, or any release on the topic would answer. Asked
        as a summary, the answer repeats no sentence, as a summary does not."""
        period = retrieval.period
        request = replace(self.task_request(asked, replace(retrieval, period=None)), dates_named=period,
                          period_words=period.text, distinct=retrieval.intent is not Intent.LIST)
        return self.tasks.listing(self.issuer_request(request) or request)

    def in_context(self, asked: Question, retrieval: Retrieval) -> tuple[tuple[Passage, ...], Selection] | None:
        """A one-fact follow-up read from the releases the conversation last cited: their passages and the
        reader's selection from them. "how much money is in it?" after an answer about a Norwegian aid
        programme is about that programme, not about whatever else in the corpus comes near "money"; over
        1,101 releases such follow-ups were answered from other releases. When the reader finds no answer
        there, the refusal stands unless the question names a subject those releases never mention
        (`names_elsewhere`): then the conversation has moved on, and None sends the question to the whole
        corpus, as it does without a conversation."""
        where = self.conversation_filter(asked)
        if where is None:
            return None  # no conversation, or it is about every release: the corpus is read as it is
        passages = self._search(asked, retrieval.standalone, retrieval.vector, where)
        selection = self.extractive.select(retrieval.standalone, list(passages), retrieval.idf,
                                           asks_for_newest(retrieval.standalone))
        if selection.sentences or not self.names_elsewhere(asked.text, where.release_ids):
            return passages, selection
        return None

    def list_in_context(self, asked: Question, retrieval: Retrieval) -> TaskResult | None:
        """A follow-up taken for a list that names a subject the conversation's releases hold, listed from
        those releases, whatever the dates it names: "What did it receive in 2005?", after an answer about
        White Pine County's payments in lieu of taxes, listed a Utah transport bill's projects of 2005.
        None without a conversation, for a question naming no subject (the release in view answers it:
        `TaskAnswerer.release_asked_of`) and for one naming a subject those releases never mention (the
        conversation has moved on). A refusal here is read as one fact from the same releases."""
        where = self.conversation_filter(asked)
        if where is None:
            return None
        request = self.task_request(asked, retrieval)
        if self.tasks.release_asked_of(request) is not None or self.names_elsewhere(asked.text, where.release_ids):
            return None
        return self.tasks.listing(replace(request, where=where, period=None))

    def conversation_filter(self, asked: Question) -> SearchFilter | None:
        """The caller's filter narrowed to the releases the conversation last cited; None without a
        conversation, or when those are every release of the corpus."""
        cited = last_cited(asked.history)
        where = narrowed_to_releases(asked.where, cited) if cited else None
        if where is None or len(set(where.release_ids)) >= len(self.search.store.current_versions()):
            return None
        return where

    def read_as_followup(self, passages: Sequence[Passage]) -> str:
        """What a refusal read from the conversation's releases adds: which releases were read."""
        titles = list(dict.fromkeys(p.chunk.title or p.chunk.release_id for p in passages))
        read = "; ".join(f"“{t}”" for t in titles) or "the releases the conversation is about"
        return f"(Read as a follow-up to the last answer: searched only {read}. Name what you mean to search all releases.)"

    def names_elsewhere(self, question: str, release_ids: Sequence[str]) -> bool:
        """The question names a subject term (`TaskAnswerer.subject_terms`, or a word one chunk holds) that
        none of these releases holds: a subject of its own. Always True without a task answerer."""
        if not self.tasks:
            return True
        rare = self.tasks.subject_terms(question, at_least=1)
        if not rare:
            return False
        held = {stem(w) for release_id in release_ids for chunk in self.search.store.release_chunks(release_id)
                for w in content_terms(chunk.text)}
        return any(stem(t) not in held for t in rare)

    @staticmethod
    def task_request(asked: Question, retrieval: Retrieval) -> Request:
        """What a task answerer is asked: the standalone question, its vector, the caller's filter narrowed
        to the question's period, and the releases the last answer cited ("this release")."""
        period = retrieval.period
        previous = asked.history[-1].release_ids if asked.history else ()
        return Request(asked.text, retrieval.standalone, retrieval.vector, narrowed(asked.where, period),
                       period.label() if period else None, previous, period.text if period else "")

    def answer_task(self, intent: Intent, request: Request) -> TaskResult:
        """A summary, list, search or "the latest"; when the question names an issuer of releases, from
        that issuer's releases. When none of them answers, the name may be the subject, not the issuer
        ("the ferry timetable that Ann Reyes praised"), so other issuers' releases that name it answer;
        not every release: "Bayh's releases on service academy nominations", which none of Bayh's releases
        is about, listed another senator's on the Air Force Academy."""
        to_issuer = self.issuer_request(request)
        if to_issuer is None:
            return self.tasks.answer(intent, request)
        result = self.tasks.answer(intent, to_issuer)
        # a release's facts are asked of the issuer's own release: another's naming them is not it
        if not result.answer.abstained or intent is Intent.METADATA:
            return result
        naming = self.search.store.releases_naming(to_issuer.issuer) - set(to_issuer.where.release_ids)
        where = narrowed_to_releases(request.where, sorted(naming))
        if where is None:
            return result
        log.debug("none of %s's releases answers; searching the %d others that name them", to_issuer.issuer,
                  len(where.release_ids))
        # every one of those names them: the name is a filter there, not what a release must match, or "What
        # did Senator Obama say about Iraq?" got an overview of a release naming Obama on absentee fathers
        return self.tasks.answer(intent, replace(request, where=where, issuer_words=to_issuer.issuer_words))

    def issuer_request(self, request: Request) -> Request | None:
        """The request narrowed to the releases of the issuer the question names; None when it names none
        of this corpus's issuers."""
        mention = find_issuer(request.standalone, self.search.store.issuers())
        where = narrowed_to_issuer(request.where, mention)
        if mention and where is not None:
            return replace(request, where=where, issuer=mention.issuer, issuer_words=mention.text)
        return None

    def write(self, asked: Question, retrieval: Retrieval, reading: Reading) -> Generator[str, None, Answer]:
        """Yields the answer text; returns the answer: in generative mode the model's checked draft, with
        the extractive answer whenever there is no draft."""
        extractive = reading.answer
        # the model writes only from evidence, so a refusal never depends on it
        if asked.mode != "generative" or not self.generative or not reading.evidence or not rewrites(reading.intent):
            yield extractive.answer
            return extractive
        draft = yield from self.generative.write(retrieval.standalone, reading.evidence, reading.passages,
                                                 reading.intent, vouched=extractive.citations)
        if draft is None:
            log.info("no supported sentence from the chat model; answering extractively")
            return extractive
        # the short answer's offsets belong to the extractive quote, which the draft does not keep; the count
        # stands only where the checked draft states it (its source quote may not be among the draft's)
        count = extractive.count
        if count is not None and not states_count(retrieval.standalone, draft.answer, count):
            count = None
        return replace(extractive, answer=draft.answer, abstained=False, mode=draft.mode, citations=draft.citations,
                       related=(), short_answer=None, count=count, verdict=None)

    # -- helpers ----------------------------------------------------------------------------------------
    def scoped(self, answer: Answer, where: SearchFilter, named: bool = False, filtered: bool = True) -> Answer:
        """The answer with the caller's filter in words; a refusal under a filter says that only part of
        the corpus was searched, so the reader knows to ask again without it. `named`: the question named
        the releases the filter keeps to; `filtered`: the caller set a filter too."""
        titles = {r: (info.title if (info := self.search.store.release(r)) else None) for r in where.release_ids}
        scope = where.describe(titles)
        if scope is None:
            return answer
        text = answer.answer
        if answer.abstained:
            again = ("without naming a release" + (" or the filter" if filtered else "")) if named else "without the filter"
            text = f"{text} (Searched only: {scope}. Ask again {again} to search all releases.)"
        return replace(answer, answer=text, scope=scope)

    def reference_day(self) -> date:
        """"Last year" and "since March" are read against the newest release's date."""
        versions = self.search.store.current_versions()
        if self._reference is None or self._reference[0] is not versions:
            dates = [r.date for r in self.search.store.releases() if r.date]
            self._reference = (versions, date.fromisoformat(max(dates)) if dates else date.today())
        return self._reference[1]

    def _search(self, asked: Question, standalone: str, vector: list[float], where: SearchFilter) -> tuple[Passage, ...]:
        return tuple(self.search.search(standalone, asked.k, where, query_vector=vector))


def cite(question: str, standalone: str, selection: Selection, period: Period | None) -> Answer:
    """The reader's chosen sentences as a one-fact answer with numbered citations; when it chose none, the
    refusal with the nearest passages as `related` (not sources)."""
    text, citations = cite_sentences(selection.sentences) if selection.sentences else (ABSTAIN_TEXT, ())
    return Answer(question, standalone, text, not citations, "extractive", citations,
                  related=() if citations else related_from(selection.ranked),
                  confidence=round(selection.confidence, 4), intent=Intent.FACT.value,
                  period=period.label() if period else None)


def last_cited(history: Sequence[Turn]) -> tuple[str, ...]:
    """The releases cited by the latest answer that cited any: what the conversation is about."""
    return next((turn.release_ids for turn in reversed(history) if turn.release_ids), ())


def _ms(start: float) -> float:
    return (time.perf_counter() - start) * 1000
