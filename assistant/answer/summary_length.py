"""How many sentences a summary request asks for: "Give me three takeaways", "Summarize it in two
sentences", "top 5 points on the budget", "a one-line summary", "in a single sentence".

English states a length as a number before the unit the summary is counted in; that closed grammar is
read here, not any release's words. Sentences, lines and points are counted in releases too ("the two
sentences given to the defendants", "the 2 new bus lines", "the 3 talking points", "a line-item veto"),
so a number is read as a length only where the request frames it as one:

- after a word that introduces a length: "in two sentences", "down to one line", "give me 3 points",
  "top 5 points", "list seven key points";
- before a unit only a summary is counted in ("three takeaways", "4 highlights", "5 bullet points"), or
  one of the few words that rank a summary's points ("the two main points", "3 key points");
- as a compound naming the summary itself: "a two-sentence summary", "the one-line version", "a one-liner".

A plural unit follows a number over one, a singular one follows one ("a", "one", "single"). A number over
MAX_LENGTH in a length's frame asks for the longest summary given."""

from __future__ import annotations

import re

from assistant.answer.counting import NUMBER_WORDS

MAX_LENGTH = 10  # an extractive summary of more sentences is no summary
# what a summary is counted in; the first ones are counted in nothing else
SUMMARY_UNITS = ("takeaway", "bullet point", "bullet-point", "bullet", "highlight", "liner")
UNITS = SUMMARY_UNITS + ("sentence", "point", "line", "thing", "fact", "finding")
# the words that rank a summary's points: "the two main points"; any other word between the number and
# the unit makes it a count of something else ("the 2 new bus lines", "3 talking points")
RANKING = {"main", "key", "most", "important", "biggest", "big", "top", "short", "quick", "brief", "major"}
# the words that introduce a length: "in two sentences", "give me 3 points", "top 5", "list seven points"
FRAMES = {"in", "into", "to", "within", "under", "me", "us", "top", "list", "just", "only", "max", "maximum"}
# a compound length names the summary itself: "a two-sentence summary", "the one-line version"
SUMMARY_WORDS = {"summary", "summaries", "recap", "version", "overview", "rundown", "digest", "brief", "tl;dr",
                 "tldr", "answer", "reply"}
_WORDS = {word: n for word, n in NUMBER_WORDS.items() if 1 <= n <= 20 and word != "both"}
_NUMBER = r"\d{1,2}|" + "|".join(sorted(_WORDS, key=len, reverse=True)) + r"|an?|single"
_NUMBERS = re.compile(rf"\b(?:{_NUMBER})\b", re.I)
# after the number: the unit, after a hyphen ("one-line") or up to two words ("three main points"), and
# the word after it
_UNIT_AFTER = re.compile(
    rf"(?:-|\s+(?P<between>(?:[a-z]+\s+){{0,2}}?))(?P<unit>{'|'.join(UNITS)})(?P<plural>s)?\b"
    rf"(?:(?P<joint>\s+|-)(?P<after>[\w;]+))?", re.I)
# what may stand between a length's frame and its number: "in a single sentence", "in two to three sentences"
_BEFORE_NUMBER = {"a", "an", "the", "just", "only", "or", "to", "-"} | set(_WORDS)
_TOKEN = re.compile(r"[\w;]+|-")


def asked_length(question: str) -> int | None:
    """The number of sentences (1 to MAX_LENGTH) the question asks its summary to have, or None when it
    asks for none."""
    for found in _NUMBERS.finditer(question):
        match = _UNIT_AFTER.match(question, found.end())
        if not match:
            continue
        number, unit = _value(found.group()), match["unit"].lower()
        plural = bool(match["plural"]) or (unit == "liner" and number > 1)  # "a one-liner"
        if number < 1 or plural != (number > 1) and not _compound(match):
            continue
        between = (match["between"] or "").split()
        ranked = all(word.lower() in RANKING for word in between)
        article = found.group().lower() in ("a", "an")  # "a bullet train" counts nothing
        if _compound(match) or (ranked and _framed(question[:found.start()])) or \
                (ranked and not article and (unit in SUMMARY_UNITS or between)):
            return min(number, MAX_LENGTH)
    return None


def _compound(match: re.Match) -> bool:
    """"a two-sentence summary", "3 bullet summary", "a one-liner": the number and unit name the summary."""
    names_summary = (match["after"] or "").lower() in SUMMARY_WORDS or match["unit"].lower() == "liner"
    return not match["between"] and names_summary


def _framed(before: str) -> bool:
    """The words before the number introduce a length ("in", "down to", "give me", "top")."""
    for token in reversed(_TOKEN.findall(before.lower())):
        if token in FRAMES:
            return True
        if token not in _BEFORE_NUMBER and not token.isdigit():
            return False
    return False


def _value(word: str) -> int:
    word = word.lower()
    if word.isdigit():
        return int(word)
    return 1 if word in ("a", "an", "single") else _WORDS[word]
