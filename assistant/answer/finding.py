"""Finding releases: which releases match a question, each with the sentence that matches best.

A release matches when its best sentence's pre-rank score (the question's IDF-weighted words in the
sentence, plus the passage's retrieval score) reaches a threshold chosen on the dev searches
(`python -m evals.tune_tasks`). Words the whole corpus uses ("release", "announce") weigh little by
their IDF, so the subject of the question decides."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer.extractive import ExtractiveAnswerer, ScoredSentence
from assistant.retrieval.passages import Passage


@dataclass(frozen=True)
class ReleaseMatch:
    release_id: str
    title: str | None
    date: str | None
    score: float
    sentence: ScoredSentence  # the release's best-matching sentence


def match_releases(question: str, passages: Sequence[Passage], idf: dict[str, float]) -> list[ReleaseMatch]:
    """Every release among the passages with its best sentence, best score first."""
    best: dict[str, ScoredSentence] = {}
    for sentence in ExtractiveAnswerer.candidates(question, list(passages), idf):
        release_id = sentence.passage.chunk.release_id
        if release_id not in best or sentence.prerank > best[release_id].prerank:
            best[release_id] = sentence
    matches = [ReleaseMatch(rid, s.passage.chunk.title, s.passage.chunk.date, s.prerank, s) for rid, s in best.items()]
    return sorted(matches, key=lambda m: (-m.score, m.release_id))


def newest_first(matches: Sequence[ReleaseMatch]) -> list[ReleaseMatch]:
    return sorted(matches, key=lambda m: (m.date or "", m.score), reverse=True)
