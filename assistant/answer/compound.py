"""A message that asks two things at once: "Who co-chaired the talks and when were they held?", "When and
where is the next meeting?". Its questions, each to be read on its own.

The reader scores a sentence against the whole message, so it quotes the sentence that answers one part
best and the other part goes unanswered when its answer is in another sentence. English grammar, not any
release's words, says where a second question starts: a conjunction ("and", "plus", "also"), a semicolon,
a dash or a comma followed by a question word opens a question of its own when what comes before it asks
something too; two question phrases joined by "and" share the clause after them ("How much money and
from which agency did the county receive?"). A question word after "and" in a statement ("... blamed for
the defeat as well as what type of stagnation?") asks one thing."""

from __future__ import annotations

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


def question_parts(question: str) -> list[str]:
    """The questions a message asks, in order, each ending in a question mark; one part for a message that
    asks one thing. The second of two joined questions is given as written ("when was it held?"): its
    pronouns mean what the first one asked about, which the caller resolves as a follow-up's."""
    shared = _SHARED.match(question)
    if shared and not grammar.has_verb(_asked(shared.group(1))):  # "Who chaired it and when ...": joined, below
        first, second, rest = (g.strip() for g in shared.groups())
        return [_asked(f"{first} {rest}"), _asked(f"{second} {rest}")]
    for match in _JOINED.finditer(question):
        head, tail = _asked(question[: match.start()]), _asked(question[match.end():])
        # both must be clauses: "..., and by which president?" asks its question of the first one's verb,
        # and read alone it asks nothing ("By which president?" quoted a college's president)
        if len(head.split()) >= 3 and (_ASKS_FIRST.search(head) or _ASKS.search(head)) and grammar.has_verb(head) \
                and grammar.has_verb(tail):
            return [head, *question_parts(tail)]
    return [question]


def _asked(text: str) -> str:
    text = text.strip().rstrip("?.!,;:-\u2013\u2014 ").strip()
    return f"{text[:1].upper()}{text[1:]}?" if text else text


def unanswered_note(parts: list[str]) -> str:
    """What an answer to some of a message's questions says of the others."""
    asked = " ".join(f"“{part}”" for part in parts)
    return f"The releases in the corpus don't answer {asked}"
