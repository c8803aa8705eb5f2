"""Names and term matching for follow-up rewriting and the generative support check: which runs of
capitalised words are person names, and whether a term is covered by a sentence's words."""

from __future__ import annotations

import re

from assistant.text import STOPWORDS, stem, words

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


# a person's name does not follow these ("the Coast Guard", "their Forum"); grammar, not vocabulary
_DETERMINERS = ("the", "a", "an", "this", "that", "these", "those", "their", "its", "our", "his", "her", "your", "my")


def person_names(sentence: str) -> list[tuple[int, str]]:
    """(offset, name) of likely person names: capitalised runs with at least one non-institution word."""
    out = []
    for m in _NAME.finditer(sentence):
        words = m.group().split()
        # a title before the name ("State Secretary Hans Kjølseth", "Mayor Ingrid Solheim") is not part of it,
        # nor a capitalised function word opening the sentence ("On Tuesday")
        lead = 0
        while lead < len(words) and (words[lead].lower() in _NOT_NAME_WORDS or words[lead].lower() in STOPWORDS):
            lead += 1
        name = words[lead:]
        # "the Coast Guard", "their second Coast Guard Forum": a run after a determiner names a thing
        after_article = any(w.lower() in _DETERMINERS for w in words[:lead]) or \
            re.search(rf"\b(?:{'|'.join(_DETERMINERS)})\s+(?:[a-z][\w\-]*\s+)?$", sentence[: m.start()])
        if len(name) >= 2 and any(w.lower() not in _NOT_NAME_WORDS for w in name) and not after_article:
            offset = m.start() + len(m.group()) - len(" ".join(name)) if lead else m.start()
            out.append((offset, " ".join(name)))
    return out


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
