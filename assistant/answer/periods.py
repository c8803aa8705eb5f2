"""Date periods in a question: "in March 2006", "since March", "last year", "between May and July 2005".

Relative expressions ("last year", "since March") are read against a reference day, the date of the
newest release in the corpus, so a corpus of 2005 releases answers "last year" with 2004. The grammar
is English calendar language, nothing about any release."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

MONTHS = {name: n for n, names in enumerate(
    [("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
     ("july", "jul"), ("august", "aug"), ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
     ("december", "dec")], start=1) for name in names}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
UNITS = {"day": 1, "week": 7, "month": 30, "year": 365}

_MONTH = r"(?:" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
# a year in full, or by its last two digits after an apostrophe ("June '07", "in ’05"), which the
# reference day's century (or the one before) completes
# (a year ending in 0 followed by "s" or "'s" is a decade, "the 1990s", "the late 1950's"; "2006's" is a year)
_YEAR = r"(?:(?:19|20)(?:\d[1-9]|\d0(?!['’]?s\b))|['’]\d{2})"
# a quarter or a half of a year: "Q3 2005", "H1 2006", "the second quarter of 2006", "the first half of 2007"
_PART_OF_YEAR = (rf"(?:(?:Q[1-4]|H[12])\s+{_YEAR}|(?:the\s+)?(?:(?:first|second|third|fourth|last|final)\s+quarter"
                 rf"|(?:first|second|last|final)\s+half)\s+of\s+{_YEAR})")
# the first, middle or last third of a month or a year: "late March 2006", "mid-June", "early 2006"
_THIRD = r"(?:early|mid|late)(?:-|\s+)"
# one calendar point: a day, a part of a year, a month (of a year), a season or a year, or a third of one
_POINT = (rf"(?:\d{{4}}-\d{{2}}-\d{{2}}|{_PART_OF_YEAR}|\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH},?\s+{_YEAR}|{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}"
          rf"|(?:{_THIRD})?(?:(?:{_MONTH}|spring|summer|autumn|fall|winter)(?:\s+(?:of\s+)?{_YEAR})?|{_YEAR}))")
_RANGE = re.compile(rf"\b(?:between|from)\s+(?P<a>{_POINT})\s+(?:and|to|until|till|through|-)\s+(?P<b>{_POINT})\b", re.I)
# two points joined ("in May and June 2006", "in March or April 2005", "in March and April"): from the first
# to the second, the year both share read from the second (two points apart span the months between them)
_COORDINATED = re.compile(rf"\b(?:in|during)\s+(?P<a>{_POINT})\s+(?:and|or|&)\s+(?P<b>{_POINT})\b", re.I)
# "from 2006" alone means in 2006 ("releases from 2006"); "from ... to ..." is a range
_OPEN = re.compile(rf"\b(?P<op>since|after|starting(?:\s+in)?|before|until|till|prior\s+to|by)\s+(?P<a>{_POINT})\b", re.I)
_RELATIVE = re.compile(r"\b(?P<which>last|this|past|previous)\s+(?:(?P<n>\d+|two|three|four|five|six|twelve)\s+)?"
                       r"(?P<unit>day|week|month|year)s?\b(?!\s+of\b)", re.I)  # "the last week of May": a part of May
_IN = re.compile(rf"\b(?:(?:in|during|of|from|for|on)\s+)?(?P<a>{_POINT})\b", re.I)
# a determiner or possessive just before a bare year makes it part of a name ("the 2004 tsunami",
# "Bush's 2006 budget"; not "the summer of 2005"); English grammar, like the calendar words
_MODIFIER = re.compile(r"\b(?:the|a|an|this|that|these|those|its|their|his|her|our|your)\s+$|['’]s\s+$", re.I)
_WEEK_OF = re.compile(r"\b(?P<nth>first|second|third|fourth|last|final)\s+week\s+$", re.I)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "twelve": 12}
_NTH = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": 0, "final": 0}  # 0: the last one


@dataclass(frozen=True)
class Period:
    since: date | None
    until: date | None
    text: str  # the words of the question that named it

    def holds(self, start: date, end: date) -> bool:
        """Whether the days `start` to `end` fall wholly within the period (a year does not fall within
        one of its months: "the 2006 grant program" names no date in October 2006)."""
        return (self.since is None or start >= self.since) and (self.until is None or end <= self.until)

    def named_in(self, text: str, reference: date) -> bool:
        """Whether `text` names a date within the period ("in early 2025", "on 2 April 2025")."""
        return any(self.holds(*span) for span in dates_named(text, reference))

    def label(self) -> str:
        if self.since and self.until:
            return f"{self.since.isoformat()} to {self.until.isoformat()}"
        return f"since {self.since.isoformat()}" if self.since else f"until {self.until.isoformat()}"


_NEWEST = re.compile(r"\b(?:latest|newest|most\s+recent(?:ly)?|last)\b(?!\s+(?:\d+\s+)?(?:day|week|month|year|quarter|half)s?\b)",
                     re.I)


def asks_for_newest(question: str) -> bool:
    """"the latest grant", "the most recent price": the newest release's answer, not the best-scored
    one. English recency words, like the calendar words above ("last year" is a period, not this)."""
    return bool(_NEWEST.search(question))


def find_period(question: str, reference: date | None = None) -> Period | None:
    """The period the question names, or None. `reference` is "today" for relative expressions."""
    reference = reference or date.today()
    joined = _COORDINATED.search(question)
    if joined and not (_is_time(joined["a"], "in") and _is_time(joined["b"], "in")
                       and (_has_year(joined["b"]) or not _has_year(joined["a"]))):
        joined = None  # "in 2005 and may be renewed", "in 2006 and Jan Schakowsky": no second point of time
    if m := _RANGE.search(question) or joined:
        a, b = _span(m["a"], reference), _span(m["b"], reference)
        if a and b:
            start, end = a[0], b[1]
            if not _has_year(m["a"]) and _has_year(m["b"]):  # "between May and July 2005"
                start = start.replace(year=end.year if start.month <= end.month else end.year - 1)
            if start > end and not _has_year(m["a"]):  # "between March and May": the March before that May
                start = start.replace(year=start.year - 1)
            if start <= end:  # each point read alone may put the first after the second
                return Period(start, end, m.group(0))
    if m := _OPEN.search(question):
        span = _span(m["a"], reference)
        if span and _is_time(m["a"], m["op"]):
            op = m["op"].lower()
            if op in ("before", "prior to"):
                return Period(None, span[0] - timedelta(days=1), m.group(0))
            if op in ("until", "till", "by"):
                return Period(None, span[1], m.group(0))
            if op == "after":
                return Period(span[1] + timedelta(days=1), None, m.group(0))
            return Period(span[0], None, m.group(0))
    if m := _RELATIVE.search(question):
        unit, which = m["unit"].lower(), m["which"].lower()
        n = m["n"]
        if n:  # "past 3 months": a window ending at the reference day
            days = (int(n) if n.isdigit() else _NUMBERS[n.lower()]) * UNITS[unit]
            return Period(reference - timedelta(days=days), reference, m.group(0))
        if unit == "year":
            year = reference.year - (which in ("last", "previous"))
            return Period(date(year, 1, 1), date(year, 12, 31), m.group(0))
        if unit == "month":
            first = reference.replace(day=1)
            if which in ("last", "previous"):
                first = (first - timedelta(days=1)).replace(day=1)
            return Period(first, _month_end(first.year, first.month), m.group(0))
        if which == "past":
            return Period(reference - timedelta(days=UNITS[unit]), reference, m.group(0))
        start = reference - timedelta(days=reference.weekday()) if unit == "week" else reference
        if which in ("last", "previous"):
            start -= timedelta(days=UNITS[unit])
        return Period(start, start + timedelta(days=UNITS[unit] - 1), m.group(0))
    for m in _IN.finditer(question):
        preposition = m.group(0)[: m.start("a") - m.start()].strip() or None
        if not preposition and m["a"].lstrip("'’")[0].isdigit() and _MODIFIER.search(question[: m.start("a")]):
            continue  # "the 2004 Asian tsunami": a year that names an event, not when releases came out
        if _is_time(m["a"], preposition):
            span = _span(m["a"], reference)
            if span:
                return _week_of_month(question[: m.start()], span, m.group(0)) or Period(span[0], span[1], m.group(0))
    return None


def dates_named(text: str, reference: date) -> list[tuple[date, date]]:
    """The first and last day of every calendar point `text` names with its year ("31 March to 2 April
    2025" names 2 April 2025; "in March" names none: which March is the writer's to know). `reference`
    completes two-digit years ("'05")."""
    spans = []
    for m in _IN.finditer(text):
        if _has_year(m["a"]) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", m["a"]):
            if span := _span(m["a"], reference):
                spans.append(span)
    return spans


def _week_of_month(before: str, span: tuple[date, date], text: str) -> Period | None:
    """"the first week of May 2007": the week of the month `span` the words just before it name (weeks of
    seven days from the first, the last week ending with the month)."""
    start, end = span
    if start.day != 1 or end != _month_end(start.year, start.month):
        return None
    if m := _WEEK_OF.search(before):
        nth = m["nth"].lower()
        first = end.day - 6 if nth in ("last", "final") else 1 + 7 * ("first", "second", "third", "fourth").index(nth)
        return Period(start.replace(day=first), start.replace(day=min(first + 6, end.day)), m.group(0) + text)
    return None


def _is_time(point: str, preposition: str | None) -> bool:
    """A year-less month or season is a time only after a preposition ("since May", not "may"/"fall")."""
    if _has_year(point) or re.fullmatch(r"\d{4}-\d{2}-\d{2}", point):
        return True
    if not preposition:
        return False
    word = point.split()[0].rstrip(".")
    return word not in ("may", "mar")  # lower-case "may" is the verb; "Mar" needs its year


def _has_year(point: str) -> bool:
    return bool(re.search(_YEAR, point))


def _span(point: str, reference: date) -> tuple[date, date] | None:
    """The first and last day of a calendar point; a year-less month is its latest occurrence up to
    `reference`."""
    point = point.strip()
    if third := re.match(_THIRD, point, re.I):
        whole = _span(point[third.end():], reference)
        return _third(whole, third.group(0).rstrip("- ").lower()) if whole else None
    if part := _part_of_year(point, reference):
        return part
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", point):
        try:
            day = date.fromisoformat(point)
        except ValueError:
            return None
        return day, day
    year_match = re.search(_YEAR, point)
    year = _full_year(year_match.group(0), reference) if year_match else None
    words = re.findall(r"[a-z]+", point.lower())
    month = next((MONTHS[w] for w in words if w in MONTHS), None)
    season = next((SEASONS[w] for w in words if w in SEASONS), None)
    day_match = re.search(r"\b(\d{1,2})(?:st|nd|rd|th)?\b", re.sub(_YEAR, "", point))
    if month and day_match and year:
        try:
            day = date(year, month, int(day_match.group(1)))
        except ValueError:
            return None
        return day, day
    if month:
        if year is None:
            year = reference.year if month <= reference.month else reference.year - 1
        return date(year, month, 1), _month_end(year, month)
    if season:
        first, last = season
        if year is None:
            year = reference.year if first <= reference.month else reference.year - 1
        end_year = year + 1 if last < first else year
        return date(year, first, 1), _month_end(end_year, last)
    if year:
        return date(year, 1, 1), date(year, 12, 31)
    return None


def _third(span: tuple[date, date], part: str) -> tuple[date, date]:
    """The early, mid or late third of a month (days 1-10, 11-20, 21 to its end) or of a year (January
    to April, May to August, September to December); a season or a day stays whole."""
    start, end = span
    index = ("early", "mid", "late").index(part)
    if start.day == 1 and end == _month_end(start.year, start.month):
        return start.replace(day=(1, 11, 21)[index]), start.replace(day=(10, 20, end.day)[index])
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return date(start.year, (1, 5, 9)[index], 1), _month_end(start.year, (4, 8, 12)[index])
    return span


def _part_of_year(point: str, reference: date) -> tuple[date, date] | None:
    """"Q3 2005" (July to September), "H1 2006", "the last quarter of 2006" (October to December)."""
    if not re.fullmatch(_PART_OF_YEAR, point, re.I):
        return None
    year = _full_year(re.search(_YEAR, point).group(0), reference)
    words = point.lower().split()
    if point[0] in "QqHh" and point[1].isdigit():
        months, n = (3 if point[0] in "Qq" else 6), int(point[1])
    else:
        months = 3 if "quarter" in words else 6
        n = _NTH[next(w for w in words if w in _NTH)] or 12 // months  # "last": the year's last part
    return date(year, months * (n - 1) + 1, 1), _month_end(year, months * n)


def _full_year(text: str, reference: date) -> int:
    """'2007' -> 2007; "'07" -> the latest year ending in 07 up to the reference day's year."""
    digits = int(text.lstrip("'’"))
    if len(text) == 4 and text[0].isdigit():
        return digits
    year = reference.year // 100 * 100 + digits
    return year if year <= reference.year else year - 100


def _month_end(year: int, month: int) -> date:
    return date(year + (month == 12), month % 12 + 1, 1) - timedelta(days=1)
