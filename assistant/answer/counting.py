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

from assistant.text import STOPWORDS, content_terms, stem

# "how many X", "what is the number of X" ("a number of X" says "several", and asks nothing)
COUNT_ASKED = re.compile(r"\b(?:how\s+many|what(?:['’]s|\s+is|\s+was|\s+were)\s+the\s+(?:total\s+)?number\s+of)"
                         r"\s+(?P<what>[^?.!;:]+)", re.I)
NOUN_WORDS = 4  # the plural counted is among the first words after "how many" ("how many nebraska fire companies")
# the number words a count is written in (digits: `_number`)
NUMBER_WORDS = {w: n for n, w in enumerate(
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty".split())}
NUMBER_WORDS |= {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                 "both": 2}
TENS = {20, 30, 40, 50, 60, 70, 80, 90}
MULTIPLIERS = {"hundred", "thousand", "million", "billion", "trillion", "dozen", "percent"}
BOUNDS = {"more than", "less than", "fewer than", "up to", "at least", "at most", "nearly", "almost", "over",
          "under", "about", "approximately", "roughly", "some", "around"}  # a number after these is no count
MONTH_WORDS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
               "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
               "nov", "dec"}
POSSESSIVE_END = re.compile(r"['’]s?$")
DETERMINERS = {"the", "its", "their", "these", "those", "our", "his", "her"}  # after a partitive "of"
MODIFIERS = 3  # words a stated count may put between the number and the plural ("six additional rural counties")
# a series: entries of at most ENTRY_WORDS words, separated by commas, the last after "and" or "or"
ENTRY_WORDS = 6
BULLET = re.compile(r"\s*(?:[*•·▪‣◦–-]|\d{1,2}[.)])\s+")
QUOTES = ('"', "“", "'", "‘")
PRONOUNS = {"i", "we", "you", "he", "she", "it", "they"}  # a series entry names things; a clause has a subject
SEPARATOR = re.compile(r",\s+(?:and\s+|or\s+)?|\s+(?:and|or)\s+(?=[^,]*$)", re.I)


@dataclass(frozen=True)
class Count:
    number: int
    noun: str  # the plural counted, as the question writes it
    stated_in: int | None  # the index of the sentence that states it; None: counted from the listed entries


def counted_noun(question: str) -> str | None:
    """The plural a question asks the count of ("airports" in "How many Virginia airports received ...");
    None when it asks no count. The first plural among the first words after "how many" (a final "s",
    not "ss", "us", "is") that is no function word ("how many of them", "how many were"), no possessive
    ("of Allen's bills") and, in a question not written all in one case, no capitalised name ("Texas
    counties"); of plurals in a row the last, the phrase's head ("TEXAS COUNTIES"); None without one."""
    asked = COUNT_ASKED.search(question)
    if not asked:
        return None
    mixed = question != question.lower() and question != question.upper()
    words = [w for w in re.findall(r"[A-Za-z][\w\-’']*", asked["what"])[:NOUN_WORDS]
             if w.lower() not in STOPWORDS and not POSSESSIVE_END.search(w) and not (mixed and w[0].isupper())]
    first = next((i for i, w in enumerate(words) if _plural(w)), None)
    if first is None:
        return None
    while first + 1 < len(words) and _plural(words[first + 1]):
        first += 1  # "TEXAS COUNTIES", "veterans affairs clinics": a noun phrase ends in its head
    return words[first]


def count_of(question: str, sentences: Sequence[str]) -> Count | None:
    """The count `question` asks for, from the `sentences` its list answer quotes (the likeliest answer
    first): stated by one of them (`first_stated`), else the entries they set out (`entries_total`); None
    when it asks none, nothing is listed, or a sentence lists in running prose that cannot be counted."""
    noun = counted_noun(question)
    if noun is None or not sentences:
        return None
    stated = first_stated(noun, sentences)
    if stated is not None:
        return Count(stated[1], noun, stated[0])
    total = entries_total(sentences)
    return None if total is None else Count(total, noun, None)


def first_stated(noun: str, sentences: Sequence[str]) -> tuple[int, int] | None:
    """(index, number) of the first sentence that states a count of `noun`; None when none does."""
    return next(((i, n) for i, n in enumerate(stated_count(noun, text) for text in sentences) if n is not None), None)


def entries_total(sentences: Sequence[str]) -> int | None:
    """The entries the sentences set out together (`entries`); None when one of them is running prose."""
    counted = [entries(text) for text in sentences]
    return None if None in counted else sum(counted)


def stated_count(noun: str, text: str) -> int | None:
    """The number `text` states of `noun` (`stated_span`), or None."""
    span = stated_span(noun, text)
    return None if span is None else span[2]


def stated_span(noun: str, text: str) -> tuple[int, int, int] | None:
    """The number `text` states of `noun`: a number followed, within MODIFIERS lower-case words (any words
    in a line set in capitals), by the plural itself ("SIX VIRGINIA AIRPORTS" for "airports", "seven
    additional counties"; "three of its central points"). Not a number inside a name or a date ("Section
    8", "August 12"), after a bound ("more than 20"), before a multiplier ("2 million") or one joined to
    what follows ("9/11", "10:30", "5-year"), and not a singular ("five airport projects"). (start, end,
    number): the offsets of the words from the number to the plural ("seven additional counties")."""
    capitals = text == text.upper()
    tokens = list(re.finditer(r"[\w’'$%]+(?:[.,]\d+)*", text))
    for i, match in enumerate(tokens):
        number = _number(match.group())
        if number is None or text[match.end():match.end() + 1] in {"/", ":", "-"} or \
                text[max(0, match.start() - 1):match.start()] in {"/", ":", "-"}:
            continue
        before = [t.group() for t in tokens[max(0, i - 2):i]]
        if before and (_is_name_word(before[-1], capitals) or " ".join(before).lower() in BOUNDS
                       or before[-1].lower() in BOUNDS):
            continue
        following = tokens[i + 1:i + 2 + MODIFIERS + 2]
        unit = _number(following[0].group()) if following else None
        if number in TENS and unit is not None and unit < 10:
            number, following = number + unit, following[1:]  # "twenty five counties"
        elif following and (following[0].group().lower() in MULTIPLIERS or unit is not None):
            continue
        lowered = [w.group().lower() for w in following]
        if number > 1 and lowered[:1] == ["of"] and lowered[1:2] and lowered[1] in DETERMINERS:
            following = following[2:]  # "three of its central points", "Seven of the grants" (not "one of the")
        for word in following[:MODIFIERS + 1]:
            if _same_plural(word.group(), noun):
                return match.start(), word.end(), number
            if word.group().lower() in STOPWORDS or _number(word.group()) is not None:
                break  # "six were", "six for the airports", "two of the six airports" (six counts them)
    return None


def _is_name_word(word: str, capitals: bool) -> bool:
    """A word before a number that makes it part of a name or a date: "Section 8", "August 12", "Fortune
    500" (in running text; a headline in capitals capitalises every word)."""
    return word.lower() in MONTH_WORDS or (not capitals and word[0].isupper() and word.lower() not in STOPWORDS)


def _same_plural(word: str, noun: str) -> bool:
    """`word` is the plural `noun` ("AIRPORTS" for "airports"), not its singular ("airport projects")."""
    return word.lower() == noun.lower() or (_plural(word) and stem(word.lower()) == stem(noun.lower()))


def entries(text: str) -> int | None:
    """How many entries a listed sentence holds, where its punctuation sets them out: each of a series after
    a colon ("The seven additional counties are: Blair, Bucks, Cameron and Lehigh." holds 4; split at
    semicolons when it has them: "Roanoke Regional Airport, Roanoke, VA; Lynchburg ..."), or one for a
    line opened by a bullet or a number ("* Roanoke Regional Airport Roanoke, VA $1,608,156"). None for
    running prose: its commas also set off clauses ("Allard, who sits on the committee, said ..."), and
    "Japan and the Republic of Korea" is two where "the EU and Norway" is one party to a dialogue; nor
    for what follows a colon as a quote ('Dayton said: "This is ...'), a clause ("Today, we won, and
    Virginia wins") or a time ("2:30 p.m."), which set out no series."""
    lead = re.split(r":\s+", text)
    if len(lead) > 1:
        after = lead[-1].strip().rstrip(".;")
        parts = [p for p in (after.split(";") if ";" in after else SEPARATOR.split(after)) if p.strip()]
        if len(parts) >= 3 and not after.startswith(QUOTES) and \
                all(len(p.split()) <= ENTRY_WORDS and not PRONOUNS & set(p.lower().split()) for p in parts):
            return len(parts)
    return 1 if BULLET.match(text) else None


def names_plural(noun: str, texts: Sequence[str]) -> bool:
    """Whether one of `texts` names `noun`, plural or singular ("Fayette County" names "counties")."""
    wanted = {stem(noun.lower())} | ({stem(noun.lower()[:-3] + "y")} if noun.lower().endswith("ies") else set())
    return any(wanted & {stem(w) for w in content_terms(text)} for text in texts)


def _number(token: str) -> int | None:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})*", token):  # not "$1,608,156", "2.5", "10%"
        return int(token.replace(",", ""))
    return NUMBER_WORDS.get(token.lower())


def _plural(word: str) -> bool:
    lowered = word.lower()
    return len(lowered) > 3 and lowered.endswith("s") and not lowered.endswith(("ss", "us", "is")) or \
        lowered in {"people", "children", "men", "women", "staff"}
