"""A PDF's text layer as release text: lines the tool wrapped inside a paragraph are joined again.

pypdf gives one line per printed line, and the sentence splitter ends a sentence at every line
break, so "Users" / "will pay NOK 499 ..." became two sentences. A break is kept where the layout
shows a block ends: a larger gap than the usual line pitch, a change of font size (headline and
body), a list item, the end of a headline set in capitals, or a line that stopped short although the
next word would have fitted (a heading, a dateline, a paragraph's last line). Everything else is
joined with a space, or without one after a hyphen at the line end; that hyphen is dropped when the
tool inserted it ("secu-" / "rity") and kept when it belongs to the word ("EU-" / "Norway"), judged
by the document's own words and the tokenizer vocabulary shipped with the reader. Every rule reads
the document itself (its pitch, font sizes, line width, words), so none is tied to one tool."""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# the reader's uncased WordPiece vocabulary (the same as the embedding model's): a list of English words
VOCABULARY_FILE = Path(__file__).resolve().parent.parent / "reader" / "model" / "tokenizer.json"
LIST_ITEM = re.compile(r"^(?:[•▪●◦·]\s|\(?\d{1,2}[.)]\s|\(?[a-z][.)]\s)")
DASH_ITEM = re.compile(r"^[-–—*+]\s")  # a list item, or a dash the tool wrapped to the line start
SENTENCE_END = re.compile(r"[.!?:;][\"'”’)\]]*$")
WORD = re.compile(r"[^\W\d_](?:[\w']*[^\W_])?")
COMPOUND = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
GAP_FACTOR = 1.3  # a pitch this much above the usual one is a paragraph gap (body leading is ~1.2 em)
SIZE_CHANGE = 0.1  # font sizes further apart than this (relative) belong to different blocks
# A line plus the next line's first word, in characters: wider than the widest line, the word did not
# fit, so the tool wrapped; below 0.9 of the usual full line (90th percentile) the line stopped short
# (a heading, a paragraph's end). In between (characters only approximate widths in a proportional
# font) the break is kept only where a sentence ends: a paragraph may split in two, no sentence does.
WRAPPED_AT = 1.0
SHORT_BELOW = 0.9


@dataclass(frozen=True)
class PdfLine:
    text: str
    y: float | None  # baseline height on the page (PDF units, larger is higher); None when unknown
    size: float | None  # font size in effect, in PDF units; None when unknown
    page: int


def read_lines(reader) -> list[PdfLine]:
    """Every non-empty line of every page of a `pypdf.PdfReader`, with where it sits and its size."""
    lines: list[PdfLine] = []
    for page_no, page in enumerate(reader.pages):
        visitor = _LineVisitor()
        text = page.extract_text(visitor_text=visitor) or ""
        # positions are only trusted when pypdf's text is exactly what it showed the visitor
        placed = visitor.placed if "".join(visitor.pieces) == text else {}
        for line_no, raw in enumerate(text.split("\n")):
            if raw.strip():
                y, size = placed.get(line_no, (None, None))
                lines.append(PdfLine(" ".join(raw.split()), y, size, page_no))
    return lines


class _LineVisitor:
    """Collects, for each output line, the position and font size of its first visible text."""

    def __init__(self):
        self.pieces: list[str] = []
        self.placed: dict[int, tuple[float, float]] = {}
        self._line = 0

    def __call__(self, text, cm, tm, font, size) -> None:
        self.pieces.append(text)
        if text.strip() and self._line not in self.placed:
            self.placed[self._line] = _position(cm, tm, size)
        self._line += text.count("\n")


def join_lines(lines: list[PdfLine]) -> str:
    """The text of `lines` with wrapped lines joined and a blank line where a block ends."""
    return join_runs([lines])[0]


def join_runs(runs: list[list[PdfLine]]) -> list[str]:
    """`join_lines` of each run of lines, with the layout (line pitch, width, words) read once over all of
    them: the runs are parts of one document, split where something else stands between."""
    every = [line for run in runs for line in run]
    layout = _Layout(every) if every else None
    return [_joined(run, layout) for run in runs]


def _joined(lines: list[PdfLine], layout: "_Layout | None") -> str:
    if not lines or layout is None:
        return ""
    out = [lines[0].text]
    for before, after in zip(lines, lines[1:]):
        if layout.block_ends(before, after):
            out.append("\n\n")  # one paragraph break, as the HTML reader writes between blocks
            out.append(after.text)
        elif _ends_with_hyphen(before.text) and after.text[0].isalnum():
            left, right = _hyphen_parts(before.text, after.text)
            keep = not (left and right) or layout.hyphen_is_real(left, right)
            out[-1] = out[-1] if keep else out[-1][:-1]
            out.append(after.text)
        elif before.text.endswith("/"):  # a full line ending in a slash: a URL or "and/or" broken after it
            out.append(after.text)
        else:
            out.append(" " + after.text)
    return "".join(out)


def is_word(word: str) -> bool:
    """Whether `word` is a whole word of the vocabulary (not a word piece), case ignored."""
    return word.lower() in _vocabulary()


class _Layout:
    """What the document shows about its own layout: usual line pitch, body font size, line width."""

    def __init__(self, lines: list[PdfLine]):
        sizes = [line.size for line in lines if line.size]
        self.body_size = statistics.median(sizes) if sizes else None
        pitches = [a.y - b.y for a, b in zip(lines, lines[1:]) if self._same_block_font(a, b) and a.y is not None
                   and b.y is not None and a.page == b.page and a.y > b.y]
        # the lower quartile: lines inside a paragraph are the common case, paragraph gaps add larger pitches
        self.pitch = sorted(pitches)[len(pitches) // 4] if pitches else None
        widths = sorted(self._em_width(line.text, line) for line in lines)
        self.width = widths[round(0.9 * (len(widths) - 1))]  # the 90th percentile: full lines, not outliers
        self.widest = widths[-1]
        self.dash_starts = Counter(line.text[0] for line in lines if DASH_ITEM.match(line.text))
        text = "\n".join(line.text for line in lines)
        self.words = {w.lower() for w in WORD.findall(text)}
        self.compounds = {c.lower() for c in COMPOUND.findall(text)}
        breaks = [_hyphen_parts(a.text, b.text) for a, b in zip(lines, lines[1:]) if _ends_with_hyphen(a.text)]
        self.hyphenates = any(self._hyphen_inserted(*parts) for parts in breaks if all(parts))

    def block_ends(self, before: PdfLine, after: PdfLine) -> bool:
        if LIST_ITEM.match(after.text):
            return True
        if DASH_ITEM.match(after.text):  # a list when other lines start so too, else a wrapped dash
            listed = self.dash_starts[after.text[0]] >= 2
            return listed or not self._full(before, after) or bool(SENTENCE_END.search(before.text))
        if not self._same_block_font(before, after):
            return True
        if self._gap(before, after):
            return True
        if _ends_with_hyphen(before.text) or _starts_in_lower_case(after.text) or before.text.endswith(","):
            return False
        if _all_capitals(before.text) and not _all_capitals(after.text):
            return True  # a headline in capitals ends where the capitals do
        if (before.size or 0) > (self.body_size or 0) * (1 + SIZE_CHANGE) and not SENTENCE_END.search(before.text):
            return False  # a headline wrapped over lines in its own (larger) font
        fill = self._fill(before, after)
        if fill * self.width > WRAPPED_AT * self.widest:  # wider than any line: the word did not fit
            return False
        return fill < SHORT_BELOW or _sentence_ends_between(before.text, after.text)

    def _full(self, before: PdfLine, after: PdfLine) -> bool:
        return self._fill(before, after) >= SHORT_BELOW

    def _fill(self, before: PdfLine, after: PdfLine) -> float:
        """`before` and the first word of `after` as a share of the document's line width."""
        next_word = after.text.split(" ", 1)[0]
        return self._em_width(before.text + " " + next_word, before) / self.width

    def hyphen_is_real(self, left: str, right: str) -> bool:
        if f"{left}-{right}".lower() in self.compounds:  # written with its hyphen elsewhere in the text
            return True
        if self._hyphen_inserted(left, right):
            return False
        if right[0].isupper() and not right.isupper():  # "EU-" / "Norway": hyphenation never capitalises
            return True
        # "first-" / "responder" or "center-" / "piece": a tool that hyphenates words breaks inside them,
        # one that does not (most plain-text wrappers) only ever breaks after a real hyphen
        return not self.hyphenates

    def _hyphen_inserted(self, left: str, right: str) -> bool:
        """Evidently a hyphen the tool inserted: the joined word is a word ("secu-" / "rity"), or neither
        part is one ("interop-" / "erability")."""
        joined = (left + right).lower()
        return joined in self.words or is_word(joined) or not (is_word(left) or is_word(right))

    def _same_block_font(self, a: PdfLine, b: PdfLine) -> bool:
        if not a.size or not b.size:
            return True
        return abs(a.size - b.size) <= SIZE_CHANGE * max(a.size, b.size)

    def _gap(self, a: PdfLine, b: PdfLine) -> bool:
        if a.page != b.page or a.y is None or b.y is None or self.pitch is None:
            return False
        pitch = a.y - b.y
        return pitch <= 0 or pitch > GAP_FACTOR * self.pitch * (a.size or 1) / (self.body_size or a.size or 1)

    def _em_width(self, text: str, line: PdfLine) -> float:
        """Width in body-size characters: a line in a larger font is wider per character."""
        scale = (line.size / self.body_size) if line.size and self.body_size else 1.0
        return len(text) * scale


def _sentence_ends_between(before: str, after: str) -> bool:
    """Whether the sentence splitter ends a sentence where `before` ends when the lines are joined
    ("... in March." / "The" does; "... said Sen." / "Hagel" does not)."""
    from assistant.ingest.sentences import split_sentences

    tail, head = before[-300:], after[:100]
    return any(span.end == len(tail) for span in split_sentences(tail + " " + head))


def _hyphen_parts(before: str, after: str) -> tuple[str, str]:
    """The letters either side of a hyphen that ends `before`: ("secu", "rity")."""
    return re.search(r"([^\W\d_]*)-$", before)[1], re.match(r"[^\W\d_]*", after)[0]


def _ends_with_hyphen(text: str) -> bool:
    return len(text) > 1 and text.endswith("-") and text[-2].isalnum()


def _starts_in_lower_case(text: str) -> bool:
    """The first word is in lower case ("will pay"), so the line continues a sentence."""
    return text[0].islower() and text.split(" ", 1)[0].islower()


def _all_capitals(text: str) -> bool:
    """Set in capitals; a lower-case plural of an acronym ("MSIs") does not count against it."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and sum(ch.isupper() for ch in letters) >= 0.8 * len(letters)


def _position(cm, tm, size) -> tuple[float, float]:
    """Baseline height and effective font size from pypdf's current and text matrices."""
    a, b, c, d, e, f = tm
    ca, cb, cc, cd, _, cf = cm
    y = e * cb + f * cd + cf  # the text origin mapped through the current matrix
    scale = math.sqrt(abs((a * d - b * c) * (ca * cd - cb * cc))) or 1.0
    return y, float(size) * scale


@lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    from tokenizers import Tokenizer

    vocab = Tokenizer.from_file(str(VOCABULARY_FILE)).get_vocab()
    return frozenset(token for token in vocab if token.isalpha())
