"""Turns chosen sentences into numbered citations: the quote is cut from its passage at the sentence's
offsets in the release text, so it is verbatim by construction (generated sentences are checked by
support.py)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from assistant.records import Citation
from assistant.answer.extractive import ScoredSentence
from assistant.retrieval.passages import Passage

MARKER = re.compile(r"\s*\[(\d+)\]")


def citation_for(n: int, passage: Passage, start: int, end: int, supported: bool = True) -> Citation:
    chunk = passage.chunk
    quote = chunk.text[start - chunk.start : end - chunk.start]
    return Citation(n, chunk.release_id, chunk.title, chunk.date, chunk.source, chunk.id, chunk.text, quote,
                    start, end, supported)


def cite_sentences(sentences: Sequence[ScoredSentence]) -> tuple[str, tuple[Citation, ...]]:
    """Answer text with [n] markers; sentences next to each other in one passage share a citation."""
    groups: list[list[ScoredSentence]] = []
    for sentence in sentences:
        last = groups[-1][-1] if groups else None
        if last and last.passage.chunk.id == sentence.passage.chunk.id and _adjacent(last, sentence):
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    parts, citations = [], []
    for n, group in enumerate(groups, start=1):
        citation = citation_for(n, group[0].passage, group[0].start, group[-1].end)
        citations.append(citation)
        parts.append(f"{citation.quote} [{n}]")
    return " ".join(parts), tuple(citations)


def related_from(ranked: Sequence[ScoredSentence], limit: int = 3) -> tuple[Citation, ...]:
    """The nearest passages for a reader when the assistant abstains: not sources, not supported."""
    out, seen = [], set()
    for sentence in ranked:
        if sentence.passage.chunk.id in seen:
            continue
        seen.add(sentence.passage.chunk.id)
        out.append(citation_for(len(out) + 1, sentence.passage, sentence.start, sentence.end, supported=False))
        if len(out) == limit:
            break
    return tuple(out)


def _adjacent(a: ScoredSentence, b: ScoredSentence) -> bool:
    between = a.passage.chunk.text[a.end - a.passage.chunk.start : b.start - a.passage.chunk.start]
    return b.start >= a.end and not between.strip()
