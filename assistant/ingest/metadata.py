"""Finds a release's headline, date, place and kind in its text when no metadata says so."""

from __future__ import annotations

import re
from collections.abc import Container, Iterable
from datetime import date

MONTHS = {
    name: i
    for i, names in enumerate(
        [
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
DATE_PATTERNS = [
    re.compile(rf"\b{_WEEKDAY}{_DAY}\s+{_MONTH}\s*,?\s+{_YEAR}\b", re.I),  # Thursday 5 December 2024
    re.compile(rf"\b{_WEEKDAY}{_MONTH}\s+{_DAY}\s*,?\s+{_YEAR}\b", re.I),  # December 5, 2024
    re.compile(r"\b(?P<year>(?:19|20)\d{2})-(?P<month>\d{2})-(?P<day>\d{2})\b"),  # 2024-12-05
]
KIND_LINE = re.compile(
    r"^(?:joint\s+)?(?:press\s+release|news\s+release|press\s+statement|joint\s+statement|statement"
    r"|media\s+advisory|communiqu[eé]|readout|fact\s*sheet|speech|press\s+notice)$",
    re.I,
)
# The label above a release's headline that says it may be published ("For immediate release")
RELEASE_LABEL = re.compile(r"^(?:for\s+immediate\s+release|immediate\s+release|for\s+release)$", re.I)
BODY_WORDS = 12  # words after a date in a headline line past which the line ran on into the release's body
# A dateline: "BRUSSELS, 5 December 2024" or "WASHINGTON, D.C. -" at the start of a segment.
DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Za-z'\-]+(?: [A-Z][A-Za-z'\-]+){0,2}(?:,\s*[A-Z]\.\s?[A-Z]\.)?)(?P<rest>(?:\s*[,(]|\s+[-–—]).*)$"
)
PLACE_IN_SENTENCE = re.compile(r"\b(?:in|at)\s+(?P<place>[A-Z][\w'\-]+(?:\s+[A-Z][\w'\-]+){0,2})")
SEGMENT_BREAK = re.compile(r"\n|\s{3,}")  # line breaks, or the wide gaps left where punctuation was lost
HEAD_CHARS = 3000
_WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "on"}
TITLE_MAX = 200
TITLE_LINES = 5  # head lines read for a title
TITLE_HEAD_SEGMENTS = 6  # the lines where a headline stands
STATED_TITLE_MATCH = 0.8  # share of a stated title's words the head must hold to count as repeating it
HEADLINE_MIN_WORDS = 3  # "untitled", "Document1", "Slide 1" are labels, not headlines
FILE_NAME = re.compile(r"(?:^|[\\/])[^\\/]*\.[A-Za-z][A-Za-z0-9]{1,4}$")  # ends with an extension: draft3.docx


def segments(text: str, limit: int = HEAD_CHARS) -> list[tuple[int, str]]:
    """Non-empty stripped segments at the head of the text, with their offsets."""
    out = []
    pos = 0
    head = text[:limit]
    for match in [*SEGMENT_BREAK.finditer(head), None]:
        end = match.start() if match else len(head)
        piece = head[pos:end]
        if piece.strip():
            out.append((pos + len(piece) - len(piece.lstrip()), piece.strip()))
        if match:
            pos = match.end()
    return out


def find_date(text: str) -> tuple[str | None, int]:
    """The first well-formed date near the top of the text, ISO formatted, and where it starts."""
    head = text[:HEAD_CHARS]
    found: list[tuple[int, str]] = []
    for pattern in DATE_PATTERNS:
        for m in pattern.finditer(head):
            month = m["month"]
            month_no = int(month) if month.isdigit() else MONTHS[month.lower().rstrip(".")]
            try:
                found.append((m.start(), date(int(m["year"]), month_no, int(m["day"])).isoformat()))
                break
            except ValueError:
                continue
    if not found:
        return None, -1
    start, iso = min(found)
    return iso, start


def find_kind(text: str) -> str | None:
    for _, seg in segments(text)[:3]:
        if KIND_LINE.match(seg):
            return seg
    return None


def find_title(text: str, letterhead: Container[str] = frozenset()) -> str | None:
    """The first head line that is not a kind line, a date, or one of the corpus's `letterhead` lines
    (`line_key`s, see `letterhead.py`), among the first five lines that are not letterhead."""
    read = 0
    for _, seg in segments(text):
        bare = seg.lstrip("#").strip()
        if letterhead and line_key(bare) in letterhead:
            continue
        read += 1
        if read > TITLE_LINES:
            break
        if not bare or KIND_LINE.match(bare) or _is_only_date(bare):
            continue
        bare = _without_date(bare, letterhead)
        if len(bare) <= TITLE_MAX:
            return bare
        return bare[:TITLE_MAX].rsplit(" ", 1)[0] + "…"
    return None


def _without_date(line: str, letterhead: Container[str] = frozenset()) -> str:
    """A headline line without the release date run into it, where the source lost its line breaks: the
    words after a date that opens the line or follows a release label ("FOR IMMEDIATE RELEASE  July 9
    2007 Schumer Calls On GSA ..."), the words before a date that ends the line or runs on into the
    dateline or the body ("Casey Opposes Bush Plan on Mexican Trucks  September 12, 2007  WASHINGTON, DC
    - U.S. Senator ..."), or before a letterhead line of the corpus (`letterhead`: "... November 3  2006
    Washington  D C", a dateline without its comma). A date inside a headline ("... Honoring September
    11, 2001 Victims") stays."""
    span = _date_span(line)
    if span is None:
        return line
    before, after = line[: span[0]].strip(" ,-–—|"), line[span[1]:].strip(" ,-–—|")
    if after and (not before or KIND_LINE.match(before) or RELEASE_LABEL.match(before)):
        return after
    if before and (not after or DATELINE.match(after) or line_key(after) in letterhead
                   or len(after.split()) > BODY_WORDS):
        return before
    return line


def _date_span(text: str) -> tuple[int, int] | None:
    """Where the first well-formed date in `text` starts and ends."""
    spans = [(m.start(), m.end()) for pattern in DATE_PATTERNS for m in pattern.finditer(text)]
    return min(spans) if spans else None


def line_key(line: str) -> str:
    """A head line as compared across releases: lower-cased, heading marks dropped, spaces collapsed."""
    return " ".join(line.lstrip("#").lower().split())


def title_is_generated(title: str | None, text: str, tools: Iterable[str | None] = ()) -> bool:
    """Whether a title stated by the file's metadata was written by a tool rather than a person.

    PDF writers fill the title with their own label ("Enscript Output", "untitled"), the source
    file's name ("Microsoft Word - draft3.docx") or nothing. A title the text's first lines repeat is
    trusted; otherwise it is generated when it is a file name, shares a word with the program that
    made the file (`tools`: a PDF's /Creator and /Producer), or is too short to be a headline."""
    words = _words(title or "")
    if not words:
        return True
    head = set(_words(" ".join(seg for _, seg in segments(text)[:TITLE_HEAD_SEGMENTS])))
    if sum(w in head for w in words) >= STATED_TITLE_MATCH * len(words):
        return False
    if FILE_NAME.search(title.strip()):
        return True
    tool_words = {w for tool in tools if tool for w in _words(tool) if len(w) >= 3 and not w.isdigit()}
    return bool(tool_words & set(words)) or len(words) < HEADLINE_MIN_WORDS


def find_place(text: str, date_at: int) -> str | None:
    title = find_title(text)
    for _, seg in segments(text)[:6]:
        m = DATELINE.match(seg)
        if not m or seg == title or m["place"].split()[0].lower() in MONTHS.keys() | _WEEKDAYS:
            continue
        rest = m["rest"].lstrip(",( \t")
        if rest[:1] in "-–—" or 0 <= find_date(rest[:40])[1] <= 12:
            return _titlecase(m["place"].strip())
    if date_at >= 0:
        # the place named in the sentence that gives the date: "... held ... in Brussels."
        sentence_end = text.find(".", date_at)
        sentence = text[date_at : sentence_end if sentence_end > 0 else date_at + 300]
        m = PLACE_IN_SENTENCE.search(sentence)
        if m and m["place"].split()[0].lower() not in MONTHS:
            return m["place"]
    return None


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+", text.lower())


def _is_only_date(segment: str) -> bool:
    iso, at = find_date(segment)
    return iso is not None and len(segment) < 40


def _titlecase(place: str) -> str:
    if not place.isupper():
        return place
    return " ".join(w if re.fullmatch(r"(?:[A-Z]\.)+,?", w) else w.capitalize() for w in place.split())
