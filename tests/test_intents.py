"""The intent classifier (assistant/answer/intents.py) on clearly worded questions of each kind.

The phrasings are written for this test, on topics the training examples and the held-out intents
set do not use (checked below). They are unambiguous on purpose: the model's held-out accuracy is
about 0.90 (evals/gates.json, intents), so this table guards against a broken model or head, not
against the last few hard phrasings, which the evaluation measures."""

import json
import re

import pytest

from assistant.answer.intents import EXAMPLES, Intent, IntentClassifier

from .conftest import ROOT

PHRASINGS = [
    ("Who opened the new lighthouse in Vardø?", Intent.FACT),
    ("When does the bridge over the fjord reopen to traffic?", Intent.FACT),
    ("Sum up the ferry safety release for me.", Intent.SUMMARY),
    ("Boil the lighthouse announcement down to its key points.", Intent.SUMMARY),
    ("Summarise everything the releases say about Arctic shipping.", Intent.OVERVIEW),
    ("Give me an overview of the releases on fishing quotas.", Intent.OVERVIEW),
    ("List every town that received a broadband grant.", Intent.LIST),
    ("Name all the ships the navy plans to buy.", Intent.LIST),
    ("Find the releases that mention icebreakers.", Intent.SEARCH),
    ("I'm looking for releases that discuss salmon farming.", Intent.SEARCH),
    ("Most recent word on the icebreaker contract?", Intent.LATEST),
    ("What is the most recent release about fishing quotas?", Intent.LATEST),
]


@pytest.fixture(scope="module")
def classifier():
    model = IntentClassifier()
    model.warm_up()
    return model


@pytest.mark.parametrize("question, intent", [pytest.param(q, i, id=f"{i.value}: {q}") for q, i in PHRASINGS])
def test_clear_questions_are_classified_right(classifier, question, intent):
    guess = classifier.classify(question)
    assert guess.intent is intent, (guess.intent, guess.probabilities)


def test_every_intent_is_in_the_table():
    # a question about a release's own facts is told by the release-facts model (test_release_facts.py)
    assert {i for _, i in PHRASINGS} == set(Intent) - {Intent.METADATA}


@pytest.mark.parametrize("intent, reported", [(Intent.OVERVIEW, Intent.SUMMARY), (Intent.SUMMARY, Intent.SUMMARY),
                                              (Intent.FACT, Intent.FACT), (Intent.LIST, Intent.LIST)])
def test_an_overview_is_reported_as_a_summary(intent, reported):
    assert intent.reported is reported


def _normalised(question: str) -> str:
    return " ".join(re.findall(r"\w+", question.lower()))


def test_phrasings_are_neither_training_examples_nor_held_out_items():
    seen = set()
    for path in (EXAMPLES, ROOT / "evals" / "datasets" / "intents.jsonl"):
        seen |= {_normalised(json.loads(line)["question"]) for line in path.read_text(encoding="utf-8").splitlines()
                 if line.strip()}
    assert not [q for q, _ in PHRASINGS if _normalised(q) in seen]
