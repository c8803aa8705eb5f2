"""Lists across releases: every retrieved sentence that names an item, not a fixed top few;
near-duplicates once (two senators often issue the same release), grouped by release, newest first.

Whether a sentence names an item is the list reader's call when one is shipped (a reader fine-tuned
on list questions over press releases, `assistant/reader/list_model/`), else the sentence reader's."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer.extractive import ExtractiveAnswerer, ScoredSentence
from assistant.reader.onnx_reader import Reader
from assistant.retrieval.passages import Passage
from assistant.text import content_terms, stem

SAME_TEXT = 0.8  # content-word Jaccard above which two sentences with the same names and numbers are one item
_NAMES = re.compile(r"\b(?:[A-Z][\w'’-]+|\d[\d,.]*)")


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
    answers: bool  # the best candidate passes the sentence reader's refusal threshold

    def scores(self, weight: float) -> list[float]:
        """How surely each sentence is an item: the item probability and the pre-rank score (the
        question's words in it), weighted `weight` : 1 - `weight`."""
        return [weight * p + (1 - weight) * s.prerank for s, p in zip(self.scored, self.item_probabilities)]

    def choose(self, ratio: float, weight: float) -> list[ScoredSentence]:
        """Every sentence scoring at least `ratio` of the best one's score, repeats left out; nothing
        when no candidate answers."""
        if not self.answers:
            return []
        scores = self.scores(weight)
        return self.kept(scores, ratio * max(scores, default=0.0))

    def kept(self, scores: Sequence[float], floor: float) -> list[ScoredSentence]:
        """The sentences scoring at least `floor` (one score per candidate), best first, repeats left out."""
        ranked = sorted(zip(scores, self.scored), key=lambda pair: -pair[0])
        kept: list[ScoredSentence] = []
        kept_keys: list[tuple[set[str], set[str]]] = []
        for score, sentence in ranked:
            if score < floor:
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
    single answers, is unsure of bare enumerations). The list answers when the sentence reader's best
    passes its refusal threshold or, given `item_answer`, the list reader is that sure of some item:
    "* Roanoke Regional Airport Roanoke, VA $1,608,156" answers "Which Virginia airports got grants?"
    for the list reader (0.98), not for the sentence reader (under its 0.092)."""
    scored = answerer.score(question, answerer.candidates(question, list(passages), idf)[:limit])
    answers = bool(scored) and max(s.probability for s in scored) >= answerer.config.threshold
    if items is not None and scored and (answers or item_answer is not None):
        likely = [float(p) for p in items.probabilities([s.reader_input(question) for s in scored])]
        answers = answers or (item_answer is not None and max(likely) >= item_answer)
    else:
        likely = [s.probability for s in scored]
    return ListReading(tuple(scored), tuple(likely), answers)


def list_sentences(answerer: ExtractiveAnswerer, question: str, passages: Sequence[Passage], idf: dict[str, float],
                   ratio: float, limit: int, items: Reader | None = None, weight: float = 0.5
                   ) -> tuple[list[ScoredSentence], list[ScoredSentence]]:
    """(answering sentences without repeats, every candidate scored)."""
    reading = read_list(answerer, question, passages, idf, limit, items)
    return reading.choose(ratio, weight), list(reading.scored)


def from_matching_releases(sentences: Sequence[ScoredSentence], matches: dict[str, float], gap: float
                           ) -> list[ScoredSentence]:
    """The sentences of releases that match the question's topic nearly as well as the best one does:
    a match probability (`matches`, 0 for a release the topic search did not retrieve) within `gap` of
    the best release's. The list reader reads each sentence alone, and "* Bland Volunteer Fire
    Department $162,728" reads as an item of "Which airports received grants?" as much as an airport's
    line does; its release, about fire grants, matches the question less well."""
    bar = max(matches.values(), default=0.0) - gap
    return [s for s in sentences if matches.get(s.passage.chunk.release_id, 0.0) >= bar]


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
