"""Sentence spans with exact offsets, robust to text that lost its punctuation.

pysbd (rule-based, knows abbreviations such as "Sen." and "U.S.") segments each line; lines are cut
first at line breaks and at the wide gaps that scraping leaves where punctuation was, and any
sentence still longer than the limit is cut at word breaks."""

from __future__ import annotations

import re
from functools import lru_cache

from assistant.records import Span

BLOCK_BREAK = re.compile(r"\n|[ \t\xa0]{3,}")


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
    out, pos = [], 0
    for match in [*BLOCK_BREAK.finditer(text), None]:
        end = match.start() if match else len(text)
        if text[pos:end].strip():
            out.append(_strip(text, pos, end))
        if match:
            pos = match.end()
    return out


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
