"""How many sentences a summary request asks for: "Give me three takeaways", "Summarize it in two
sentences", "top 5 points on the budget", "a one-line summary", "in a single sentence".

English states a length as a number before the unit the summary is counted in; that closed grammar is
read here, not any release's words. A number that counts something else ("the 3 new hospitals", "2 lines
of credit") or names a thing ("the 10-point plan", "a line-item veto") is no length: the unit must follow
the number (a plural after a number over one) or, as a compound ("a two-sentence summary"), be followed by
a word for the summary."""

from __future__ import annotations

import re

from assistant.answer.counting import NUMBER_WORDS

MAX_LENGTH = 10  # a larger number counts something else ("the 50 items of the bill"); no summary is that long
# what a summary is counted in ("takeaways", "bullet points", "lines"); a unit word, not a topic word
UNITS = ("sentence", "bullet point", "point", "bullet", "takeaway", "line", "highlight", "thing", "fact", "liner")
# a compound length names the summary itself: "a two-sentence summary", "the one-line version"
SUMMARY_WORDS = ("summary", "summaries", "recap", "version", "overview", "rundown", "digest", "brief", "tl;dr", "tldr")
_WORDS = {word: n for word, n in NUMBER_WORDS.items() if 1 <= n <= MAX_LENGTH and word != "both"}
_NUMBER = r"\d{1,2}|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r"|an?|single"
_NUMBERS = re.compile(rf"\b(?:{_NUMBER})\b", re.I)
# after the number: the unit, after a hyphen ("one-line") or up to two modifiers ("three main points"; not
# "a narrow party-line vote"), and the word after it
_UNIT_AFTER = re.compile(
    rf"(?:-|\s+(?P<between>(?:[a-z]+\s+){{0,2}}?))(?P<unit>{'|'.join(UNITS)})(?P<plural>s)?\b"
    rf"(?:(?P<joint>\s+|-)(?P<after>[\w;]+)(?:\s+(?P<next>\w+))?)?", re.I)
# "points of the statement" counts the summary's points; "lines of credit", "a point of contention" count things
_OF_WHAT = {"the", "this", "that", "these", "those", "it", "its", "their", "his", "her", "our", "your", "each"}
_NOT_BETWEEN = re.compile(rf"\b(?:of|more|other|few|couple|different|the|these|those|{_NUMBER})\b", re.I)


def asked_length(question: str) -> int | None:
    """The number of sentences (1 to MAX_LENGTH) the question asks its summary to have, or None when it
    asks for none."""
    for found in _NUMBERS.finditer(question):
        number = _value(found.group())
        match = _UNIT_AFTER.match(question, found.end())
        if not match or not 1 <= number <= MAX_LENGTH or _NOT_BETWEEN.search(match["between"] or ""):
            continue
        if (match["after"] or "").lower() == "of" and (match["next"] or "").lower() not in _OF_WHAT:
            continue
        plural = bool(match["plural"])
        compound = (match["after"] or "").lower() in SUMMARY_WORDS and not plural
        if match["joint"] == "-" and not compound:  # "a line-item veto" names a thing
            continue
        if match["unit"].lower() == "liner":  # "a one-liner"
            plural = number > 1
        if (number > 1 and plural) or (number == 1 and not plural) or compound:
            return number
    return None


def _value(word: str) -> int:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return 1 if word in ("a", "an", "single") else _WORDS[word]
