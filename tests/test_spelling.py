"""Typos corrected before a question is read (`assistant/answer/spelling.py`), with the English word
frequencies symspellpy ships and a corpus: here a few chunks, counted as the lexical index counts them
(chunks holding the words in a row)."""

import re

import pytest

from assistant.answer.spelling import Speller

CHUNKS = [
    "The meeting was co-chaired by Charles Fries and Eivind Vad Petersson of the Ministry of Foreign Affairs.",
    "Norway has provided financial contributions to the European Peace Facility in support of Ukraine.",
    "The PESCO project on military mobility will meet in Oslo; the shared goal, which all members agreed, is readiness.",
    "Police departments in three counties received federal grants for school programs.",
    "The faculty of the university welcomed the grant.",
]


def corpus_counts(terms):
    chunks = [" ".join(re.findall(r"\w+", chunk.lower())) for chunk in CHUNKS]
    return {t: sum(f" {' '.join(re.findall(r'[a-z0-9]+', t.lower()))} " in f" {c} " for c in chunks) for t in terms}


@pytest.fixture(scope="module")
def speller():
    return Speller(corpus_counts)


@pytest.mark.parametrize("question, corrected", [
    ("whcih ministry co-chared the talks for Norway?", "which ministry co-chaired the talks for Norway?"),  # not "shared"
    ("Whcih countries got grants?", "Which countries got grants?"),  # a capital kept
    ("what did the money to the peace facilty pay for", "what did the money to the peace facility pay for"),  # not "faculty"
    ("which police departmnets got grants", "which police departments got grants"),
    ("who reprsented Norway at the meeting?", "who represented Norway at the meeting?"),  # common English, not in the corpus
])
def test_a_typo_becomes_the_word_one_edit_away_that_the_corpus_holds_beside_its_neighbours(speller, question, corrected):
    assert speller.correct(question) == corrected


@pytest.mark.parametrize("question", [
    "Which ministry does Hans Christian Hveem Kjølseth belong to?",  # letters outside English's
    "What was DECnet and what did vBNS do?",  # capitals after the first letter
    "When did Greensberg get its grant?",  # capitalised inside the question: a name
    "whats the newest on the hanford cleanup",  # one edit from "sanford" only by its first letter
    "When will the pesco project meet?",  # the corpus holds it
    "Which programs help pre-schoolers?",  # one edit from "schooners": rare, and the corpus does not hold it
    "brief summary pls",  # too short to tell from an abbreviation
])
def test_names_corpus_words_and_abbreviations_stay(speller, question):
    assert speller.correct(question) == question
    assert speller.corrections(question) == []
