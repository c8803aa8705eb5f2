"""Sentence spans with exact offsets, robust to text that lost its punctuation.

pysbd (rule-based, knows abbreviations such as "Sen." and "U.S.") segments each punctuated line, after
cutting it at the wide gaps that scraping leaves where punctuation was. A line with no mark at all,
only words and spaces, is text the scraper stripped (half the Senate collection: every mark a space,
line breaks too; a table row or a list line keeps its "|", "$" or ","): there the sentence-boundary
model (`boundaries.py`) decides at each gap between words, since a wide gap also stands where a link
or a name was ("challenges for   Wyoming  s economy"), and two spaces where a full stop was. Any piece
over the length limit is cut at its likeliest gap by that model, not mid-clause at the last space.

In a punctuated line, a wide gap that scraping left inside a sentence
("... for Colorado families     said Allard") is joined back when the piece after it starts in lower case, since no sentence starts in
lower case. A short capitalised piece is left alone: it may as well be a dateline or a header ("May
24th 2007", "FLOOR STATEMENT"), which joined to the lead sentence misled the reader (README, Chunking)."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from functools import lru_cache

from assistant.ingest.boundaries import BoundaryModel
from assistant.records import Span

BLOCK_BREAK = re.compile(r"\n|[ \t\xa0]{3,}")
SCRAPED_LINE = re.compile(r"[\w \t\xa0]+")  # no mark at all: what the scraper left of half the Senate collection
RULES = "3"  # recorded in the index: an index split by other rules is built again (Library.sync)


@lru_cache(maxsize=1)
def _segmenter():
    import pysbd

    return pysbd.Segmenter(language="en", clean=False)


def split_sentences(text: str, max_chars: int = 400) -> list[Span]:
    spans: list[Span] = []
    pos = 0
    for line in text.split("\n"):
        start, end = _strip(text, pos, pos + len(line))
        pos += len(line) + 1
        if start == end:
            continue
        if SCRAPED_LINE.fullmatch(text, start, end):
            spans.extend(_unpunctuated(text, start, end, max_chars))
            continue
        for b_start, b_end in _blocks(text, start, end):
            for s, e in _segment(text, b_start, b_end):
                spans.extend(_cut_at_likeliest(text, s, e, _gaps(text, s, e) if e - s > max_chars else [], max_chars))
    return spans


def _gaps(text: str, start: int, end: int) -> list[tuple[int, int, float]]:
    """The gaps between the words of text[start:end]: where each would cut, and the model's probability."""
    model = BoundaryModel.load()
    return [(*_cut_in(text, start + gap.start, start + gap.end), p) for gap, p in model.cuts(text[start:end])]


def _unpunctuated(text: str, start: int, end: int, max_chars: int) -> list[Span]:
    """A scraped line, cut where the boundary model says sentences end (module doc)."""
    bar = BoundaryModel.load().bar
    out, piece_start, inside = [], start, []
    for gap_start, gap_end, p in [*_gaps(text, start, end), (end, end, 1.0)]:
        if p >= bar:
            out.extend(_cut_at_likeliest(text, piece_start, gap_start, inside, max_chars))
            piece_start, inside = gap_end, []
        else:
            inside.append((gap_start, gap_end, p))
    return out


def _cut_in(text: str, start: int, end: int) -> tuple[int, int]:
    """Where a gap between two words cuts: at its first space, so a mark before it ("County,") stays with
    the word before and one after it ("$50,000", "(D-IN)") with the word after; a gap of marks alone
    ("well-known", "a,b") after them, so that no character falls between two sentences."""
    cut = next((i for i in range(start, end) if text[i].isspace()), end)
    return cut, cut


def _cut_at_likeliest(text: str, start: int, end: int, gaps: list[tuple[int, int, float]],
                      max_chars: int) -> list[Span]:
    """The piece whole, or cut at its likeliest gap within reach until no part is over the limit; `gaps`
    in text order."""
    out: list[Span] = []
    starts = [g[0] for g in gaps]
    start, end = _strip(text, start, end)
    while end - start > max_chars:
        lo, hi = bisect_left(starts, start + max_chars // 4), bisect_right(starts, start + max_chars)
        reachable = [g for g in gaps[lo:hi] if g[1] < end]
        if not reachable:
            break
        cut, resume, _ = max(reachable, key=lambda g: g[2])
        out.extend(_cut_long(text, *_strip(text, start, cut), max_chars))
        start, _ = _strip(text, resume, end)
    if end > start:
        out.extend(_cut_long(text, start, end, max_chars))
    return out


def _blocks(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The pieces of one line between wide gaps, each in lower case joined to the one before (module doc)."""
    out: list[list[int]] = []
    pos = start
    for match in [*BLOCK_BREAK.finditer(text, start, end), None]:
        piece_end = match.start() if match else end
        if text[pos:piece_end].strip():
            s, e = _strip(text, pos, piece_end)
            if out and text[s].islower():  # no sentence starts in lower case: "said Allard"
                out[-1][1] = e
            else:
                out.append([s, e])
        if match:
            pos = match.end()
    return [(s, e) for s, e in out]


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
