"""Names and term matching for follow-up rewriting and the generative support check: which runs of
capitalised words are person names, and whether a term is covered by a sentence's words."""

from __future__ import annotations

import re

from assistant.answer.persons import POSSESSIVE, TITLES, PersonModel
from assistant.text import STOPWORDS, stem, words

# Two or more capitalised words (names may carry particles and non-English letters: "Ólafur", "Łukasz", "Åse").
_UPPER = "A-ZÀ-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
_LOWER = "a-zß-öø-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĵķĺļľŀłńņňŉōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżž"
_WORD = rf"[{_UPPER}][{_LOWER}'’\-]+"
_NAME = re.compile(rf"(?<![\w'’\-]){_WORD}(?:\s+(?:van |von |de |da |der )?{_WORD})+")
# a person's name does not follow these ("the Coast Guard", "their Forum"); grammar, not vocabulary
_DETERMINERS = ("the", "a", "an", "this", "that", "these", "those", "their", "its", "our", "his", "her", "your", "my")
LEAST_LIKELY = 0.3  # a person pronoun's referent under the model's bar is at least this likely a person
_AFTER_DETERMINER = re.compile(rf"\b(?:{'|'.join(_DETERMINERS)})\s+(?:[a-z][\w\-]*\s+)?$", re.I)


def likeliest_person(sentence: str) -> str | None:
    """The capitalised run (less a title before it) the person-name model finds likeliest a person, under its
    bar but not under `LEAST_LIKELY`: where a question's "he" or "she" must mean someone the answer names and
    none passes the bar ("Ola Nordvik will chair the commission" reads 0.45; "European Union", 0.11, is no
    one)."""
    runs = [name for _, name in _runs(sentence)]
    if not runs:
        return None
    probability, run = max(zip(PersonModel.load().probabilities(runs), runs))
    return run if probability >= LEAST_LIKELY else None


def person_names(sentence: str) -> list[tuple[int, str]]:
    """(offset, name) of likely person names: capitalised runs of two words or more, less a title or a
    capitalised function word before the name ("State Secretary Hans Kjølseth", "On Tuesday Marta Berg"),
    that the person-name model (`persons.py`) takes for a person; a run after a determiner names a thing
    ("the Coast Guard", "their second Coast Guard Forum")."""
    model = PersonModel.load()
    return [(offset, name) for offset, name in _runs(sentence) if model.is_person(name)]


def _runs(sentence: str) -> list[tuple[int, str]]:
    """(offset, run) of the capitalised runs of two words or more not after a determiner, less a title or a
    capitalised function word before them."""
    out = []
    for m in _NAME.finditer(sentence):
        if _AFTER_DETERMINER.search(sentence[max(0, m.start() - 60): m.start()]):
            continue
        words = [(m.start() + w.start(), w.group()) for w in re.finditer(r"\S+", m.group())]
        lead = 0  # a title or a capitalised function word before the name is not part of it
        while lead < len(words) and (words[lead][1] in TITLES or words[lead][1].lower() in STOPWORDS):
            lead += 1
        if any(w.lower() in _DETERMINERS for _, w in words[:lead]):  # "Their Coast Guard Forum"
            continue
        if len(words) - lead >= 2:  # "Charles Fries's team": the name is Charles Fries
            out.append((words[lead][0], POSSESSIVE.sub("", " ".join(w for _, w in words[lead:]))))
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
    return False


def _shared_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


# a run of capitalised words, "of", "and", "for" or "the" allowed inside, whose initials make an acronym
_NAMED_RUN = re.compile(r"\b[A-Z][\w’']*(?:\s+(?:(?:of|and|for|the)\s+)*[A-Z][\w’']*)+")


def sentence_words(sentence: str) -> set[str]:
    """The sentence's words, with the parts of hyphenated ones too (Norway-EU -> norway, eu), and the
    acronyms of its names (`acronyms`)."""
    out = set(words(sentence))
    out.update(part for w in list(out) if "-" in w for part in w.split("-") if part)
    out.update(acronyms(sentence))
    return out


def acronyms(sentence: str) -> set[str]:
    """The acronyms the sentence's names spell, in lower case: "European External Action Service" -> "eeas",
    "United States of America" -> "usa", so that a claim's "EEAS" is found in a sentence that writes the name
    out. (A list of aliases did this for the seed release's acronyms.)"""
    out = set()
    for m in _NAMED_RUN.finditer(sentence):
        initials = "".join(w[0] for w in m.group().split() if w[0].isupper()).lower()
        # every stretch of the run: "Charles Fries of the European External Action Service" holds "eeas"
        out.update(initials[i:j] for i in range(len(initials)) for j in range(i + 2, len(initials) + 1))
    return out
