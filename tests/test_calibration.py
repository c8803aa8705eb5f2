"""Calibration metrics and the refusal trade-off, on outcomes whose answers are known."""

import numpy as np
import pytest

from evals.calibration import Outcome, ece, reliability, tradeoff
from evals.tune_reader import fit_platt


def outcomes(confidence: float, right: int, wrong: int, unanswerable: int = 0) -> list[Outcome]:
    return ([Outcome(confidence, True, True)] * right + [Outcome(confidence, True, False)] * wrong
            + [Outcome(confidence, False, False)] * unanswerable)


@pytest.mark.parametrize("data, expected", [
    (outcomes(0.85, 17, 3) + outcomes(0.25, 1, 3), 0.0),  # says 85% and is right 85% of the time: no error
    (outcomes(0.95, 5, 5), 0.45),  # says 95%, right half the time
    (outcomes(0.15, 8, 2), 0.65),  # says 15%, right 80% of the time
    (outcomes(0.05, 0, 0, 10), 0.05),  # unanswerable questions have no right sentence
])
def test_expected_calibration_error(data, expected):
    assert ece(data) == pytest.approx(expected, abs=1e-4)


def test_reliability_bins_count_every_outcome():
    data = outcomes(0.05, 1, 9) + outcomes(0.55, 5, 5) + outcomes(1.0, 3, 0)
    bins = reliability(data)
    assert sum(b["count"] for b in bins) == len(data)
    assert [b["low"] for b in bins] == [0.0, 0.5, 0.9]
    assert bins[-1]["accuracy"] == 1.0  # a confidence of exactly 1 falls in the last bin


def test_tradeoff_moves_one_way():
    data = outcomes(0.9, 8, 1) + outcomes(0.4, 2, 2) + outcomes(0.3, 0, 0, 5) + outcomes(0.8, 0, 0, 1)
    curve = tradeoff(data, [0.0, 0.35, 0.5, 0.85, 1.0])
    assert curve[0] == {"threshold": 0.0, "correct": round(10 / 13, 4), "false_refusals": 0.0,
                        "right_refusals": 0.0}
    assert [r["false_refusals"] for r in curve] == sorted(r["false_refusals"] for r in curve)
    assert [r["right_refusals"] for r in curve] == sorted(r["right_refusals"] for r in curve)
    assert curve[1]["right_refusals"] == round(5 / 6, 4)
    assert curve[-1] == {"threshold": 1.0, "correct": 0.0, "false_refusals": 1.0, "right_refusals": 1.0}


def test_platt_fit_recovers_a_known_map():
    import numpy as np

    rng = np.random.default_rng(0)
    x = rng.normal(0, 2, 4000)
    y = (rng.random(4000) < 1 / (1 + np.exp(-(0.5 * x - 1.0)))).astype(float)
    a, b = fit_platt(x, y)
    assert a == pytest.approx(0.5, abs=0.08) and b == pytest.approx(-1.0, abs=0.12)


def test_a_calibration_that_does_not_carry_over_between_articles_shows_in_the_transfer():
    """Two articles with the same scores but different shares of right answers: fitted on one, the
    calibration is off on the other by about the difference in base rates."""
    import numpy as np

    from evals.tune_reader import Row, calibration_transfer

    rng = np.random.default_rng(1)
    x = rng.normal(0, 1, 400)
    y = np.concatenate([rng.random(200) < 0.8, rng.random(200) < 0.2]).astype(float)
    rows = [Row("squad", True, np.zeros(1), np.zeros(1), np.ones(1, bool), [""], [], 0.0,
                titles=["Often right" if i < 200 else "Seldom right"]) for i in range(400)]
    transfer = calibration_transfer(rows, x, y)
    assert set(transfer) == {"Often right", "Seldom right"}
    for article in transfer.values():
        assert article["questions"] == 200
        assert article["ece_fitted_on_the_others"] > 0.45  # 0.8 against 0.2
    assert transfer["Often right"]["base_rate"] > 0.7 > 0.3 > transfer["Seldom right"]["base_rate"]


def test_sampled_ece_is_the_ece_of_each_draw():
    from evals.calibration import sampled_ece

    rng = np.random.default_rng(3)
    confidences = rng.random(57)
    right = rng.random((5, 57)) < 0.4
    expected = [ece([Outcome(float(c), bool(r), bool(r)) for c, r in zip(confidences, row)]) for row in right]
    assert np.allclose(sampled_ece(confidences, right), expected, atol=1e-4)


def test_the_ece_a_calibrated_answerer_would_show_shrinks_with_the_number_of_questions():
    from evals.calibration import ece_if_calibrated

    rng = np.random.default_rng(5)
    few, many = ece_if_calibrated(list(rng.random(44))), ece_if_calibrated(list(rng.random(4400)))
    assert few["mean"] > 0.08 > 0.02 > many["mean"]
    assert few["p95"] > few["mean"]
    assert ece_if_calibrated([0.0, 1.0, 1.0, 0.0])["mean"] == 0.0  # certain confidences: outcomes are fixed
