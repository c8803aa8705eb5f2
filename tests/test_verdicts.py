"""Yes/no questions on the seed release, with the real sentence reader and verdict reader: a question the
sentence reader refuses is answered when the verdict reader is sure a candidate settles it, one the
release leaves open stays refused; and how the verdict and its tuning tables are decided."""

import numpy as np
import pytest

from assistant.reader.verdict import VERDICT_DIR, VerdictReader, verdict
from evals.tune_verdict import Served, bar_table, rescue_table

needs_model = pytest.mark.skipif(not VerdictReader().available, reason=f"no verdict model in {VERDICT_DIR}")


def quoted(answer) -> str:
    return " ".join(c.quote for c in answer.citations)


@needs_model
def test_a_yes_no_question_the_sentence_reader_refuses_is_answered_when_the_verdict_reader_is_sure_it_is_settled(
        seed_assistant, monkeypatch):
    question = "Did Norway chip in to the fund that pays for training Ukraine's troops?"
    answer = seed_assistant.ask(question)
    assert not answer.abstained, answer.answer
    assert "European Peace Facility" in quoted(answer)
    monkeypatch.setattr(seed_assistant.verdicts, "rescue_bar", None)  # the sentence reader alone refuses it
    assert seed_assistant.ask(question).abstained


@needs_model
def test_a_yes_no_question_the_release_leaves_open_stays_refused(seed_assistant):
    answer = seed_assistant.ask("Is the Nansen programme being cut?")
    assert answer.abstained, answer.answer


@needs_model
def test_a_yes_no_question_is_answered_with_the_sentence_that_rules_it_out(seed_assistant):
    answer = seed_assistant.ask("Did the EU and Norway hold their fourth security and defence talks in Oslo?")
    assert "Brussels" in quoted(answer), answer.answer


def test_the_verdict_is_whichever_of_yes_and_no_is_likelier_and_only_past_the_bar():
    assert verdict(np.array([0.7, 0.2, 0.1]), 0.6).label == "yes"
    assert verdict(np.array([0.2, 0.7, 0.1]), 0.6).label == "no"
    assert verdict(np.array([0.55, 0.35, 0.1]), 0.6).label == "none"
    assert verdict(np.array([0.9, 0.05, 0.05]), None).label == "none"  # no bar chosen: never sure


def test_the_tuning_tables_count_a_verdict_on_a_sentence_that_settles_nothing_as_wrong():
    rows = [Served("yes", True, np.array([[0.9, 0.05, 0.05]]), [True]),  # right
            Served("no", True, np.array([[0.9, 0.05, 0.05]]), [True]),  # the wrong way
            Served("no", True, np.array([[0.05, 0.9, 0.05]]), [False]),  # right label, another sentence
            Served("open", True, np.array([[0.05, 0.9, 0.05]]), [False]),  # the release leaves it open
            Served("yes", False, np.array([[0.1, 0.1, 0.8], [0.95, 0.0, 0.05]]), [False, True]),  # refused
            Served("open", False, np.array([[0.1, 0.85, 0.05]]), [False])]
    at = {r["bar"]: r for r in bar_table(rows)}
    assert at[0.8]["given"] == 4 and at[0.8]["precision"] == 0.25 and at[0.8]["coverage"] == round(1 / 3, 4)
    rescue = {r["bar"]: r for r in rescue_table(rows)}
    assert (rescue[0.8]["right"], rescue[0.8]["left_open"]) == (1, 1)
    assert (rescue[0.9]["right"], rescue[0.9]["left_open"]) == (1, 0)
