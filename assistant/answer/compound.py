"""A message that asks two things at once: "Who co-chaired the talks and when were they held?", "When and
where is the next meeting?". Its questions, each to be read on its own.

The reader scores a sentence against the whole message, so it quotes the sentence that answers one part
best and the other part goes unanswered when its answer is in another sentence. English grammar, not any
release's words, says where a second question starts: a conjunction ("and", "plus", "also"), a semicolon,
a dash or the first question's question mark, then a question word, where what comes before asks
something too, both sides have a verb (spaCy's tagger), and no question word stands inside the first part
(a relative or embedded clause that what follows may go on with: "What does the bill say about who
qualifies and how much they get?" is one question); or two question phrases joined by "and", the first
with no verb, sharing the clause after them ("How much money and from which agency did the county receive?"). A comma
alone joins nothing ("When the agency decided, what happened?", "the institute, which the senator
praised"), nor does a conjunction inside quotation marks. A message asking more than three things is read
whole (a pasted list of questions is no compound question)."""

from __future__ import annotations

import itertools
import re

from assistant.answer import grammar

_WH = r"(?:who|whom|whose|what|what's|where|when|which|why|how)"
_AUX = r"(?:is|are|was|were|do|does|did|has|have|had|can|could|will|would|should|may|might|must)"
_PREPOSITION = r"(?:by|for|from|to|with|in|on|at|of|under|through|since|until|about)"
_OPENING = rf"(?:(?:so|and|ok|okay|also|then|now|but|well|please|hey)\W+)*(?:(?:can|could|would)\s+you\s+(?:please\s+)?)?(?:{_PREPOSITION}\s+)?"
# a question of its own starts with a question word or an auxiliary ("Did ..."), after an opening ("so",
# "could you tell me") or an introductory phrase ("In the 2008 budget debate, who ..."); a statement whose
# object is the question word ("... blamed for the defeat as well as what type of stagnation?") does not
_ASKS = re.compile(rf"(?:^|[,:]\s*){_OPENING}(?:tell\s+me\s+|do\s+you\s+know\s+)?(?:{_WH}|{_AUX})\b(?!.*[,:])", re.I)
_ASKS_FIRST = re.compile(rf"^\s*{_OPENING}(?:tell\s+me\s+|do\s+you\s+know\s+)?(?:{_WH}|{_AUX})\b", re.I)
_PHRASE = rf"(?:\s+(?!{_AUX}\b|and\b)[\w'-]+){{0,4}}"  # the words of a question phrase, up to its verb
# "When and where is the next meeting?", "How much money and from which agency did the county receive?"
_SHARED = re.compile(rf"^\s*({_WH}{_PHRASE})\s*,?\s+(?:and|&)\s+((?:{_PREPOSITION}\s+)?{_WH}{_PHRASE})\s*,?\s+({_AUX}\b.*)$",
                     re.I)
# what joins a second question to the first: a conjunction, a semicolon, a dash or the first's question
# mark, then the question word ("... and also who runs it", "...; how big is it", "...? also how many").
# Not a bare comma: "When the agency decided, what happened?", "the institute, which the senator praised"
_JOINED = re.compile(rf"\s*(?:;|\?|\s[-\u2013\u2014])\s*(?:(?:and|plus|also|as\s+well\s+as|&)\s*,?\s+)*"
                     rf"(?=(?:{_PREPOSITION}\s+)?{_WH}\b)"
                     rf"|\s*,?\s+(?:(?:and|plus|also|as\s+well\s+as|&)\s*,?\s+)+(?=(?:{_PREPOSITION}\s+)?{_WH}\b)", re.I)


MAX_PARTS = 3
MAX_CHARS = 500  # a compound question is a sentence or two; a longer message is read whole, and tagged no more
JOINS_TRIED = 3  # where a join fails its tests, the next ones are tried: at most this many, each tagged by spaCy


def question_parts(question: str) -> list[str]:
    """The questions a message asks, in order, each ending in a question mark; one part for a message that
    asks one thing, or more than MAX_PARTS. The second of two joined questions is given as written ("when
    was it held?"): its pronouns mean what the first one asked about, which the caller resolves as a
    follow-up's."""
    if len(question) > MAX_CHARS:
        return [question]
    parts = _parts(question, MAX_PARTS)
    return parts if len(parts) <= MAX_PARTS else [question]


def _parts(question: str, room: int) -> list[str]:
    """At most room + 1 parts: one more than room says there are too many."""
    if room <= 0:
        return [question]
    shared = _SHARED.match(question)
    if shared and not grammar.has_verb(_asked(shared.group(1))):  # "Who chaired it and when ...": joined, below
        first, second, rest = (g.strip() for g in shared.groups())
        return [_asked(f"{first} {rest}"), _asked(f"{second} {rest}")]
    for match in itertools.islice(_JOINED.finditer(question), JOINS_TRIED):
        if _quoting(question[: match.start()]):
            continue
        head, tail = _asked(question[: match.start()]), _asked(question[match.end():])
        # both must be clauses: "..., and by which president?" asks its question of the first one's verb,
        # and read alone it asks nothing ("By which president?" quoted a college's president)
        if len(head.split()) >= 3 and (_ASKS_FIRST.search(head) or _ASKS.search(head)) and grammar.has_verb(head) \
                and grammar.has_verb(tail) and not _embeds_a_question(head) and not _goes_on_with(head, tail):
            return [head, *_parts(tail, room - 1)]
    return [question]


def _embeds_a_question(head: str) -> bool:
    """Whether a question word stands inside the first part, not where it starts: what follows "and" may go
    on with that clause ("the senator who sponsored the bill and who chairs the committee", "the difference
    between what the House passed and what the Senate passed", "say about who qualifies and how much they
    get")."""
    opening = _ASKS_FIRST.match(head)
    starts = {opening.end()} if opening else set()
    starts |= {m.end() for m in _ASKS.finditer(head)}
    return any(m.end() not in starts for m in re.finditer(rf"\b{_WH}\b", head, re.I))


def _goes_on_with(head: str, tail: str) -> bool:
    """Whether the second part opens with a question word the first part already used past its start: a
    second relative clause ("Which company, which was founded in 1990 and which employs 500 people, ...")."""
    opening = _ASKS_FIRST.match(head) or _ASKS.search(head)  # where the first part starts asking
    used = {m.group().lower() for m in re.finditer(rf"\b{_WH}\b", head, re.I) if not opening or m.end() != opening.end()}
    first = re.match(rf"\W*(?:{_PREPOSITION}\s+)?({_WH})\b", tail, re.I)
    return bool(first) and first.group(1).lower() in used


def _quoting(text: str) -> bool:
    """Whether a quotation is open at the end of `text`."""
    return text.count('"') % 2 == 1 or text.count("\u201c") > text.count("\u201d")


def _asked(text: str) -> str:
    text = text.strip().rstrip("?.!,;:-\u2013\u2014 ").strip()
    return f"{text[:1].upper()}{text[1:]}?" if text else text


def unanswered_note(parts: list[str]) -> str:
    """What an answer to some of a message's questions says of the others."""
    asked = " ".join(f"“{part}”" for part in parts)
    return f"The releases in the corpus don't answer {asked}"
