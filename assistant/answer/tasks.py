"""Answers for the intents beyond one fact: summaries, lists across releases, finding releases, and the
latest on a subject. Every sentence is quoted from a release and cited, as for one fact.

The numbers (how many passages to read, the list and search thresholds) come from `tasks.json`,
chosen on the dev splits of the tasks and seedtasks datasets by `python -m evals.tune_tasks`."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, fields, replace
from datetime import date
from pathlib import Path

import numpy as np

from assistant.index.lexical import idf_weight
from assistant.records import ABSTAIN_TEXT, Answer, Citation, Span
from assistant.answer.citing import citation_for
from assistant.answer.extractive import ExtractiveAnswerer, ScoredSentence
from assistant.reader.onnx_reader import Reader
from assistant.retrieval.filters import SearchFilter
from assistant.retrieval.hybrid import HybridSearch
from assistant.retrieval.passages import Passage
from assistant.text import content_terms, stem, without_words
from assistant.answer.asking import asking_words, request_words
from assistant.answer.finding import MatchModel, ReleaseMatch, match_releases, newest_first
from assistant.answer.intents import Intent, IntentClassifier
from assistant.answer.parts import TITLE_LIKE, PartModel, focus_of
from assistant.answer.release_facts import ReleaseFactsModel, ReleaseField, fact_heading, stating
from assistant.answer.periods import Period
from assistant.answer.counting import count_of, counted_noun, first_stated, names_plural
from assistant.answer.listing import ListReading, ReleaseGroup, by_release, first_statements, read_list
from assistant.answer.subjects import SubjectModel
from assistant.answer.safety import forges_markers, is_injection
from assistant.answer.salience import SalienceModel
from assistant.answer.summary import (SummarySentence, choose, is_statement, nearest_first, sentences_of, summarise,
                                      summary_size)
from assistant.answer.summary_length import asked_length

CONFIG = Path(__file__).with_name("tasks.json")
# a list quoting this share of the corpus's statements, and at least this many, quotes the corpus, not items
WHOLE_CORPUS, MIN_WHOLE_CORPUS = 0.5, 5
# the passages retrieved for a question's topic, and per release among them its sentences' best similarity
TopicPassages = tuple[Sequence[Passage], dict[str, float]]


@dataclass(frozen=True)
class TaskConfig:
    list_passages: int = 30  # passages retrieved for a list
    list_read: int = 40  # sentences of them the reader scores
    list_ratio: float = 0.5  # share of the best sentence's list score another listed sentence needs
    list_item_weight: float = 0.5  # weight of the probability a sentence names an item, against its pre-rank score
    # a listed sentence's release must match the question's topic within this of the best release's
    # match probability (1: any release); chosen on list questions written for training (evals/tune_lists.py)
    list_release_gap: float = 1.0
    # a list answers too when the list reader is this sure that some candidate names an item (None: only
    # the sentence reader's refusal threshold decides; tasks.json ships 0.5, untuned: tune_tasks prints the table)
    list_item_answer: float | None = None
    # below this, the list reader's best item probability means no list: the sentence reader's one-fact
    # answer on the same candidates is given (None: always a list); chosen by evals/tune_lists.py
    list_least_item: float | None = None
    # below this, the list reader's best item probability and a list quoting most of the corpus's statements
    # (WHOLE_CORPUS) mean it found no items, and a share of a weak best let everything through ("What new
    # talks on outer space were agreed?" listed 19 of the seed release's 21 statements): the sentence
    # reader's one-fact answer is given instead (None: always the list). Most of a release is no such sign:
    # in a release announcing grants most statements are items (on the 250 list questions of
    # evals/tune_lists.py, falling back on most of a release lowered list F1 0.328 -> 0.293 at a bar of 0.05)
    list_unsure_item: float | None = None
    # a list whose topic the match model finds no release covering is still answered when the sentence
    # reader is this sure of one of its candidates (None: never): "What did they agree?" names its topic
    # too vaguely for a release to match it, yet the release's "agreed to launch ..." answers it
    list_cover_reader: float | None = None
    search_passages: int = 40  # passages retrieved to find releases
    # the match model's weights (finding.MatchModel: intercept, pre-rank, similarity, shortfall) and the
    # probability a release needs
    search_model: tuple[float, float, float, float] = (-4.91, 6.30, 4.76, 0.0)
    search_probability: float = 0.3
    max_releases: int = 20  # releases listed at most
    summary_passages: int = 12  # passages a topic summary draws on
    # a topic summary's weight on the salience model (a sentence holds a key point of its release) against
    # the sentence's similarity to the question
    overview_salience: float = 0.0
    summary_salience: bool = False  # a release summary's sentences by the salience model (salience.py)
    summary_lead: float = 0.0  # without it: weight of a sentence's position against its centrality
    summary_novelty: float = 0.3  # MMR's weight on not repeating the chosen sentences (the salience model has its own)
    summary_size: int = 0  # sentences in a release summary; 0: a quarter of the release's, 3 to 6
    # an overview of a topic that one release covers ("what the releases say about helping Ukraine"): the
    # salience model's weight against each of its sentences' similarity to the question's topic; 1.0:
    # the release's key points whatever is asked
    summary_topic_salience: float = 1.0
    # a release summary whose question names a subject holds this many of the release's sentences nearest
    # the subject (the rest by salience): a summary asked about something quotes where it is said. This
    # and summary_topic_salience apply with the salience model (summary_salience) only
    summary_anchors: int = 0
    common_share: float = 0.05  # a term in more than this share of chunks names no subject
    # a question names a subject when a sentence retrieved for its topic is this similar to it
    # (`topic_similarity`), on the tasks dev corpus (`python -m evals.tune_tasks` prints it): since the
    # sentence rules of version 3 (2026-12-08), the 97 dev summaries, lists and searches that name one
    # 0.482 and up, "Show me Wayne Allard's press releases from January 2007" 0.463 ("The press conference
    # will be held in the Capitol Press Room", a sentence of its own now); about the middle of the gap.
    # (0.43 before, in a gap of 0.35 to 0.44; subject-less summaries such as "Summarize this release"
    # name only request words, and never reach this test)
    subject_similarity: float = 0.47
    # the corpus covers a question's topic when its best-matching release has at least this probability
    # (the match model's); otherwise a search finds nothing, and a list, a topic overview or a summary of
    # a release named by a description is refused: the corpus does not say. 0: every topic is covered
    cover_probability: float = 0.0

    @classmethod
    def read(cls, path: Path = CONFIG) -> "TaskConfig":
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        values = {f.name: data[f.name] for f in fields(cls) if f.name in data}
        return cls(**{k: tuple(v) if isinstance(v, list) else v for k, v in values.items()})


@dataclass(frozen=True)
class Request:
    """What the task answerers need to know of the question."""

    question: str
    standalone: str
    vector: list[float]
    where: SearchFilter  # the caller's filter with the question's period
    period: str | None  # the period's label, said in the answer
    previous_releases: tuple[str, ...] = ()  # releases the last answer cited ("this release")
    period_words: str = ""  # the words of the question that named the period (a filter now)
    issuer: str | None = None  # the issuer the question names; `where` holds only its releases
    issuer_words: str = ""
    # the question's dates read as the dates its answer names, not as the releases' (`where` holds no dates)
    dates_named: Period | None = None
    distinct: bool = False  # a summary was asked for: no quoted sentence nearly repeats another (summary.REPEAT)

    @property
    def filtered(self) -> bool:
        """The question names a period or an issuer."""
        return bool(self.where.since or self.where.until or self.issuer)

    @property
    def topic(self) -> str:
        """The question without the words of its period and issuer (in `where` already)."""
        return without_words(self.standalone, self.period_words, self.issuer_words)


@dataclass(frozen=True)
class TaskResult:
    answer: Answer
    evidence: tuple[Passage, ...]  # the passages quoted, for a generative writer to rephrase


class TaskAnswerer:
    def __init__(self, search: HybridSearch, extractive: ExtractiveAnswerer, config: TaskConfig | None = None,
                 list_reader: Reader | None = None, salience: SalienceModel | None = None,
                 subjects: SubjectModel | None = None, specifics: SubjectModel | None = None,
                 parts: PartModel | None = None, intents: IntentClassifier | None = None,
                 facts: ReleaseFactsModel | None = None):
        self.search = search
        self.extractive = extractive
        self.config = config or TaskConfig.read()
        self.list_reader = list_reader  # scores list items; without it the sentence reader does
        self.salience = salience  # picks a release summary's sentences; without it centrality and position do
        self.subjects = subjects  # whether a question names a subject; without it the corpus's similarity says
        self.specifics = specifics  # whether it names anything (a subject, a sender, a period): "What's new?" does not
        # whether a summary asks about one part of its release, and that part's sentences; it reads the
        # intent model's vector of the question
        if (parts is not None or facts is not None) and intents is None:
            raise ValueError("the part and release-facts models read the intent model's question vectors: pass `intents` too")
        self.parts = parts
        self.intents = intents
        self.facts = facts  # whether a question asks when its release was issued, what it is called, who put it out

    @property
    def store(self):
        return self.search.store

    def answer(self, intent: Intent, request: Request) -> TaskResult:
        if intent is Intent.LIST and asked_length(request.standalone):
            intent = Intent.OVERVIEW  # "List seven key points of this release": a summary that long, not every item
        if intent is Intent.SUMMARY:
            return self.summary(request)
        asked_of = self.release_asked_of(request) if intent in (Intent.LIST, Intent.OVERVIEW) else None
        if asked_of:
            return self.of_the_release(intent, request, asked_of)
        if intent is Intent.OVERVIEW:
            return self.overview(request)
        if intent is Intent.LIST:
            return self.listing(request)
        if intent is Intent.SEARCH:
            return self.find(request)
        if intent is Intent.LATEST:
            return self.latest(request)
        if intent is Intent.METADATA:
            return self.about_release(request)
        raise ValueError(f"{intent} is answered as one fact")

    def release_asked_of(self, request: Request) -> str | None:
        """The release in context (`release_in_context`) when the question names no subject, period or
        sender ("What were the main outcomes?", "What did they agree on?"): it can only ask what that
        release says. The subject model alone decides: the corpus's nearest sentence is near "Give me all
        the commitments the partners made." because the release speaks of commitments, not because it
        names a subject. None without a release in context: the model takes some one-fact questions
        ("What tribes supported British?") to name no subject, and sent to the newest release they
        lost their answer (SQuAD test split, 14 of 779)."""
        if request.filtered or self.model_says(self.subjects, request.vector) is not False:
            return None
        return self.release_in_context(request)

    def of_the_release(self, intent: Intent, request: Request, release_id: str) -> TaskResult:
        """A list or overview question naming no subject, answered from the release it asks of
        (`release_asked_of`): a list of its sentences when one answers, else its summary. Read as a topic
        over the corpus, its words matched no release ("outcomes", "conclusions") and the coverage test
        refused it, or matched sentences of other releases than the one in view; read as a list of the
        release without the coverage test, the list reader listed 12-15 of the seed release's 21
        statements for "What were the key decisions?", so the coverage test stays and the summary answers
        what it refuses."""
        request = replace(request, where=replace(request.where, release_ids=(release_id,)))
        if intent is Intent.LIST:
            listed = self.listing(request)
            if not listed.answer.abstained:
                return listed
        return self.summary(request)

    # -- summaries ------------------------------------------------------------------------------------
    def summary(self, request: Request, topical: bool = False) -> TaskResult:
        """A release summary: its most salient sentences (salience.py), without repeats, in reading
        order; nothing when the question describes a release or subject the corpus does not cover.
        When the question names a subject (with a release filter, a search of that release says whether
        it names one) and the part model (parts.py) takes it to ask about one part of the release ("What
        does the release say about cyber threats?"), the sentences that model finds holding that part.
        Otherwise a question naming a subject ("Summarize Bayh's release on the video game report card")
        gets the release's `summary_anchors` sentences nearest the subject first, then the most salient.
        `topical`: an overview of a topic that one release covers ("what the releases say about helping
        Ukraine"): that part's sentences when the part model takes it to ask about one part of the
        release, else its sentences near the topic weigh more (`summary_topic_salience`). All of these need
        the salience model (`summary_salience`)."""
        cfg = self.config
        topic = self.topic_vector(request)  # once: the subject and coverage tests and the ranking read it
        release_id, subject = self.summary_target(request, topic)  # subject: whether the question names one
        if not release_id:
            return self._result(request, Intent.SUMMARY, "", [], [], [])
        sentences = self.release_sentences(release_id)
        vectors = self.sentence_vectors(sentences)
        info = self.store.release(release_id)
        # embedded once: the salience model and the part model both read it
        title_vector = self.title_vector(info.title if info else None) if cfg.summary_salience and self.salience else None
        salience = self.salience_of(sentences, vectors, title_vector=title_vector) if cfg.summary_salience else None
        novelty = cfg.summary_novelty if salience is None else self.salience.novelty
        anchors: list[int] = []
        names_subject = salience is not None and not topical and len(sentences) and \
            (self.parts is not None or cfg.summary_anchors) and \
            (subject if subject is not None else self.names_subject(request, self.filter_passages(request, topic)))
        # "In the release on the courthouse, what's said about Judge Merhige?" is asked of one part of the
        # release: that part's sentences; "Sum up Biden's plan for energy-saving bulbs" of all of it. So is an
        # overview of a topic this one release covers ("Overview of the defence industry programmes Norway
        # takes part in"), unless it is about the release's own subject ("... about the EU and Norway's
        # security and defence dialogue")
        of_a_part = names_subject or (salience is not None and topical and
                                      (title_vector is None or float(topic @ title_vector) < TITLE_LIKE))
        if of_a_part and self.asks_part(request):
            naming = self.naming_share(request.topic, sentences)
            salience = self.parts.probabilities(vectors, topic, title_vector, naming,
                                                self.focus_vector(request, topic, title_vector))
            novelty = self.parts.novelty
            anchors = self.parts.naming_first(salience, naming)
        elif salience is not None and topical and cfg.summary_topic_salience < 1.0:
            weight = cfg.summary_topic_salience
            salience = (1 - weight) * (vectors @ topic) + weight * salience
        elif names_subject and cfg.summary_anchors:
            anchors = nearest_first(vectors, topic, self.naming_all(request.topic, sentences), cfg.summary_anchors)
        chosen = summarise(sentences, vectors, size=self.summary_length(request), lead=cfg.summary_lead,
                           novelty=novelty, salience=salience, first=anchors)
        title = (info.title if info else None) or release_id
        heading = f"Summary of “{title}”" + (f" ({info.date})" if info and info.date else "") + ":"
        return self._bullets(request, Intent.SUMMARY, heading, [(None, chosen)])

    def summary_length(self, request: Request) -> int | None:
        """The number of sentences the question asks for ("Give me three takeaways"), else the configured
        `summary_size` (None: by the release's length)."""
        return asked_length(request.standalone) or self.config.summary_size or None

    def overview(self, request: Request) -> TaskResult:
        """What the releases say about a topic, read from the releases a search would find for it (the
        match model): from one such release, its summary as a topic overview (`summary`, topical: the part
        the question asks about, or its sentences nearest the topic); from several, the retrieved sentences that best mix similarity to
        the question and the salience of their release (`overview_salience`), without repeats, grouped
        by release, newest first. With none, nothing when the question names a subject (no release covers
        it, `cover_probability`); else the sentences nearest the question."""
        cfg = self.config
        matching = tuple(sorted(m.release_id for m in self.topic_matches(request)))
        if len(matching) == 1:
            return self.summary(replace(request, where=replace(request.where, release_ids=matching)), topical=True)
        if not matching and cfg.cover_probability and not self.names_only_a_filter(request):
            return self._result(request, Intent.OVERVIEW, "", [], [], [])
        where = replace(request.where, release_ids=matching) if matching else request.where
        passages = self.search.search(request.standalone, cfg.summary_passages, where, query_vector=request.vector)
        sentences = sentences_of(passages)
        vectors = self.sentence_vectors(sentences)
        relevance = self.topic_relevance(sentences, vectors, np.asarray(request.vector, dtype=np.float32),
                                         cfg.overview_salience if matching else 0.0)
        size = self.summary_length(request) or summary_size(len(sentences))
        chosen = [sentences[i] for i in choose(vectors, relevance, size, cfg.summary_novelty)] if sentences else []
        groups: dict[str, list[SummarySentence]] = {}
        for s in chosen:
            groups.setdefault(s.passage.chunk.release_id, []).append(s)
        ordered = sorted(groups.values(), key=lambda g: g[0].passage.chunk.date or "", reverse=True)
        return self._bullets(request, Intent.OVERVIEW, f"What the releases say{_during(request)}:",
                             [(_heading(g[0].passage), g) for g in ordered])

    def topic_relevance(self, sentences: Sequence[SummarySentence], vectors: np.ndarray, query_vector: np.ndarray,
                        weight: float) -> np.ndarray:
        """Each sentence's similarity to the question, mixed (`weight`) with the salience model's
        probability that it holds a key point of its release, read over the whole release."""
        similarity = vectors @ query_vector if len(sentences) else np.zeros(0)
        if not weight or self.salience is None or not len(sentences):
            return similarity
        salience = np.zeros(len(sentences))
        rows: dict[str, list[int]] = {}
        for i, s in enumerate(sentences):
            rows.setdefault(s.passage.chunk.release_id, []).append(i)
        for release_id, positions in rows.items():
            whole = self.release_sentences(release_id)
            info = self.store.release(release_id)
            probability = self.salience_of(whole, self.sentence_vectors(whole), info.title if info else None)
            by_start = dict(zip((s.start for s in whole), probability))
            salience[positions] = [by_start.get(sentences[i].start, 0.0) for i in positions]
        return (1 - weight) * similarity + weight * salience

    def summary_target(self, request: Request, topic: np.ndarray | None = None) -> tuple[str | None, bool | None]:
        """The release a summary is about, and whether the question names a subject (None: not asked).
        A filter naming one release. When the question names a subject: none when the corpus does not
        cover it, else the only release or the release of the best-matching passage. Otherwise
        ("Summarize this release"), or when that search finds nothing: the only release, the release
        the conversation last cited, or else the newest. In a conversation, the subject model alone says
        whether a subject is named: among 1,101 releases a sentence somewhere comes near "Give me the
        highlights.", and that release was summarised instead of the one in view. `topic`: the topic's
        vector, when embedded already. A filter naming one release answers unless the question names a
        subject that release does not cover."""
        if len(request.where.release_ids) == 1:  # "What does this release say about the Olympics?" in its view
            found = self.filter_passages(request, topic)
            subject = self.names_subject(request, found)
            return (None if subject and not self.covered(request, found) else request.where.release_ids[0]), subject
        visible = self.store.current_versions()
        asked_of = self.release_asked_of(request) if request.previous_releases else None
        if asked_of:  # in a chat, what the model reads as naming nothing
            return asked_of, False
        found = self.filter_passages(request, topic)
        subject = self.names_subject(request, found)
        if subject:
            if not self.covered(request, found):
                return None, subject  # it describes a release, or a subject, the corpus does not hold
            passages = self.search.search(request.standalone, 4, request.where, query_vector=request.vector) \
                if len(visible) > 1 else []
            if passages:
                return passages[0].chunk.release_id, subject
        return self.release_in_view(request), subject

    def release_in_view(self, request: Request) -> str | None:
        """The release a question that names none is about: the one in context (`release_in_context`), or
        else the newest the filter (releases, dates) lets through."""
        if len(request.where.release_ids) == 1:
            return request.where.release_ids[0]
        allowed = self.allowed_releases(request)
        return self.release_in_context(request, allowed) or next(iter(allowed), None)

    def release_in_context(self, request: Request, allowed: Sequence[str] | None = None) -> str | None:
        """Of the releases the filter lets through (`allowed`, when read): the only one, or the one the
        conversation last cited."""
        if len(request.where.release_ids) == 1:
            return request.where.release_ids[0]
        allowed = self.allowed_releases(request) if allowed is None else allowed
        previous = [r for r in request.previous_releases if r in allowed]
        return allowed[0] if len(allowed) == 1 else previous[0] if previous else None

    def allowed_releases(self, request: Request) -> list[str]:
        """The releases the filter (releases, dates) lets through, newest first."""
        where = request.where
        return [info.id for info in self.store.releases()
                if (not where.release_ids or info.id in where.release_ids) and in_period(info.date, where)]

    def naming_all(self, question: str, sentences: Sequence[SummarySentence]) -> np.ndarray:
        """For each sentence, whether it holds every word of the question that names a subject here (few
        chunks hold it: `subject_terms`; the words people ask with, such as "release", are not subjects)."""
        return self.naming_share(question, sentences) >= 1.0

    def naming_share(self, question: str, sentences: Sequence[SummarySentence]) -> np.ndarray:
        """For each sentence, the share of the words of the question that name a subject here (as
        `naming_all`) that it holds; 0 when the question has none."""
        asking = asking_words()
        subject = {stem(t) for t in self.subject_terms(question, at_least=1) if t not in asking}
        if not subject:
            return np.zeros(len(sentences))
        return np.array([len(subject & {stem(w) for w in content_terms(s.text)}) / len(subject) for s in sentences])

    def release_sentences(self, release_id: str) -> list[SummarySentence]:
        return sentences_of([Passage(c, 1.0) for c in self.store.release_chunks(release_id)])

    def salience_of(self, sentences: Sequence[SummarySentence], vectors: np.ndarray, title: str | None = None,
                    title_vector: np.ndarray | None = None) -> np.ndarray | None:
        """The salience model's probability that each sentence holds a key point (None without a model);
        the release's title, or its vector when embedded already."""
        if self.salience is None or not sentences:
            return None
        vector = title_vector if title_vector is not None else self.title_vector(title)
        return self.salience.probabilities([s.text for s in sentences], vectors, vector)

    def asks_part(self, request: Request) -> bool:
        """The part model takes the summary question to ask about one part of its release."""
        return self.parts is not None and self.parts.asks_part(self.intents.vector(request.standalone))

    def title_vector(self, title: str | None) -> np.ndarray | None:
        return np.asarray(self.store.embeddings.embed_query(title), dtype=np.float32) if title else None

    def subject_terms(self, question: str, at_least: float = 0.0) -> list[str]:
        """The question's words that name a subject in this corpus: present in some chunks, not in
        more than `common_share` of them (nor in more than `at_least` chunks, when that is more: in a
        corpus of a few chunks the share admits none); the rarest first."""
        total, frequencies = self.store.frequencies(content_terms(question))
        bound = max(at_least, self.config.common_share * max(total, 1))
        found = [t for t, df in frequencies.items() if 0 < df <= bound]
        return sorted(found, key=lambda t: frequencies[t])

    def sentence_vectors(self, sentences: Sequence[SummarySentence]) -> np.ndarray:
        """The sentences' vectors as stored at ingest (one row per sentence)."""
        if not sentences:
            return np.zeros((0, 0), dtype=np.float32)
        rows: dict[str, list[int]] = {}  # release id -> positions of its sentences in `sentences`
        for i, s in enumerate(sentences):
            rows.setdefault(s.passage.chunk.release_id, []).append(i)
        out = np.empty((len(sentences), 0), dtype=np.float32)
        for release_id, positions in rows.items():
            found = self.store.sentence_vectors(release_id, [Span(sentences[i].start, sentences[i].end) for i in positions])
            if not out.shape[1]:
                out = np.zeros((len(sentences), found.shape[1]), dtype=np.float32)
            out[positions] = found
        return out

    # -- lists ----------------------------------------------------------------------------------------
    def listing(self, request: Request) -> TaskResult:
        cfg = self.config
        matches = self.topic_probabilities(request, self.filter_passages(request))  # read once: coverage and the filter
        if not self.covers(matches) and cfg.list_cover_reader is None:  # no reading can change that
            return self._result(request, Intent.LIST, "", [], [], [])
        reading = self.list_reading(request)
        if not self.list_covered(matches, reading):
            return self._result(request, Intent.LIST, "", [], [], [])
        reading = reading.from_releases(matches, cfg.list_release_gap)
        if request.dates_named is not None:
            reading = reading.only(lambda s: self.names_dates(s, request.dates_named))
        chosen = reading.choose(cfg.list_ratio, cfg.list_item_weight, cfg.list_least_item)
        listed = not self.lists_the_corpus(reading, chosen)
        if not listed:
            chosen = reading.one_fact()
        if request.distinct:
            chosen = self.without_repeats(chosen)
        noun = counted_noun(request.standalone) if chosen else None
        count, stating = None, None
        if noun:
            count, stating, chosen = self.count_asked(request.standalone, noun, reading, chosen, entries=listed)
        groups = by_release(chosen)
        sentences = sum(len(g.sentences) for g in groups)
        heading = (f"{sentences} sentence{'s' * (sentences != 1)} from {len(groups)} release{'s' * (len(groups) != 1)} "
                   f"answer this{_during(request)}:")
        # a count one release states is the answer's only when no other listed release names what is counted
        alone = stating is None or not _naming(noun, [g for g in groups if g.release_id != stating.passage.chunk.release_id])
        if noun:
            heading = f"{_count_line(noun, count, stating, groups, alone)} {heading[0].upper()}{heading[1:]}"
        result = self._bullets(request, Intent.LIST, heading, [(_heading(g.sentences[0].passage), g.sentences) for g in groups],
                               confidence=reading.confidence)
        if count is None or not alone or result.answer.abstained:
            return result
        return replace(result, answer=replace(result.answer, count=count))

    @staticmethod
    def count_asked(question: str, noun: str, reading: ListReading, chosen: list[ScoredSentence],
                    entries: bool = True) -> tuple[int | None, ScoredSentence | None, list[ScoredSentence]]:
        """The count of `noun` a "how many" list question asks for, the sentence that states it (None when
        it is counted from the listed entries, or there is none) and the sentences to quote. The listed
        sentences' count (`counting.count_of`), the sentence reader's likeliest answer first ("How many
        counties were added?": "nineteen counties" were declared, "seven additional counties" added); when
        none of them states it, a candidate of a listed release that does (its headline: "SEN. ALLEN
        ANNOUNCES FUNDING TO SIX VIRGINIA AIRPORTS"), added to the quotes; else the entries they set out,
        when every listed release names what is counted and they are a list (`entries`): the one sentence
        of a one-fact answer is not, though it be a bullet."""
        likeliest = sorted(chosen, key=lambda s: -s.probability)
        count = count_of(question, [s.text for s in likeliest])
        if count is not None and count.stated_in is not None:
            return count.number, likeliest[count.stated_in], chosen
        listed = {s.passage.chunk.release_id for s in chosen}
        others = sorted((s for s in reading.scored if s.passage.chunk.release_id in listed and s not in chosen),
                        key=lambda s: -s.probability)
        stated = first_stated(noun, [s.text for s in others])
        if stated is not None:
            return stated[1], others[stated[0]], [*chosen, others[stated[0]]]
        # the entries of a list whose releases all name what is counted (not airports and fire departments)
        counted = entries and count is not None and all(_naming(noun, [g]) for g in by_release(chosen))
        return (count.number if counted else None), None, chosen

    def without_repeats(self, sentences: Sequence[ScoredSentence]) -> list[ScoredSentence]:
        """The sentences, best first, less any whose stored vector comes within a summary's REPEAT of one
        kept before it (two soldiers' "Tour began: ... Killed in action: August 27, 1968 ..." lines):
        `summary.choose` taking them all in that order."""
        everything = range(len(sentences))
        kept = choose(self.sentence_vectors(sentences), np.zeros(len(sentences)), len(sentences), first=everything)
        return [sentences[i] for i in everything if i in kept]

    @staticmethod
    def names_dates(sentence: ScoredSentence, period: Period) -> bool:
        """Whether the sentence names a date in `period`; its release's date completes a two-digit year."""
        day = sentence.passage.chunk.date
        return period.named_in(sentence.text, date.fromisoformat(day) if day else date.today())

    def lists_the_corpus(self, reading: ListReading, chosen: Sequence[ScoredSentence]) -> bool:
        """The list reader is less than `list_unsure_item` sure of every candidate, and `chosen` holds at
        least WHOLE_CORPUS of the corpus's statements (and MIN_WHOLE_CORPUS): an answer quoting most of
        what the corpus says lists nothing in particular."""
        bar = self.config.list_unsure_item
        if bar is None or len(chosen) < MIN_WHOLE_CORPUS or max(reading.item_probabilities, default=0.0) >= bar:
            return False
        statements = 0
        for release_id in self.store.current_versions():  # stops once the corpus says more than twice as much
            statements += len(self.release_sentences(release_id))
            if WHOLE_CORPUS * statements > len(chosen):
                return False
        return True

    def list_covered(self, matches: dict[str, float] | None, reading: ListReading) -> bool:
        """Whether a list question's topic is one the corpus speaks to: a release matches it (`covers`), or
        the sentence reader is at least `list_cover_reader` sure of one of its candidates."""
        bar = self.config.list_cover_reader
        return self.covers(matches) or (bar is not None and reading.sure_of_a_sentence(bar))

    def list_reading(self, request: Request) -> ListReading:
        """A list question's candidates, read by the sentence reader and the list reader."""
        cfg = self.config
        passages = self.search.search(request.standalone, cfg.list_passages, request.where, query_vector=request.vector)
        idf = self.store.idf(content_terms(request.standalone))
        reading = read_list(self.extractive, request.standalone, passages, idf, cfg.list_read, self.list_reader,
                            cfg.list_item_answer)
        return replace(reading, statement_starts=first_statements(reading.scored, self.release_sentences))

    # -- finding releases -----------------------------------------------------------------------------
    def matches(self, request: Request) -> list[ReleaseMatch]:
        """The releases that match a search, with the match model's probability (at least
        `search_probability`); a question naming only a period or an issuer, the newest `max_releases`
        releases it lets through; one naming nothing at all (`names_nothing`), the newest `max_releases`."""
        return self.matches_and_whether_subjectless(request)[0]

    def matches_and_whether_subjectless(self, request: Request) -> tuple[list[ReleaseMatch], bool]:
        """`matches`, and whether the question names no subject (so every release its filter lets through matches)."""
        found = self.filter_passages(request)
        if self.names_only_a_filter(request, found) or self.names_nothing(request, found):
            return self.in_filter(request), True
        return self.topic_matches(request, found), False

    def topic_matches(self, request: Request, found: TopicPassages | None = None) -> list[ReleaseMatch]:
        """The releases that match the question's topic (`search_probability`); none when even the best
        one falls under `cover_probability`, as the corpus does not cover the topic."""
        scored = self.candidate_matches(request, found)
        if not self.covers({m.release_id: m.probability for m in scored}):
            return []
        return [m for m in scored if m.probability >= self.config.search_probability]

    def covered(self, request: Request, found: TopicPassages | None = None) -> bool:
        """The question names only a period or an issuer, or the corpus covers its topic; always when
        `cover_probability` is 0. `found`: the topic's passages, when retrieved already."""
        return not self.config.cover_probability or \
            self.covers(self.topic_probabilities(request, found or self.filter_passages(request)))

    def covers(self, probabilities: dict[str, float] | None) -> bool:
        """Whether the corpus covers a question's topic, by its releases' match probabilities
        (`topic_probabilities`; None: the question names only a period or an issuer, and is covered):
        the best reaches `cover_probability` (and `search_probability`, so that a release matches);
        always when `cover_probability` is 0."""
        if probabilities is None or not self.config.cover_probability:
            return True
        return max(probabilities.values(), default=0.0) >= max(self.config.cover_probability, self.config.search_probability)

    def topic_probabilities(self, request: Request, found: TopicPassages | None = None) -> dict[str, float] | None:
        """The match model's probability that each release retrieved for the question's topic matches it
        (what coverage and a list's releases are held to); None for a question that names only a period
        or an issuer, whose every release may answer. `found`: as for `covered`."""
        if self.names_only_a_filter(request, found):
            return None
        return {m.release_id: m.probability for m in self.candidate_matches(request, found)}

    def filter_passages(self, request: Request, topic: np.ndarray | None = None) -> TopicPassages | None:
        """The topic's passages under the request's own filter, which the subject and coverage tests and a
        search share; None when the question names an issuer (the subject test then reads every issuer's
        releases). `topic`: the topic's vector, when embedded already."""
        return None if request.issuer else self.topic_passages(request, request.where, topic)

    def names_subject(self, request: Request, found: TopicPassages | None = None) -> bool:
        """The question is about something a sentence can be about ("the Crandall Canyon hearing",
        "helping Ukraine", "climate change"), not only "this release", its sender or its date: by the
        subject model (`model_names_subject`), or by the corpus's nearest sentence, which finds a subject
        the corpus holds and misses one no release mentions. A question of nothing but request words
        (`asking.request_words`: "Summarize this release") names none, however near a sentence comes: among
        1,101 releases "The Guard will announce details in a news release later today" came 0.433 near it,
        over the bar, and a release other than the newest was summarised. `found`: as for topic_similarity."""
        if self.model_names_subject(request):
            return True
        requesting = request_words()
        if all(term in requesting for term in content_terms(request.topic)):
            return False
        return self.topic_similarity(request, found) >= self.config.subject_similarity

    def model_names_subject(self, request: Request) -> bool:
        """Whether the subject model takes the question to name a subject; never without a model for this
        corpus's vectors. It reads the whole question, as it was trained: the question less its period's
        and issuer's words ("What did issue ?") is no question it has seen."""
        return self.model_says(self.subjects, request.vector) is True

    def model_says(self, model: SubjectModel | None, vector) -> bool | None:
        """Whether a subject or specifics model takes the question whose vector this is to name what it
        reads for (at probability 0.5); None without a model for this corpus's vectors."""
        if model is None or not model.reads(self.store.model_name, len(vector)):
            return None
        return bool(model.probability(vector) >= 0.5)

    def focus_vector(self, request: Request, topic: np.ndarray, title_vector: np.ndarray | None) -> np.ndarray:
        """The vector of the topic's clause least like the release title (`parts.focus_of`): the part a
        question asks about, apart from its description of the release."""
        return focus_of(request.topic, topic, title_vector, self.store.embeddings.embed_documents)

    def topic_vector(self, request: Request) -> np.ndarray:
        """The vector of the question's topic (its words less its period's and issuer's)."""
        topic = request.topic
        vector = request.vector if topic == request.standalone else self.store.embeddings.embed_query(topic)
        return np.asarray(vector, dtype=np.float32)

    def names_only_a_filter(self, request: Request, found: TopicPassages | None = None) -> bool:
        """A period or an issuer and no subject: "What did Senator Bayh announce in March 2006?", "Show me
        Wayne Allard's press releases from January 2007" (no sentence is about "show"). Neither the subject
        model nor the corpus finds a subject: the corpus alone misses one no release of the period
        mentions ("2004 releases about the Madrid train bombings" would list every 2004 release), the
        model alone may miss one the corpus holds. (Only for a filtered question: unfiltered, the subject
        model takes "most recent Bennett release" to name nothing, and in a corpus without Bennett's
        releases that question would get the newest release of any issuer; `names_nothing` asks the
        specifics model too.)"""
        return request.filtered and not self.model_names_subject(request) and not self.corpus_names_topic(request, found)

    def names_nothing(self, request: Request, found: TopicPassages | None = None) -> bool:
        """The question names no subject, sender or period ("What's new?", "Show me all releases"), so every
        release answers a search or "the latest" (the newest `max_releases` are listed): the subject model
        and the specifics model both say so (the subject model alone takes "most recent Bennett release" to
        name nothing, and where the corpus has no release of Bennett's that question must not get another
        sender's), no filter was found, and no sentence of the corpus comes near a rare word of it. Never
        without both models for this corpus's vectors."""
        said = [self.model_says(m, request.vector) for m in (self.subjects, self.specifics)]
        return not request.filtered and said == [False, False] and not self.corpus_names_topic(request, found)

    def corpus_names_topic(self, request: Request, found: TopicPassages | None = None) -> bool:
        """A word of the question's topic is held by few chunks, and a sentence comes near what is left of it."""
        return bool(self.subject_terms(request.topic)) and \
            self.topic_similarity(request, found) >= self.config.subject_similarity

    def topic_similarity(self, request: Request, found: TopicPassages | None = None) -> float:
        """How near the corpus comes to the question's topic (its words less its period's and issuer's):
        the best cosine similarity of a sentence retrieved for it from the releases of the period, by any
        issuer (the name may be the subject: none of Ann Reyes's releases is about "the ferry timetable
        that Ann Reyes praised", yet it names a subject). A request word that some release happens to use
        ("show", "summarize", "brief") counts as a rare word, but no sentence is about it. `found`: the
        topic's passages under the request's own filter, when retrieved already: the same search when the
        question names no issuer."""
        if request.issuer:
            found = self.topic_passages(request, replace(request.where, release_ids=()))
        _, similarities = found or self.topic_passages(request, request.where)
        return max(similarities.values(), default=0.0)

    def candidate_matches(self, request: Request, found: TopicPassages | None = None) -> list[ReleaseMatch]:
        """Every release among the passages retrieved for the question's topic (`found`, when retrieved
        already), scored by the match model."""
        passages, similarities = found or self.topic_passages(request, request.where)
        matches = match_releases(request.topic, passages, self.match_weights(request.topic), similarities)
        return MatchModel(*self.config.search_model).scored(matches)

    def topic_passages(self, request: Request, where: SearchFilter, topic: np.ndarray | None = None) -> TopicPassages:
        """The passages `where` lets through retrieved for the question's topic, and per release among them
        its sentences' best similarity to the topic (the question's own vector when nothing was taken out)."""
        vector = self.topic_vector(request) if topic is None else topic
        passages = self.search.search(request.topic, self.config.search_passages, where, query_vector=vector.tolist())
        return passages, self.release_similarities(passages, vector)

    def release_similarities(self, passages: Sequence[Passage], vector: np.ndarray) -> dict[str, float]:
        """Per release among the passages: the best cosine similarity of its sentences in them to `vector`."""
        return {release_id: float((vectors @ vector).max()) for release_id, vectors in self.release_vectors(passages).items()}

    def release_vectors(self, passages: Sequence[Passage]) -> dict[str, np.ndarray]:
        """Per release among the passages that holds a sentence: its sentences' vectors, one row each."""
        by_release: dict[str, list[Passage]] = {}
        for passage in passages:
            by_release.setdefault(passage.chunk.release_id, []).append(passage)
        sentences = {release_id: sentences_of(found) for release_id, found in by_release.items()}
        return {release_id: self.sentence_vectors(s) for release_id, s in sentences.items() if s}

    def match_weights(self, text: str) -> dict[str, float]:
        """IDF of the words a release is matched on. A word no chunk holds weighs as the rarest word: a
        release on the West Nile virus lacks the word that matters in "the Zika virus", and no longer
        matches it as fully as a release on Zika would. The words people ask with (`asking.py`) weigh 0
        then: a corpus of one release has no word "mention", and "Which releases mention Ukraine?" asks
        about Ukraine only."""
        total, frequencies = self.store.frequencies(content_terms(text))
        asking = asking_words()
        return {t: idf_weight(total, df) if df or t not in asking else 0.0 for t, df in frequencies.items()}

    def in_filter(self, request: Request) -> list[ReleaseMatch]:
        """A question that names only a period or an issuer ("What came out in March 2006?", "What did
        Senator Bayh announce in March 2006?"): the newest `max_releases` releases the filter lets
        through (only theirs are read)."""
        where = request.where
        out = []
        for info in self.store.releases():  # newest first
            if len(out) == self.config.max_releases:
                break
            if not in_period(info.date, where):
                continue
            if where.release_ids and info.id not in where.release_ids:
                continue
            lead = self._lead_sentence(info.id)
            if lead:
                out.append(ReleaseMatch(info.id, info.title, info.date, 1.0, lead))
        return out

    def _lead_sentence(self, release_id: str) -> ScoredSentence | None:
        """The release's first statement, past the headlines and datelines its first chunk may be made of;
        its first sentence when it has no other."""
        chunks = self.store.release_chunks(release_id)
        sentences = sentences_of([Passage(c, 1.0) for c in chunks])
        if sentences:
            s = sentences[0]
            return ScoredSentence(s.passage, s.start, s.end, s.text, "", "", 1.0)
        for chunk in (c for c in chunks if not is_injection(c.text)):
            for span in chunk.sentences:
                text = chunk.text[span.start - chunk.start : span.end - chunk.start]
                return ScoredSentence(Passage(chunk, 1.0), span.start, span.end, text, "", "", 1.0)
        return None

    def find(self, request: Request) -> TaskResult:
        matches, subjectless = self.matches_and_whether_subjectless(request)
        found = newest_first(matches)[: self.config.max_releases]
        # every release the filter lets through matches a question naming no subject; only the newest were read
        total = len(self.allowed_releases(request)) if subjectless else len(matches)
        n = len(found)
        heading = f"{total} release{'s' * (total != 1)} match{'es' * (total == 1)}{_during(request)}"
        heading += f"; the newest {n} are listed:" if total > n else ":"
        cited: list[tuple[Citation, Passage]] = []
        lines = []
        for m in found:
            info = self.store.release(m.release_id)
            said = ", ".join(filter(None, [m.date or "undated", info.issuer if info else None]))
            lines.append(f"- **{m.title or m.release_id}** ({said}): {_quote(m.sentence, cited)}")
        result = self._result(request, Intent.SEARCH, heading, lines, cited)
        noun = counted_noun(request.standalone)
        if result.answer.abstained or not noun or noun.lower() not in RELEASE_NOUNS:
            return result
        return replace(result, answer=replace(result.answer, count=total))  # "How many releases mention ...?"

    def latest(self, request: Request) -> TaskResult:
        matches, subjectless = self.matches_and_whether_subjectless(request)
        found = newest_first(matches)
        if not found:
            return self._result(request, Intent.LATEST, "", [], [], [])
        newest = found[0]
        if subjectless:  # "What's new?", "Bayh's latest release": nothing to read for; its lead statement is its news
            quoted = [newest.sentence]
        else:
            passages = self.search.search(request.standalone, 6, SearchFilter((newest.release_id,)),
                                          query_vector=request.vector)
            selection = self.extractive.select(request.standalone, passages,
                                               self.store.idf(content_terms(request.standalone)))
            # a headline is no news (the reader read "Joint Press Release" as the answer to "What's the
            # latest release?", which now names nothing); when nothing else answers the question as such,
            # the release's best statement stands for it
            quoted = [s for s in selection.sentences if is_statement(s.text)] or \
                [next((s for s in selection.ranked if is_statement(s.text)), newest.sentence)]
        cited: list[tuple[Citation, Passage]] = []
        heading = f"The newest matching release is **{newest.title or newest.release_id}** ({newest.date or 'undated'}):"
        lines = [" ".join(_quote(s, cited) for s in quoted)]
        return self._result(request, Intent.LATEST, heading, lines, cited)

    # -- the release itself --------------------------------------------------------------------------
    def field_asked(self, question: str, vector) -> ReleaseField | None:
        """Which fact of its release the question (and its query vector) asks for: when it was issued, what
        it is called or who put it out (release_facts.py); None when it asks what a release says, and
        always without a model for this corpus's vectors."""
        if self.facts is None:
            return None
        intent_vector = self.intents.vector(question)
        if not self.facts.reads(self.store.model_name, len(vector) + len(intent_vector)):
            return None
        return self.facts.field_asked(vector, intent_vector)

    def about_release(self, request: Request) -> TaskResult:
        """When the release asked about was issued, what it is called, or who put it out, as the corpus
        records it, quoting where the release states it (`release_facts.stating`). When no sentence does,
        the answer says so and quotes the release's opening to show which release is meant, a citation
        marked unsupported. The release is found as a summary's is (`summary_target`: the filter, the
        subject or sender named, the conversation, the only release), but never the newest by default:
        "When was this published?" among many releases with none in view is answered by asking which."""
        field = self.field_asked(request.standalone, request.vector)
        release_id, subject = self.summary_target(request) if field else (None, None)
        if release_id and not subject and self.release_in_context(request) is None:
            return self._refusal(request, WHICH_RELEASE)
        info = self.store.release(release_id) if release_id else None
        if info is None:
            return self._result(request, Intent.METADATA, "", [], [])
        heading = fact_heading(field, info.id, info.title, info.date, info.issuer)
        if heading is None:
            return self._refusal(request, f"The corpus records no {field.value} for “{info.title or info.id}”.")
        lines = self.release_lines(release_id)
        found = stating(field, [s.text for s in lines], info.title, info.date, info.issuer)
        cited: list[tuple[Citation, Passage]] = []
        if found is not None:
            line, start, end = found
            said = lines[line]
            citation = citation_for(1, said.passage, said.start + start, said.start + end)
            text = f"The release says: {citation.quote} [1]"
        else:
            said = self._lead_sentence(release_id)
            if said is None:
                return self._result(request, Intent.METADATA, "", [], [])
            citation = citation_for(1, said.passage, said.start, said.end, supported=False)
            text = f"As the corpus records it; no sentence of the release states it. It opens: {citation.quote} [1]"
        cited.append((citation, said.passage))
        return self._result(request, Intent.METADATA, heading, [text], cited)

    def release_lines(self, release_id: str) -> list[ScoredSentence]:
        """Every sentence of the release once, headlines and datelines too, in reading order; none that
        instructs the assistant or carries a citation marker of its own."""
        out: dict[int, ScoredSentence] = {}
        for chunk in self.store.release_chunks(release_id):
            if is_injection(chunk.text):
                continue
            for span in chunk.sentences:
                text = chunk.text[span.start - chunk.start : span.end - chunk.start]
                if not forges_markers(text):
                    out.setdefault(span.start, ScoredSentence(Passage(chunk, 1.0), span.start, span.end, text, "", "", 1.0))
        return [out[start] for start in sorted(out)]

    def _refusal(self, request: Request, text: str) -> TaskResult:
        """A question about a release's facts the corpus cannot answer, saying why."""
        return TaskResult(Answer(request.question, request.standalone, text, True, "extractive",
                                 intent=Intent.METADATA.value, period=request.period), ())

    # -- rendering ------------------------------------------------------------------------------------
    def _bullets(self, request: Request, intent: Intent, heading: str, groups, confidence: float | None = None) -> TaskResult:
        lines: list[str] = []
        cited: list[tuple[Citation, Passage]] = []
        for group_heading, sentences in groups:
            if group_heading:
                lines.append(f"\n{group_heading}")
            lines.extend(f"- {_quote(s, cited)}" for s in sentences)
        return self._result(request, intent, heading, lines, cited, confidence)

    def _result(self, request: Request, intent: Intent, heading: str, lines: list[str],
                cited: list[tuple[Citation, Passage]], confidence: float | None = None) -> TaskResult:
        if not cited:
            text = ABSTAIN_TEXT if not request.period else f"{ABSTAIN_TEXT[:-1]} for {request.period}."
            return TaskResult(Answer(request.question, request.standalone, text, True, "extractive",
                                     intent=intent.reported.value, period=request.period), ())
        text = heading + "\n" + "\n".join(lines)
        return TaskResult(Answer(request.question, request.standalone, text.strip(), False, "extractive",
                                 tuple(c for c, _ in cited), intent=intent.reported.value, period=request.period,
                                 confidence=None if confidence is None else round(confidence, 4)),
                          tuple(p for _, p in cited))


def _quote(sentence: ScoredSentence | SummarySentence, cited: list[tuple[Citation, Passage]]) -> str:
    """Cites `sentence` under the next number; its quote with the marker, for the answer text."""
    citation = citation_for(len(cited) + 1, sentence.passage, sentence.start, sentence.end)
    cited.append((citation, sentence.passage))
    return f"{citation.quote} [{citation.n}]"


def in_period(day: str | None, where: SearchFilter) -> bool:
    """Whether a release dated `day` (ISO; undated: "") falls within the filter's dates."""
    day = day or ""
    return not ((where.since and day < where.since.isoformat()) or (where.until and day > where.until.isoformat()))


WHICH_RELEASE = ("Which release do you mean? Name its subject, its sender or its id, or ask about a release an "
                 "answer has cited.")
RELEASE_NOUNS = {"releases", "statements", "announcements"}  # what a search counts when asked "how many"


def _count_line(noun: str, count: int | None, stating: ScoredSentence | None, groups: Sequence[ReleaseGroup],
                alone: bool) -> str:
    """The count a "how many" list question asked for, first in its answer: the one a quoted sentence
    states, with that quote's marker (markers follow the groups' order), and when another listed release
    names what is counted too (`alone` False), that the number is its release's; else the entries the list
    sets out; else that no quoted sentence states it."""
    if count is None:
        return f"No quoted sentence states how many {noun}."
    if stating is None:
        return f"**{count}** listed below (no quoted sentence states how many {noun})."
    marker = [s for g in groups for s in g.sentences].index(stating) + 1
    if not alone:
        return f"[{marker}] says {count} {noun} for its release; other releases below name {noun} too."
    return f"**{count}** {noun}, as [{marker}] says."


def _naming(noun: str, groups: Sequence[ReleaseGroup]) -> bool:
    """Whether a listed sentence or the title of one of these releases names the plural counted: a release
    listed for another topic (fire grants beside "How many airports ...?") does not."""
    return any(names_plural(noun, [g.title or "", *(s.text for s in g.sentences)]) for g in groups)


def _heading(passage: Passage) -> str:
    chunk = passage.chunk
    return f"**{chunk.title or chunk.release_id}** ({chunk.date or 'undated'})"


def _during(request: Request) -> str:
    """The filters the question set, for the answer's heading: " (issued by Bayh; 2006-03-01 to 2006-03-31)"."""
    parts = [f"issued by {request.issuer}" if request.issuer else "", request.period or "",
             f"naming dates in {request.dates_named.label()}; no release of those dates answers"
             if request.dates_named else ""]
    said = "; ".join(p for p in parts if p)
    return f" ({said})" if said else ""
