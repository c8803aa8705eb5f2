"""Small text helpers shared by the lexical index, retrieval and the answerer."""

from __future__ import annotations

import re
from datetime import date

MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december")

WORD = re.compile(r"[\w][\w'’\-]*", re.UNICODE)

STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being
    below between both but by can could did do does doing down during each few for from further had has
    have having he her here hers herself him himself his how i if in into is it its itself just me more
    most my myself no nor not now of off on once only or other our ours ourselves out over own same she
    should so some such than that the their theirs them themselves then there these they this those
    through to too under until up very was we were what when where which while who whom whose why will
    with would you your yours yourself yourselves s t don shall may might must upon yet ever
    tell say said says according please give me named name""".split()
)


def words(text: str) -> list[str]:
    """Lower-cased words; a possessive 's is dropped (Norway's -> norway)."""
    out = []
    for w in WORD.findall(text):
        w = w.lower()
        if w.endswith(("'s", "’s")):
            w = w[:-2]
        out.append(w.strip("'’-"))
    return out


def content_terms(text: str) -> list[str]:
    """Lower-cased words that carry meaning (no stopwords, no single letters). A hyphenated compound is
    read as its parts, as the lexical index (FTS5) reads it: "EU-NATO cooperation" names NATO."""
    parts = (part for w in words(text) for part in w.split("-"))
    return [w for w in parts if _carries_meaning(w)]


def search_terms(text: str) -> list[str]:
    """The content words a lexical search asks for: a hyphenated compound stays one term, which FTS5
    matches as a phrase ("nelson-burr": Nelson next to Burr, not every release naming a Nelson)."""
    return [w for w in words(text) if _carries_meaning(w)]


def _carries_meaning(word: str) -> bool:
    return bool(word) and word not in STOPWORDS and (len(word) > 1 or word.isdigit())


def stem(word: str) -> str:
    """A crude stem for matching question and sentence words ("hosting" ~ "host", "Norway's" ~ "norway")."""
    w = word.lower().strip("'’").removesuffix("'s").removesuffix("’s")
    for suffix in ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "s", "ly"):
        if w.endswith(suffix) and len(w) - len(suffix) >= 4:
            return w[: -len(suffix)]
    return w


def without_words(question: str, *phrases: str) -> str:
    """The question without these phrases of it: the words that named a period or an issuer, once they
    are a filter. As words to match they would match every release's dateline ("September 27th 2007")
    or every release that names the issuer."""
    for phrase in phrases:
        if phrase:
            question = " ".join(question.replace(phrase, " ").split())
    return question


def spoken_date(iso: str | None) -> str:
    """'2023-03-01' -> '(1 March 2023)', as a release would write it; '' for no or a malformed date."""
    try:
        day = date.fromisoformat(iso or "")
    except ValueError:
        return ""
    return f"({day.day} {MONTH_NAMES[day.month - 1].title()} {day.year})"
