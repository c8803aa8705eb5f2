"""Lists across releases: every retrieved sentence that names an item, not a fixed top few;
near-duplicates once (two senators often issue the same release), grouped by release, newest first.

Whether a sentence names an item is the list reader's call when one is shipped (a reader fine-tuned
on list questions over press releases, `assistant/reader/list_model/`), else the sentence reader's."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from assistant.answer.extractive import ExtractiveAnswerer, ScoredSentence, answering, best_first
from assistant.answer.summary import MIN_WORDS, SummarySentence, sentences_of
from assistant.reader.onnx_reader import Reader
from assistant.retrieval.passages import Passage
from assistant.text import content_terms, stem

SAME_TEXT = 0.8  # content-word Jaccard above which two sentences with the same names and numbers are one item
_NAMES = re.compile(r"\b(?:[A-Z][\w'’-]+|\d[\d,.]*)")
_LIST_MARK = re.compile(r"(?:[*•·▪–-]|\d{1,2}[.)])\s")  # a line set as a list item: "* ", "- ", "3. "


@dataclass(frozen=True)
class ReleaseGroup:
    release_id: str
    title: str | None
    date: str | None
    sentences: tuple[ScoredSentence, ...]  # in reading order


@dataclass(frozen=True)
class ListReading:
    """A list question's candidates, read once; `choose` picks the items from them at any setting."""

    scored: tuple[ScoredSentence, ...]  # every candidate, with the sentence reader's probability
    item_probabilities: tuple[float, ...]  # that each names an item: the list reader's, else the sentence reader's
    threshold: float  # the sentence reader's refusal threshold
    item_answer: float | None = None  # the list reader's bar for an answer (None: the sentence reader alone decides)
    extra: float = 1.01  # the sentence reader's bar for a sentence to join its best in a one-fact answer
    # where each release's first statement starts (`first_statements`); a release not here is judged by
    # the candidate's own chunk (`front_matter`)
    statement_starts: Mapping[str, int] = field(default_factory=dict)

    @property
    def sentence_answers(self) -> bool:
        """The best candidate passes the sentence reader's refusal threshold."""
        return self.sure_of_a_sentence(self.threshold)

    def sure_of_a_sentence(self, bar: float) -> bool:
        """The sentence reader's best probability reaches `bar`."""
        return any(s.probability >= bar for s in self.scored)

    @property
    def answers(self) -> bool:
        """The sentence reader finds an answer, or the list reader is at least `item_answer` sure of an
        item: "* Roanoke Regional Airport Roanoke, VA $1,608,156" answers "Which Virginia airports got
        grants?" for the list reader (0.98), not for the sentence reader (under its threshold), which
        learned from single answers in prose."""
        return self.sentence_answers or (self.item_answer is not None
                                         and max(self.item_probabilities, default=0.0) >= self.item_answer)

    @property
    def confidence(self) -> float:
        """How sure the reader that let the list answer is: the sentence reader's best probability, or
        the list reader's when it alone answers."""
        best = max((s.probability for s in self.scored), default=0.0)
        return best if self.sentence_answers or not self.answers else max(self.item_probabilities)

    def from_releases(self, matches: dict[str, float] | None, gap: float) -> "ListReading":
        """The candidates of releases that match the question's topic nearly as well as the best one
        does: a match probability (`matches`, 0 for a release the topic search did not retrieve) within
        `gap` of the best release's; every candidate when `matches` is None (a question that names only
        a period or an issuer) or `gap` is 1 or more. The list reader reads each sentence alone, and
        "* Bland Volunteer Fire Department $162,728" reads as an item of "Which airports received
        grants?" as much as an airport's line does; its release, about fire grants, matches the
        question less well. Whether the list answers is then decided on these candidates alone."""
        if matches is None or gap >= 1:
            return self
        bar = max(matches.values(), default=0.0) - gap
        return self.only(lambda s: matches.get(s.passage.chunk.release_id, 0.0) >= bar)

    def only(self, keep: Callable[[ScoredSentence], bool]) -> "ListReading":
        """The candidates `keep` holds to, as read."""
        kept = [i for i, s in enumerate(self.scored) if keep(s)]
        return replace(self, scored=tuple(self.scored[i] for i in kept),
                       item_probabilities=tuple(self.item_probabilities[i] for i in kept))

    def no_list(self, least_item: float | None) -> bool:
        """The list reader is less than `least_item` sure of every candidate (None: never)."""
        return least_item is not None and max(self.item_probabilities, default=0.0) < least_item

    def one_fact(self) -> list[ScoredSentence]:
        """The sentence reader's one-fact answer on these candidates (empty: it refuses)."""
        return answering(best_first(self.scored), self.threshold, self.extra)

    def scores(self, weight: float) -> list[float]:
        """How surely each sentence is an item: the item probability and the pre-rank score (the
        question's words in it), weighted `weight` : 1 - `weight`."""
        return [weight * p + (1 - weight) * s.prerank for s, p in zip(self.scored, self.item_probabilities)]

    def choose(self, ratio: float, weight: float, least_item: float | None = None) -> list[ScoredSentence]:
        """Every sentence scoring at least `ratio` of the best one's score, best first, repeats left out;
        nothing when no candidate answers. When the list reader is less than `least_item` sure of every
        candidate, there is no list to give: a share of a weak best lets nearly every candidate through
        (a whole release, for a question whose answer is one sentence), so the sentence reader's one-fact
        answer is given instead."""
        if not self.answers:
            return []
        if self.no_list(least_item):
            return self.one_fact()
        ranked = sorted(zip(self.scores(weight), self.scored), key=lambda pair: -pair[0])
        # a masthead line may tell that the list answers (a headline announcing the grants), never be an item
        starts = self.statement_starts
        ranked = [pair for pair in ranked if not front_matter(pair[1], starts.get(pair[1].passage.chunk.release_id))] \
            or ranked
        kept: list[ScoredSentence] = []
        kept_keys: list[tuple[set[str], set[str]]] = []
        for score, sentence in ranked:
            if score < ratio * ranked[0][0]:
                break
            key = ({stem(w) for w in content_terms(sentence.text)}, set(_NAMES.findall(sentence.text)))
            if any(_jaccard(key[0], other[0]) >= SAME_TEXT and key[1] == other[1] for other in kept_keys):
                continue  # the same item said again (a near-duplicate release); other names make another item
            kept.append(sentence)
            kept_keys.append(key)
        return kept


def read_list(answerer: ExtractiveAnswerer, question: str, passages: Sequence[Passage], idf: dict[str, float],
              limit: int, items: Reader | None = None, item_answer: float | None = None) -> ListReading:
    """The `limit` best pre-ranked sentences, read by the sentence reader (whether anything answers) and
    by the list reader when there is one (whether each names an item; the sentence reader, trained on
    single answers, is unsure of bare enumerations). `item_answer`: the list reader's bar for an
    answer (`ListReading.answers`); it applies only with a list reader."""
    scored = answerer.score(question, answerer.candidates(question, list(passages), idf)[:limit])
    if items is not None and scored:
        likely = tuple(float(p) for p in items.probabilities([s.reader_input(question, dated=False) for s in scored]))
    else:
        likely, item_answer = tuple(s.probability for s in scored), None
    return ListReading(tuple(scored), likely, answerer.config.threshold, item_answer, answerer.config.extra)


def first_statements(sentences: Sequence[ScoredSentence], statements: Callable[[str], Sequence[SummarySentence]]
                     ) -> dict[str, int]:
    """Where the first statement (`sentences_of`) starts in each release that `front_matter` needs it
    for: one with a short or title line among `sentences` in a chunk that holds no statement (elsewhere
    the chunk decides). `statements` gives a release's, in reading order (a store read, so only these);
    a release with none is left out."""
    out: dict[str, int] = {}
    for release_id in dict.fromkeys(s.passage.chunk.release_id for s in sentences if _masthead_like(s)
                                    and not sentences_of([Passage(s.passage.chunk, 1.0)])):
        found = statements(release_id)
        if found:
            out[release_id] = found[0].start
    return out


def front_matter(sentence: ScoredSentence, first_statement: int | None = None) -> bool:
    """A line of the masthead: before its release's first statement (`sentences_of`), and the release's
    title or too short to be a statement ("Joint Press Release"), which the list reader read as items of
    "What are the next steps?" in the seed release. A long line there stays: where a release lost its
    punctuation its lead sentence ("U S  Senators Bill Frist  R TN  and Lamar Alexander  R TN  today
    applauded ...") reads as a headline to `sentences_of`, and names the items; so does a line set as a
    list item ("* Roanoke Regional Airport $1,608,156."). `first_statement`: where the release's first
    statement starts, when known: a page's navigation ("Latest News", "TOPICS", "Latest", "News") can
    fill a release's whole first chunk, and were the first four items of its fire grants (a line there
    holding a figure stays: "Bland VFD $162,728" may be an item of a release of bare lines). Otherwise only
    the first chunk is read, and one with no statement at all leaves its lines as they were (the
    release may have none)."""
    chunk = sentence.passage.chunk
    if not _masthead_like(sentence):
        return False
    if first_statement is not None:  # a short line holding a figure ("Bland VFD $162,728") may be an item
        return sentence.start < first_statement and not any(c.isdigit() for c in sentence.text)
    if chunk.position:
        return False
    statements = sentences_of([Passage(chunk, 1.0)])
    return bool(statements) and sentence.start < statements[0].start


def _masthead_like(sentence: ScoredSentence) -> bool:
    """Too short to be a statement or the release's title, and not set as a list item."""
    text = " ".join(sentence.text.split())
    title = " ".join((sentence.passage.chunk.title or "").lower().split())
    return not _LIST_MARK.match(text) and (len(text.split()) < MIN_WORDS or text.lower() == title)


def by_release(sentences: Sequence[ScoredSentence]) -> list[ReleaseGroup]:
    """Groups, newest release first; sentences in reading order inside a release."""
    groups: dict[str, list[ScoredSentence]] = {}
    for sentence in sentences:
        groups.setdefault(sentence.passage.chunk.release_id, []).append(sentence)
    out = []
    for release_id, members in groups.items():
        chunk = members[0].passage.chunk
        out.append(ReleaseGroup(release_id, chunk.title, chunk.date, tuple(sorted(members, key=lambda s: s.start))))
    return sorted(out, key=lambda g: (g.date or "", g.release_id), reverse=True)


def _jaccard(a: set[str], b: set[str]) -> float:
    return len(a & b) / len(a | b) if a and b else 0.0
