"""Lists across releases: every retrieved sentence the reader says answers, not a fixed top few;
near-duplicates once (two senators often issue the same release), grouped by release, newest first."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.answer.extractive import ExtractiveAnswerer, ScoredSentence
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


def list_score(sentence: ScoredSentence) -> float:
    """How surely a sentence is an item of the list: the reader's probability and the pre-rank score
    (the question's words in it) in equal parts; list items are often bare enumerations the reader,
    trained on single answers, is unsure of."""
    return 0.5 * sentence.probability + 0.5 * sentence.prerank


def list_sentences(answerer: ExtractiveAnswerer, question: str, passages: Sequence[Passage], idf: dict[str, float],
                   ratio: float, limit: int) -> tuple[list[ScoredSentence], list[ScoredSentence]]:
    """(answering sentences without repeats, every candidate scored). The reader reads the `limit`
    best pre-ranked sentences; nothing is listed unless the best of them passes the reader's
    refusal threshold, and then every sentence scoring at least `ratio` of the best one's list score."""
    candidates = answerer.candidates(question, list(passages), idf)[:limit]
    scored = answerer.score(question, candidates)
    if not scored or max(s.probability for s in scored) < answerer.config.threshold:
        return [], scored
    best = max(list_score(s) for s in scored)
    kept: list[ScoredSentence] = []
    kept_keys: list[tuple[set[str], set[str]]] = []
    for sentence in sorted(scored, key=lambda s: -list_score(s)):
        if list_score(sentence) < ratio * best:
            break
        key = ({stem(w) for w in content_terms(sentence.text)}, set(_NAMES.findall(sentence.text)))
        if any(_jaccard(key[0], other[0]) >= SAME_TEXT and key[1] == other[1] for other in kept_keys):
            continue  # the same item said again (a near-duplicate release); other names make another item
        kept.append(sentence)
        kept_keys.append(key)
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
