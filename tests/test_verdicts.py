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
    question = "Did the EU commend Norway for backing the training mission for Ukraine?"
    answer = seed_assistant.ask(question)
    assert not answer.abstained, answer.answer
    assert "EUMAM Ukraine" in quoted(answer)
    assert answer.confidence >= seed_assistant.verdicts.rescue_bar  # the verdict reader's, not the refusal's
    monkeypatch.setattr(seed_assistant.verdicts, "rescue_bar", None)  # the sentence reader alone refuses it
    assert seed_assistant.ask(question).abstained


@needs_model
def test_a_yes_no_question_the_release_leaves_open_stays_refused(seed_assistant):
    answer = seed_assistant.ask("Is the Nansen programme being cut?")
    assert answer.abstained, answer.answer


class StubVerdicts(VerdictReader):
    """The verdict reader with fixed probabilities in place of its model, where the decisions around it are
    tested."""

    def __init__(self, rows, rescue_bar=0.8, bar=None):
        self.rows, self.rescue_bar, self.bar, self.reader_sure, self.read = rows, rescue_bar, bar, 0.0, []

    def probabilities(self, inputs):
        self.read.extend(i.question for i in inputs)
        return np.array(self.rows[: len(inputs)])


def candidates(probabilities):
    from assistant.answer.extractive import ScoredSentence
    from assistant.records import StoredChunk
    from assistant.retrieval.passages import Passage

    chunk = StoredChunk("c1", "r1", "h", 0, "One. Two. Three.", 0, 16, (), "Title", "2024-12-05", "r1.txt")
    return tuple(ScoredSentence(Passage(chunk, 1.0), i * 5, i * 5 + 4, text, "", "", 0.5, probability=p)
                 for i, (text, p) in enumerate(zip(("One.", "Two.", "Three."), probabilities)))


def test_a_refused_yes_no_question_is_answered_by_the_first_candidate_the_verdict_reader_is_sure_settles_it():
    from assistant.answer.extractive import Selection
    from assistant.answer.verdicts import rescued

    refused = Selection((), candidates([0.05, 0.04, 0.03]), "best probability 0.05 < 0.12")
    reader = StubVerdicts([[0.3, 0.3, 0.4], [0.1, 0.85, 0.05], [0.9, 0.05, 0.05]])
    answered = rescued(refused, "Was the talk held in Oslo?", reader)
    assert [s.text for s in answered.sentences] == ["Two."]
    assert answered.confidence == 0.85 and answered.ranked[0].text == "Two."
    # a wh-question keeps the sentence reader's refusal, unread; so does a reader with no bar
    assert rescued(refused, "Where was the talk held?", reader) is refused
    assert rescued(refused, "Was the talk held in Oslo?", StubVerdicts(reader.rows, rescue_bar=None)) is refused
    assert reader.read == ["Was the talk held in Oslo?"] * 3
    # none sure enough: still refused
    assert not rescued(refused, "Was the talk held in Oslo?", StubVerdicts([[0.5, 0.4, 0.1]] * 3)).sentences


def test_without_a_bar_for_it_no_answer_is_labelled_yes_or_no():
    from assistant.answer.extractive import Selection
    from assistant.answer.verdicts import judged
    from assistant.records import Answer

    chosen = candidates([0.9])
    selection = Selection(chosen, chosen, "answered")
    answer = Answer("Was it in Oslo?", "Was it in Oslo?", "One. [1]", False, "extractive")
    reader = StubVerdicts([[0.01, 0.98, 0.01]])
    assert judged(answer, selection, reader) is answer and not reader.read
    labelled = judged(answer, selection, StubVerdicts([[0.01, 0.98, 0.01]], bar=0.95))
    assert labelled.verdict == "no" and labelled.answer == "No \u2014 One. [1]"


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
