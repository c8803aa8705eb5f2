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

from assistant.answer.periods import MONTHS
from assistant.text import STOPWORDS, content_terms, stem

# "how many X", "what is the number of X" ("a number of X" says "several", and asks nothing)
COUNT_ASKED = re.compile(r"\b(?:how\s+many|what(?:['’]s|\s+is|\s+was|\s+were)\s+the\s+(?:total\s+)?number\s+of)"
                         r"\s+(?P<what>[^?!;:]+)", re.I)
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
          "under", "about", "approximately", "roughly", "some", "around", "as many as", "as few as",
          "a maximum of", "a minimum of", "close to", "an estimated", "estimated", "upwards of"}  # no count after these
POSSESSIVE_END = re.compile(r"['’]s?$")
DETERMINERS = {"the", "its", "their", "these", "those", "our", "his", "her"}  # after a partitive "of"
MODIFIERS = 3  # words a stated count may put between the number and the plural ("six additional rural counties")
# a series: entries of at most ENTRY_WORDS words, separated by commas, the last after "and" or "or"
ENTRY_WORDS = 6
BULLET = re.compile(r"\s*(?:[*•·▪‣◦–-]|\d{1,2}[.)])\s+")
QUOTES = ('"', "“", "'", "‘")
PRONOUNS = {"i", "we", "you", "he", "she", "it", "they"}  # a series entry names things; a clause has a subject
SEPARATOR = re.compile(r",\s+(?:and\s+|or\s+|&\s+)?|\s+(?:and|or|&)\s+(?=[^,]*$)", re.I)
# a colon after a verb of saying opens what was said, not a series ("Allen said: The bill funds roads, ...")
SPEECH = re.compile(r"\b(?:said|says|say|stated|states|added|adds|noted|notes|declared|explained|announced|wrote)\s*$", re.I)


@dataclass(frozen=True)
class Count:
    number: int
    noun: str  # the plural counted, as the question writes it
    stated_in: int | None  # the index of the sentence that states it; None: counted from the listed entries


def counted_noun(question: str) -> str | None:
    """The plural a question asks the count of ("airports" in "How many Virginia airports received ...");
    None when it asks no count. Read in the words right after "how many", past leading function words and
    possessives ("how many of Allen's bills"), up to the next function word ("How many weeks do veterans
    wait?": weeks): the first plural there (a final "s", not "ss", "us", "is"), or of plurals in a row the
    last, the phrase's head ("Texas counties", "TEXAS COUNTIES"); None without one ("How many were ...")."""
    asked = COUNT_ASKED.search(question)
    if not asked:
        return None
    words = [w for w in re.findall(r"[A-Za-z][\w\-’']*", asked["what"]) if len(w) > 1]  # not "U", "S" of "U.S."
    while words and (words[0].lower() in STOPWORDS or POSSESSIVE_END.search(words[0])):
        words.pop(0)
    run = []
    for word in words[:NOUN_WORDS]:
        if word.lower() in STOPWORDS:
            break
        run.append(word)
    first = next((i for i, w in enumerate(run) if _plural(w) and not POSSESSIVE_END.search(w)), None)
    if first is None:
        return None
    while first + 1 < len(run) and _plural(run[first + 1]):
        first += 1
    return run[first]


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
    """(index, number) of the first sentence that states one count of `noun` (`stated_span`); None when none does."""
    return next(((i, n) for i, n in enumerate(stated_count(noun, text) for text in sentences) if n is not None), None)


def entries_total(sentences: Sequence[str]) -> int | None:
    """The entries the sentences set out together (`entries`); None when one of them is running prose."""
    counted = [entries(text) for text in sentences]
    return None if None in counted else sum(counted)


def stated_count(noun: str, text: str) -> int | None:
    """The number `text` states of `noun` (`stated_span`), or None."""
    span = stated_span(noun, text)
    return None if span is None else span[2]


def stated_span(noun: str, text: str, question: str = "") -> tuple[int, int, int] | None:
    """The one count of `noun` that `text` states (`stated_spans`), not a number `question` gives itself
    ("How many of the 900 students survived?"); None when it states none, or two that differ ("3,000 to
    5,000 people were killed; 10,000 people were injured": which one is asked is the reader's call)."""
    asked = {_number(w) for w in re.findall(r"[\w,]+", question)} - {None}
    found = [span for span in stated_spans(noun, text) if span[2] not in asked]
    return found[0] if len({n for _, _, n in found}) == 1 else None


def stated_spans(noun: str, text: str) -> list[tuple[int, int, int]]:
    """The numbers `text` states of `noun`: each number followed, within MODIFIERS words and no punctuation, by
    the plural itself ("SIX VIRGINIA AIRPORTS" for "airports", "seven additional counties"; "three of its
    central points"). Not a number inside a name or a date ("Section 8", "August 12"; in a line set in
    capitals, any number after a word other than a function word), after a bound ("more than 20") or as
    the end of a range ("10 to 12"), before a multiplier ("2 million") or joined to what follows ("9/11",
    "10:30", "5-year"), and not one of a singular ("five airport projects"). (start, end, number): the
    offsets from the number through the plural ("seven additional counties"), for each, in order."""
    capitals = text == text.upper()
    out = []
    tokens = list(re.finditer(r"[\w’'$%]+(?:[.,]\d+)*", text))
    for i, match in enumerate(tokens):
        number = _number(match.group())
        if number is None or text[match.end():match.end() + 1] in {"/", ":", "-"} or \
                text[max(0, match.start() - 1):match.start()] in {"/", ":", "-"}:
            continue
        if i and _bound(tokens[:i], text, match.start(), capitals):
            continue
        following = tokens[i + 1:i + 2 + MODIFIERS + 2]
        unit = _number(following[0].group()) if following else None
        if number in TENS and unit is not None and unit < 10 and not _parted(text, match.end(), following[0].start()):
            number, following = number + unit, following[1:]  # "twenty five counties"
        elif following and (following[0].group().lower() in MULTIPLIERS or unit is not None):
            continue
        lowered = [w.group().lower() for w in following]
        if number > 1 and lowered[:1] == ["of"] and lowered[1:2] and lowered[1] in DETERMINERS:
            following = following[2:]  # "three of its central points", "Seven of the grants" (not "one of the")
        for word in following[:MODIFIERS + 1]:
            if _parted(text, match.end(), word.start()):
                break  # "62 to 35, senators approved": a comma, a semicolon or a bracket ends the phrase
            if _same_plural(word.group(), noun):
                out.append((match.start(), word.end(), number))
                break
            if word.group().lower() in STOPWORDS or _number(word.group()) is not None:
                break  # "six were", "six for the airports", "two of the six airports" (six counts them)
    return out


def _parted(text: str, start: int, end: int) -> bool:
    """Whether punctuation that ends a phrase lies between the offsets."""
    return bool(re.search(r"[,;:()\[\]]", text[start:end]))


def _bound(before: Sequence[re.Match], text: str, at: int, capitals: bool) -> bool:
    """The words before a number at `at` make it no count: a bound ("more than", "as many as", "an
    estimated"), a range's first number ("10 to 12", "between 10 and 12"), a name or a date it is part of
    ("Section 8", "August 12", "Fortune 500"; in capitals, any word but a function word). Punctuation
    between them parts them: "Today, 12 airports"."""
    words = [t.group().lower() for t in before[-3:]]
    if any(" ".join(words[k:]) in BOUNDS for k in range(len(words))):
        return True
    if len(words) >= 2 and words[-1] in {"to", "and", "or", "through"} and _number(words[-2]) is not None:
        return True
    previous = before[-1]
    if _parted(text, previous.end(), at) or POSSESSIVE_END.search(previous.group()):
        return False
    word = previous.group()
    if word.lower() in MONTHS:
        return True
    if capitals:
        return word.lower() not in STOPWORDS
    return word[0].isupper() and word.lower() not in STOPWORDS


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
    for what follows a colon as a quote ('Dayton said: "This is ...', "Allen said: The bill funds ..."), a
    clause ("Today, we won, and Virginia wins") or a time ("2:30 p.m."), which set out no series."""
    lead = re.split(r":\s+", text)
    if len(lead) > 1 and not SPEECH.search(lead[-2]):
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


def states_count(question: str, text: str, number: int) -> bool:
    """Whether `text` (an answer, its citation markers aside) states `number` of what `question` counts
    ("Six Virginia airports ..." for "How many airports ...?"); a marker "[6]" or a date "6 May" is no count."""
    noun = counted_noun(question)
    plain = re.sub(r"\s*\[\d+\]", "", text)
    return bool(noun) and any(n == number for _, _, n in stated_spans(noun, plain))


def _number(token: str) -> int | None:
    if re.fullmatch(r"\d{1,3}(?:,\d{3})*", token):  # not "$1,608,156", "2.5", "10%"
        return int(token.replace(",", ""))
    return NUMBER_WORDS.get(token.lower())


def _plural(word: str) -> bool:
    lowered = word.lower()
    return len(lowered) > 3 and lowered.endswith("s") and not lowered.endswith(("ss", "us", "is")) or \
        lowered in {"people", "children", "men", "women", "staff"}
