"""What a question asks for: the kind of answer it expects and the terms an answer must be about.

Topical similarity alone cannot tell "How many euros did Norway give?" from "Did Norway give?";
the expected answer type can: a sentence without an amount does not answer the first."""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from .text import STOPWORDS, content_terms, stem, words


class AnswerType(str, Enum):
    DATE = "date"
    NUMBER = "number"
    MONEY = "money"
    PERSON = "person"
    PLACE = "place"
    ROLE = "role"
    COMPANY = "company"
    REASON = "reason"
    ANY = "any"


_TYPE_RULES: list[tuple[AnswerType, re.Pattern]] = [
    (AnswerType.COMPANY, re.compile(r"\b(?:which|what) (?:company|companies|firm|firms|contractor|manufacturer|business)\b", re.I)),
    (AnswerType.MONEY, re.compile(
        r"\bhow much (?:money|funding|aid|did|does|will|was|is)|\bhow many (?:euros?|dollars?|kroner|crowns?)\b"
        r"|\b(?:amount|sum|budget|cost|price|value) of\b|\bwhat (?:amount|sum)\b|\bhow much\b.*\b(?:give|pay|fund|cost|spend|contribut|grant|award)", re.I)),
    (AnswerType.REASON, re.compile(r"^\s*why\b|\bwhat (?:is|was) the reason\b|\bfor what reason\b", re.I)),
    (AnswerType.DATE, re.compile(
        r"^\s*when\b|\bwhen (?:did|does|will|was|is|were|are)\b|\b(?:what|which) (?:date|day|month|year|time)\b"
        r"|\bon what (?:date|day)\b|\bin what year\b|\bhow long\b|\buntil when\b|\bsince when\b", re.I)),
    (AnswerType.NUMBER, re.compile(r"\bhow many\b|\bhow much\b|\bwhat (?:number|percentage|share)\b|\bwhich edition\b"
                                   r"|\b(?:to )?what (?:length|size|height|depth|distance)\b|\bhow (?:far|big|large|tall|long is)\b", re.I)),
    (AnswerType.PLACE, re.compile(
        r"^\s*where\b|\bwhere (?:did|does|will|was|is|were|are)\b|\b(?:in|at) (?:what|which) (?:city|country|place|location|venue)\b"
        r"|\b(?:what|which) (?:\w+ )?(?:city|country|place|location|venue|capital|county|state|town|region|province|district|part)\b"
        r"|\bwhat is the capital\b", re.I)),
    (AnswerType.ROLE, re.compile(
        r"\bwhat (?:is|was) (?:the )?(?:title|position|role|job|office)\b|\b(?:his|her|their) (?:title|position|role|job)\b"
        r"|\bwhat (?:title|position|role|office)\b|\b(?:title|position|role)\?\s*$", re.I)),
    (AnswerType.PERSON, re.compile(r"^\s*who\b|\bwho (?:is|was|are|were|did|does|will|co-?chaired|chaired|led|signed)\b"
                                   r"|\bwhich (?:person|official|minister|senator|people)\b|\bwhose\b|\bwhom\b", re.I)),
]

MONTHS = ("january|february|march|april|may|june|july|august|september|october|november|december"
          "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec")
_DATE = re.compile(
    rf"\b(?:\d{{1,2}}(?:st|nd|rd|th)?\s+(?:{MONTHS})\b|(?:{MONTHS})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\b|(?:19|20)\d{{2}}\b"
    r"|(?:early|mid|late)[ -](?:19|20)\d{2}|(?:first|second) half of (?:next|this|the) year|next year|this year"
    r"|(?:mon|tues|wednes|thurs|fri|satur|sun)day|today|yesterday|tomorrow|\d{1,2}/\d{1,2}/\d{2,4})", re.I)
_NUMBER_WORDS = ("one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|fifty"
                 "|hundred|thousand|million|billion|first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth"
                 "|dozen|several")
_NUMBER = re.compile(rf"\d|\b(?:{_NUMBER_WORDS})\b", re.I)
_MONEY = re.compile(r"[$€£¥]\s?\d|\b\d[\d,.]*\s*(?:million|billion|thousand)?\s*(?:euros?|dollars?|kroner|nok|eur|usd|pounds?)\b"
                    r"|\b(?:eur|usd|nok)\s?\d", re.I)
_ROLE = re.compile(r"\b(?:secretary|minister|director|president|commissioner|chair(?:man|woman|person)?|ambassador"
                   r"|senator|sen\.|governor|deputy|head|representative|spokes(?:man|woman|person)|chief|mayor|general"
                   r"|state secretary|undersecretary|envoy|official|leader|member)\b", re.I)
_REASON = re.compile(r"\b(?:because|due to|in the face of|in (?:the )?light of|as a result of|owing to|in response to"
                     r"|so that|in order to|given|amid|following)\b", re.I)
_COMPANY = re.compile(r"\b(?:Inc|Corp|Corporation|Ltd|LLC|GmbH|ASA|Company|Co\.|Group|Technologies|Industries)\b")
_PLACE = re.compile(r"\b(?:in|at|to|from|near|hosted in|held in)\s+(?:the\s+)?[A-Z][\w\-]+")
# Two or more capitalised words (names may carry particles and non-English letters).
_NAME = re.compile(r"\b[A-Z][a-zà-ÿ'\-]+(?:\s+(?:van |von |de |da |der )?[A-Z][a-zà-ÿ'\-]+)+")
_NOT_NAME_WORDS = frozenset(
    """deputy secretary general minister president senator sen director chair commissioner ambassador prime
    head chief governor mayor the european union eu norway ukraine russia ministry defence defense security dialogue partnership
    service action external foreign affairs peace facility programme program project operation mission
    council commission parliament state states united nations department office committee senate house
    national international republic kingdom agency fund industry industrial base technological white
    paper future red sea north south east west korea japan china iran indo pacific act bill law
    administration government""".split()
)


@dataclass(frozen=True)
class QuestionProfile:
    text: str
    answer_type: AnswerType
    terms: tuple[str, ...]  # content words, lower case
    stems: frozenset[str]
    focus: tuple[str, ...]  # proper nouns and numbers the answer must be about
    topic: tuple[str, ...]  # the other content words, less the words that only name the answer's type
    wants_list: bool
    wants_latest: bool


def analyse(question: str) -> QuestionProfile:
    answer_type = AnswerType.ANY
    for kind, rule in _TYPE_RULES:
        if rule.search(question):
            answer_type = kind
            break
    terms = tuple(content_terms(question))
    focus = focus_terms(question)
    return QuestionProfile(
        text=question,
        answer_type=answer_type,
        terms=terms,
        stems=frozenset(stem(t) for t in terms),
        focus=tuple(focus),
        topic=tuple(t for t in dict.fromkeys(terms)
                    if t not in focus and t not in TYPE_WORDS and not set(t.split("-")) <= set(focus)),
        wants_list=bool(re.search(r"\b(?:which|what|name|list)\b.*\b(?:countries|people|missions|co-?chairs|partners"
                                  r"|areas|topics|programmes|programs|members|officials|states)\b|\ball\b|\blist\b", question, re.I)),
        wants_latest=bool(re.search(r"\b(?:latest|most recent|newest|last)\b", question, re.I)),
    )


def focus_terms(question: str) -> list[str]:
    """Capitalised words past the first word, acronyms and numbers: the things asked about."""
    tokens = re.findall(r"[\w][\w'’\-]*", question)
    out = []
    for i, token in enumerate(tokens):
        bare = token.rstrip("'’s") if token.endswith(("'s", "’s")) else token
        low = bare.lower()
        if low in STOPWORDS or len(bare) < 2:
            continue
        if low in HONORIFICS:
            continue
        if bare.isdigit() or low in ORDINALS or (bare[0].isupper() and (i > 0 or bare.isupper())):
            out.extend(part for part in low.split("-") if len(part) > 1)
    return out


_TYPE_PATTERNS = {
    AnswerType.DATE: _DATE, AnswerType.NUMBER: _NUMBER, AnswerType.MONEY: _MONEY, AnswerType.REASON: _REASON,
    AnswerType.COMPANY: _COMPANY, AnswerType.ROLE: _ROLE, AnswerType.PLACE: _PLACE,
}


def has_type(sentence: str, answer_type: AnswerType, question: str = "") -> bool:
    """Does the sentence hold an answer of this type that the question does not already state?"""
    if answer_type is AnswerType.ANY:
        return True
    asked = question.lower()
    if answer_type is AnswerType.PERSON:
        found = [name for _, name in person_names(sentence)]
    else:
        found = [m.group() for m in _TYPE_PATTERNS[answer_type].finditer(sentence)]
    if answer_type is AnswerType.PLACE:  # "in Oslo" -> "Oslo"
        found = [re.sub(r"^\S+\s+(?:in\s+)?(?:the\s+)?", "", f) for f in found]
    if answer_type in (AnswerType.ROLE, AnswerType.REASON):  # role words and connectives repeat the question
        return bool(found)
    return any(f.strip().lower() not in asked for f in found)


def person_names(sentence: str) -> list[tuple[int, str]]:
    """(offset, name) of likely person names: capitalised runs with at least one non-institution word."""
    out = []
    for m in _NAME.finditer(sentence):
        parts = [w.lower() for w in m.group().split()]
        if any(p not in _NOT_NAME_WORDS for p in parts) and not all(p in _NOT_NAME_WORDS for p in parts[:1]):
            out.append((m.start(), m.group()))
    return out


# Words that say what kind of answer is wanted, not what it is about.
TYPE_WORDS = frozenset(
    """title position role name names kind type sort date day time year years month place city country countries
    location venue number amount much many people person persons topics topic aim purpose reason level region
    happen happened take took taking held hold made make way ways part edition""".split()
)
# Titles before a name say little about which release is meant ("Senator Bayh" vs "Sen. Bayh").
HONORIFICS = frozenset("senator senators sen sens rep reps representative mr mrs ms dr gov governor".split())
ORDINALS = frozenset("first second third fourth fifth sixth seventh eighth ninth tenth".split())
# Role words name a different thing when they differ by a letter (minister / ministry).
EXACT_WORDS = frozenset("minister ministers ministry secretary president prime deputy general director chair".split())


def covers(term: str, sentence_words: set[str]) -> bool:
    """A focus term is covered by the same word, its stem, or a long shared prefix (Norway ~ Norwegian)."""
    if term in sentence_words or term + "s" in sentence_words:
        return True
    if term in EXACT_WORDS or term in ORDINALS or term.isdigit():
        return False
    s = stem(term)
    for word in sentence_words:
        if word in EXACT_WORDS:
            continue
        if stem(word) == s or _shared_prefix(term, word) >= max(4, 0.6 * min(len(term), len(word))):
            return True
    return term in ALIASES and any(a in sentence_words for a in ALIASES[term])


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


ALIASES = {
    "eu": {"european", "union"},
    "european": {"eu"},
    "us": {"united", "america", "american"},
    "usa": {"united", "america", "american"},
    "america": {"us", "usa", "american"},
    "uk": {"united", "kingdom", "britain", "british"},
    "eeas": {"external", "action"},
}


def sentence_words(sentence: str) -> set[str]:
    """The sentence's words, with the parts of hyphenated ones too (Norway-EU -> norway, eu)."""
    out = set(words(sentence))
    out.update(part for w in list(out) if "-" in w for part in w.split("-") if part)
    return out
