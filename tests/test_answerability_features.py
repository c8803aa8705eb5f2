"""The features `evals/answerability.py` measures against the reader's score alone."""

import numpy as np
import pytest

from evals.answerability import features, question_terms

IDF = {"mayor": 3.0, "elm": 5.0, "town": 1.0}


def test_margin_and_share_describe_the_lead_of_the_best_candidate():
    clear = features(question_terms("mayor of Elm", IDF), ["a", "b", "c"], np.array([4.0, 0.0, -1.0]), 0)
    tied = features(question_terms("mayor of Elm", IDF), ["a", "b", "c"], np.array([4.0, 3.9, -1.0]), 0)
    assert clear[0] == tied[0] == 4.0
    assert clear[1] == pytest.approx(4.0) and tied[1] == pytest.approx(0.1)
    assert clear[2] > 0.9 > 0.6 > tied[2]


def test_coverage_is_weighted_by_idf_and_unmatched_counts_words_no_candidate_holds():
    terms = question_terms("Who is the mayor of Elm town?", IDF)
    contexts = ["The mayor of the town spoke.", "Oak is a village."]
    coverage, unmatched, dense = features(terms, contexts, np.array([1.0, 0.0]), 0, np.array([0.25, 0.75]))[3:]
    assert coverage == pytest.approx(4 / 9)  # mayor and town, not the rarer Elm
    assert unmatched == pytest.approx(5 / 9)  # no candidate names Elm
    assert dense == 0.25  # the best candidate's similarity, not the most similar one's
    assert features(terms, contexts + ["Elm is small."], np.array([1.0, 0.0, 0.0]), 0)[4] == pytest.approx(0.0)
