"""The count a list question asks for ("How many Virginia airports got grants, and which?").

English asks for a count with "how many" or "what is the number of" before the plural it counts; that closed
grammar, not any release's words, is read here. The count given is, in this order:

1. the number a quoted sentence states of that plural ("... FUNDING TO SIX VIRGINIA AIRPORTS", "The
   seven additional counties are: ..."): the release's own count, cited;
2. else, when every listed sentence sets its entries out (a bulleted line, a series after a colon),
   the entries: "Blair, Bucks, Cameron and Lehigh" after a colon is four;
3. else none: the answer says that no quoted sentence states it (prose is not counted).

`python -m evals.measure_counts` measures both against the item lists of list questions that ask how
many (docs/tasks.md, "Counts")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.text import STOPWORDS, stem

# "how many X", "what is the number of X" ("a number of X" says "several", and asks nothing)
COUNT_ASKED = re.compile(r"\b(?:how\s+many|what(?:['’]s|\s+is|\s+was|\s+were)\s+the\s+(?:total\s+)?number\s+of)"
                         r"\s+(?P<what>[^?.!;:]+)", re.I)
NOUN_WORDS = 4  # the plural counted is among the first words after "how many" ("how many nebraska fire companies")
# the number words a count is written in (digits: `_number`)
NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                 "dozen": 12, "both": 2}
DETERMINERS = {"the", "its", "their", "these", "those", "our", "his", "her"}  # after a partitive "of"
MODIFIERS = 3  # words a stated count may put between the number and the plural ("six additional rural counties")
# a series: entries of at most ENTRY_WORDS words, separated by commas, the last after "and" or "or"
ENTRY_WORDS = 6
BULLET = re.compile(r"\s*(?:[*•·▪‣◦–-]|\d{1,2}[.)])\s+")
SEPARATOR = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+(?=[^,]*$)", re.I)


@dataclass(frozen=True)
class Count:
    number: int
    noun: str  # the plural counted, as the question writes it
    stated_in: int | None  # the index of the sentence that states it; None: counted from the listed entries


def counted_noun(question: str) -> str | None:
    """The plural a question asks the count of ("airports" in "How many Virginia airports received ...");
    None when it asks no count. The first plural among the first words after "how many" (a final "s",
    not "ss", "us", "is"), else the first word."""
    asked = COUNT_ASKED.search(question)
    if not asked:
        return None
    words = re.findall(r"[A-Za-z][\w\-’']*", asked["what"])[:NOUN_WORDS]
    if not words:
        return None
    plural = next((w for w in words if _plural(w)), None)
    return plural or words[0]


def count_of(question: str, sentences: Sequence[str]) -> Count | None:
    """The count `question` asks for, from the `sentences` its list answer quotes (best first): stated by
    one of them, else the entries they set out (`entries`); None when it asks none, nothing is listed,
    or a sentence lists in running prose that cannot be counted."""
    noun = counted_noun(question)
    if noun is None or not sentences:
        return None
    for i, text in enumerate(sentences):
        stated = stated_count(noun, text)
        if stated is not None:
            return Count(stated, noun, i)
    counted = [entries(text) for text in sentences]
    return None if None in counted else Count(sum(counted), noun, None)


def stated_count(noun: str, text: str) -> int | None:
    """The number `text` states of `noun`: a number followed, within MODIFIERS words, by the same plural
    ("SIX VIRGINIA AIRPORTS" for "airports"); None when it states none."""
    wanted = stem(noun.lower())
    words = [w.strip(".,") for w in re.findall(r"[\w\-’'$%.,]+", text)]
    for i, word in enumerate(words):
        number = _number(word)
        if number is None:
            continue
        following = [w.lower() for w in words[i + 1:i + 2 + MODIFIERS + 2]]
        if number > 1 and following[:1] == ["of"] and following[1:2] and following[1] in DETERMINERS:
            following = following[2:]  # "three of its central points", "Seven of the grants" (not "one of the")
        for token in following[:MODIFIERS + 1]:
            if stem(token) == wanted:
                return number
            if token in STOPWORDS:
                break  # "six were", "six for the airports": no count of the plural itself
    return None


def entries(text: str) -> int | None:
    """How many entries a listed sentence holds, where its punctuation sets them out: each of a series after
    a colon ("The seven additional counties are: Blair, Bucks, Cameron and Lehigh." holds 4), or one for
    a line opened by a bullet or a number ("* Roanoke Regional Airport Roanoke, VA $1,608,156"). None for
    running prose: its commas also set off clauses ("Allard, who sits on the committee, said ..."), and
    "Japan and the Republic of Korea" is two where "the EU and Norway" is one party to a dialogue."""
    if ":" in text:
        after = text.rsplit(":", 1)[1].strip().rstrip(".;")
        parts = [p for p in SEPARATOR.split(after) if p.strip()]
        if len(parts) >= 3 and "," in after and all(len(p.split()) <= ENTRY_WORDS for p in parts):
            return len(parts)
    return 1 if BULLET.match(text) else None


def _number(token: str) -> int | None:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})*", token):  # not "$1,608,156", "2.5", "10%"
        return int(token.replace(",", ""))
    return NUMBER_WORDS.get(token.lower())


def _plural(word: str) -> bool:
    lowered = word.lower()
    return len(lowered) > 3 and lowered.endswith("s") and not lowered.endswith(("ss", "us", "is")) or \
        lowered in {"people", "children", "men", "women", "staff"}
