"""Finding releases: which releases match a question, each with the sentence that matches best.

Whether a release matches is a logistic model's call (`MatchModel`) over its best sentence's pre-rank
score (the question's IDF-weighted words in it, plus the passage's retrieval score) and the best
cosine similarity of its retrieved sentences to the question: the words alone miss a release that
words the subject otherwise, the similarity alone cannot tell a release about the subject from one
on a neighbouring subject. A third input, how far the similarity falls short of the most similar
release's, was measured and weighs 0 as shipped. The weights, and the probability a release needs,
are fitted on the dev searches by `python -m evals.tune_tasks`."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.answer.asking import request_words
from assistant.answer.extractive import ExtractiveAnswerer, ScoredSentence
from assistant.answer.summary import is_heading, is_statement
from assistant.retrieval.passages import Passage
from assistant.text import content_terms, stem


@dataclass(frozen=True)
class ReleaseMatch:
    release_id: str
    title: str | None
    date: str | None
    score: float  # the pre-rank score of its best sentence
    sentence: ScoredSentence  # the sentence quoted for it: its best-matching statement (`match_releases`)
    similarity: float = 0.0  # the best cosine similarity of its retrieved sentences to the question
    probability: float = 1.0  # that it matches, by the match model


@dataclass(frozen=True)
class MatchModel:
    intercept: float
    prerank: float
    similarity: float
    shortfall: float  # weight of (this release's similarity - the most similar candidate release's)

    @staticmethod
    def features(matches: Sequence[ReleaseMatch]) -> list[tuple[float, float, float]]:
        """One row per match: (pre-rank, similarity, shortfall), the weights' order; the shortfall is
        relative to these matches."""
        best = max((m.similarity for m in matches), default=0.0)
        return [(m.score, m.similarity, m.similarity - best) for m in matches]

    def scored(self, matches: Sequence[ReleaseMatch]) -> list[ReleaseMatch]:
        """The matches with their probability."""
        out = []
        for match, (prerank, similarity, shortfall) in zip(matches, self.features(matches)):
            z = self.intercept + self.prerank * prerank + self.similarity * similarity + self.shortfall * shortfall
            out.append(replace(match, probability=1.0 / (1.0 + math.exp(-z))))
        return out


def match_releases(question: str, passages: Sequence[Passage], idf: dict[str, float],
                   similarities: dict[str, float] | None = None) -> list[ReleaseMatch]:
    """Every release among the passages with its best sentence's pre-rank score, best first;
    `similarities` by release id. The sentence quoted for a release is its best-matching statement, as
    "the latest" quotes: a headline or a masthead line ("Joint Press Release", which holds the words
    "press release") matches best but says nothing of what the release is about; the best sentence
    when the release has no statement among the passages.

    A masthead line (`is_masthead`: "Joint Press Release", "Press Statement") names no subject to
    match on: it scores its release only when nothing else of it was retrieved, and a request word of
    the question that no other retrieved sentence holds weighs nothing, as a request word no release
    holds does (`TaskAnswerer.match_weights`). "What does the release say about the Olympics?" matched
    the seed release (0.62) on its masthead's "Release"."""
    requesting = request_words()
    sentences = ExtractiveAnswerer.candidates(question, list(passages), idf)
    mastheads = {s.text for s in sentences if is_masthead(s.text, requesting)}
    unmatched = masthead_words(question, sentences, mastheads, requesting) if mastheads else []
    if unmatched:
        sentences = ExtractiveAnswerer.candidates(question, list(passages), {**idf, **dict.fromkeys(unmatched, 0.0)})
    best: dict[str, ScoredSentence] = {}
    masthead: dict[str, ScoredSentence] = {}
    quoted: dict[str, ScoredSentence] = {}
    for sentence in sentences:  # best pre-rank first
        release_id = sentence.passage.chunk.release_id
        (masthead if sentence.text in mastheads else best).setdefault(release_id, sentence)
        if is_statement(sentence.text):
            quoted.setdefault(release_id, sentence)
    best = masthead | best
    similar = similarities or {}
    matches = [ReleaseMatch(rid, s.passage.chunk.title, s.passage.chunk.date, s.prerank, quoted.get(rid, s),
                            similar.get(rid, 0.0)) for rid, s in best.items()]
    return sorted(matches, key=lambda m: (-m.score, m.release_id))


def is_masthead(text: str, requesting: frozenset[str]) -> bool:
    """A heading line (no statement: `summary.is_heading`) of nothing but the words people make requests
    with ("Joint Press Release", "Press Statement"). "The Council adopted the agreement." is made of such
    words too, and is a statement."""
    terms = content_terms(text)
    return bool(terms) and all(term in requesting for term in terms) and is_heading(text)


def masthead_words(question: str, sentences: Sequence[ScoredSentence], mastheads: set[str],
                   requesting: frozenset[str]) -> list[str]:
    """The question's request words that these sentences hold in masthead lines (`mastheads`, their texts)
    alone. A word is held
    where a word starts as its stem does ("releases" and "Release", "press" and "pressed"): only a word
    that surely no other line holds is let go."""
    asked = [t for t in dict.fromkeys(content_terms(question)) if t in requesting]
    if not asked:
        return []
    starts = {t: re.compile(r"\b" + re.escape(stem(t)[:max(4, len(stem(t)) - 1)]), re.IGNORECASE) for t in asked}
    in_mastheads: set[str] = set()
    elsewhere: set[str] = set()
    for sentence in sentences:
        held = {t for t, start in starts.items() if start.search(sentence.text)}
        (in_mastheads if sentence.text in mastheads else elsewhere).update(held)
    return [t for t in asked if t in in_mastheads and t not in elsewhere]


def newest_first(matches: Sequence[ReleaseMatch]) -> list[ReleaseMatch]:
    return sorted(matches, key=lambda m: (m.date or "", m.score), reverse=True)
