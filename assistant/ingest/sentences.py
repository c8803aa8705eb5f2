"""Sentence spans with exact offsets, robust to text that lost its punctuation.

pysbd (rule-based, knows abbreviations such as "Sen." and "U.S.") segments each line; lines are cut
first at line breaks and at the wide gaps that scraping leaves where punctuation was, and any
sentence still longer than the limit is cut at word breaks.

A wide gap also stands where scraping dropped punctuation or a link inside a sentence ("... for
Colorado families     said Allard", "U S  Sen    R Colo    announced today that ..."): a piece that
starts in lower case goes on with the piece before it on the same line, since no sentence starts in
lower case. A short capitalised piece is left alone: it may as well be a dateline or a header ("May 24th
2007", "FLOOR STATEMENT"), which joined to the lead sentence misled the reader (README, Chunking)."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.records import Span

BLOCK_BREAK = re.compile(r"\n|[ \t\xa0]{3,}")
RULES = "2"  # recorded in the index: an index split by other rules is built again (Library.sync)


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str, max_chars: int = 400) -> list[Span]:
    spans: list[Span] = []
    for start, end in _blocks(text):
        for s, e in _segment(text, start, end):
            spans.extend(_cut_long(text, s, e, max_chars))
    return spans


def _blocks(text: str) -> list[tuple[int, int]]:
    """The pieces between line breaks and wide gaps, each in lower case joined to the one before (module doc)."""
    pieces: list[tuple[int, int, bool]] = []  # start, end, whether a line break comes before it
    pos, newline = 0, True
    for match in [*BLOCK_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        if text[pos:end].strip():
            pieces.append((*_strip(text, pos, end), newline))
            newline = False
        if match:
            newline = newline or "\n" in match.group()
            pos = match.end()
    return _joined(text, pieces)


def _joined(text: str, pieces: list[tuple[int, int, bool]]) -> list[tuple[int, int]]:
    out: list[list[int]] = []
    for start, end, newline in pieces:
        if out and not newline and text[start].islower():  # no sentence starts in lower case: "said Allard"
            out[-1][1] = end
        else:
            out.append([start, end])
    return [(start, end) for start, end in out]


def _segment(text: str, start: int, end: int) -> list[tuple[int, int]]:
    block = text[start:end]
    if not re.search(r"[.!?]", block):
        return [(start, end)]
    out, cursor = [], 0
    for sentence in _segmenter().segment(block):
        piece = sentence.strip()
        if not piece:
            continue
        at = block.find(piece, cursor)
        if at < 0:  # pysbd altered the text: keep the rest of the block whole, offsets stay exact
            out.append(_strip(text, start + cursor, end))
            return out
        out.append((start + at, start + at + len(piece)))
        cursor = at + len(piece)
    if block[cursor:].strip():
        out.append(_strip(text, start + cursor, end))
    return out


def _cut_long(text: str, start: int, end: int, max_chars: int) -> list[Span]:
    out = []
    while end - start > max_chars:
        cut = text.rfind(" ", start + 1, start + max_chars + 1)
        if cut <= start:
            cut = start + max_chars  # one unbroken token longer than the limit
        s, e = _strip(text, start, cut)
        if e > s:
            out.append(Span(s, e))
        start, _ = _strip(text, cut, end)
    if end > start:
        out.append(Span(start, end))
    return out


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
