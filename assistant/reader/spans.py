"""Candidate short answers inside a sentence, from a general chunker (no lists of answer words).

The sentence is cut into tokens; runs of content tokens (not function words, not punctuation) are
the smallest candidates; runs joined across one or two function words ("Ministry of Defence",
"31 March to 2 April 2025") and the comma-separated segments are the larger ones. A candidate with
any content word of the question is left out: an answer does not repeat what was asked, and
removing the question's own words is what costs a sentence-level reader most (measured: with them
kept, the span chosen by occlusion was mostly the question's words)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.text import STOPWORDS, stem

# numbers keep their inner separators ("1,500", "10.5"); words keep hyphens and apostrophes
_TOKEN = re.compile(r"\d+(?:[.,:/]\d+)+|[\w][\w'’\-]*|[^\w\s]")
MAX_WORDS = 12  # longer spans are not short answers
MAX_GAP = 2  # function words a joined span may cross


@dataclass(frozen=True)
class Token:
    text: str
    start: int  # offsets in the sentence
    end: int

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"

    @property
    def is_content(self) -> bool:
        return self.is_word and self.text.lower().strip("'’") not in STOPWORDS


def tokens(sentence: str) -> list[Token]:
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(sentence)]


def candidate_spans(sentence: str, question: str = "") -> list[tuple[int, int]]:
    """(start, end) offsets in `sentence` of every candidate short answer, shortest first."""
    toks = tokens(sentence)
    asked = {stem(t.text) for t in tokens(question) if t.is_content}
    runs = _content_runs(toks, asked)
    spans: set[tuple[int, int]] = set()
    for i, (a, b) in enumerate(runs):
        spans.add((a, b))
        # join with the next one or two runs across at most MAX_GAP function words (never punctuation)
        last = b
        for c, d in runs[i + 1 : i + 3]:
            gap = toks[last + 1 : c]
            if len(gap) > MAX_GAP or any(not t.is_word for t in gap):
                break
            spans.add((a, d))
            last = d
    spans.update(_segments(toks))
    out = []
    for a, b in spans:
        words = [t for t in toks[a : b + 1] if t.is_word]
        content = {stem(t.text) for t in words if t.is_content}
        if not content or len(words) > MAX_WORDS or content & asked:
            continue
        if (a, b) == (0, len(toks) - 1) or (b == len(toks) - 2 and a == 0 and not toks[-1].is_word):
            continue  # the whole sentence is not a short answer
        out.append((toks[a].start, toks[b].end))
    return sorted(set(out), key=lambda s: (s[1] - s[0], s[0]))


def _content_runs(toks: list[Token], asked: set[str] = frozenset()) -> list[tuple[int, int]]:
    """Token index ranges [a, b] of maximal runs of content tokens; a word of the question (its stem in
    `asked`) ends a run and is in none: "The terminal cost NOK 420 million" asked "How much did the
    terminal cost?" is one run, which holds the question's words, and "NOK 420 million" was no candidate."""
    runs, start = [], None
    for i, t in enumerate(toks):
        content = t.is_content and stem(t.text) not in asked
        if content and start is None:
            start = i
        elif not content and start is not None:
            runs.append((start, i - 1))
            start = None
    if start is not None:
        runs.append((start, len(toks) - 1))
    return runs


def _segments(toks: list[Token]) -> list[tuple[int, int]]:
    """Token ranges between punctuation marks, without leading or trailing function words."""
    out, start = [], 0
    for i, t in enumerate(toks + [Token(".", -1, -1)]):
        if t.is_word:
            continue
        a, b = start, i - 1
        while a <= b and not toks[a].is_content:
            a += 1
        while b >= a and not toks[b].is_content:
            b -= 1
        if a <= b:
            out.append((a, b))
        start = i + 1
    return out
