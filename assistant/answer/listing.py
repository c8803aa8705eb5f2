"""Lists across releases: every retrieved sentence the reader says answers, not a fixed top few;
near-duplicates once (two senators often issue the same release), grouped by release, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..extractive import ExtractiveAnswerer, ScoredSentence
from ..retrieval import Passage
from ..text import content_terms, stem

SAME_TEXT = 0.8  # content-word Jaccard above which two sentences are one item said twice


@dataclass(frozen=True)
class ReleaseGroup:
    release_id: str
    title: str | None
    date: str | None
    sentences: tuple[ScoredSentence, ...]  # in reading order


def list_sentences(answerer: ExtractiveAnswerer, question: str, passages: Sequence[Passage], idf: dict[str, float],
                   threshold: float, limit: int) -> tuple[list[ScoredSentence], list[ScoredSentence]]:
    """(answering sentences without repeats, every candidate scored); the reader reads the `limit`
    best pre-ranked sentences."""
    candidates = answerer.candidates(question, list(passages), idf)[:limit]
    if not candidates:
        return [], []
    scored = answerer.score(question, candidates)
    kept: list[ScoredSentence] = []
    kept_words: list[set[str]] = []
    for sentence in sorted(scored, key=lambda s: -s.probability):
        if sentence.probability < threshold:
            break
        words = {stem(w) for w in content_terms(sentence.text)}
        if any(_jaccard(words, other) >= SAME_TEXT for other in kept_words):
            continue
        kept.append(sentence)
        kept_words.append(words)
    return kept, scored


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
