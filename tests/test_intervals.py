"""Bootstrap intervals of the evaluation's metrics, on scores whose spread is known."""

from statistics import mean

import pytest

from evals.harness import Report
from evals.intervals import bootstrap, paired
from evals.report import differences, side_by_side, table


def share(scores: list[int]) -> dict:
    return {"correctness": mean(scores), "items": len(scores)}


def width(bounds: list[float]) -> float:
    return bounds[1] - bounds[0]


def test_the_interval_of_a_share_is_about_the_binomial_one():
    # 27 right of 33: the normal approximation gives 0.818 +- 1.96 * sqrt(0.818 * 0.182 / 33) = 0.687-0.950
    low, high = bootstrap([1] * 27 + [0] * 6, share)["correctness"]
    assert low == pytest.approx(0.687, abs=0.035) and high == pytest.approx(0.950, abs=0.035)
    assert low < 27 / 33 < high


def test_more_questions_narrow_the_interval_and_the_same_score_everywhere_has_none_to_speak_of():
    few = bootstrap([1] * 24 + [0] * 6, share)["correctness"]
    many = bootstrap([1] * 240 + [0] * 60, share)["correctness"]
    assert width(many) < width(few) / 2  # ten times the questions: about a third of the width
    assert bootstrap([1] * 30, share)["correctness"] == [1.0, 1.0]


def test_counts_are_not_resampled_and_one_question_gives_no_interval():
    assert "items" not in bootstrap([1, 0, 1], share)
    assert bootstrap([1], share) == {}


def test_the_report_table_shows_the_assistants_interval_beside_its_score():
    report = Report("seed", "test", "2026-12-05T00:00:00Z", {})
    scores = [1] * 27 + [0] * 6
    report.systems["assistant"] = {"summary": share(scores), "intervals": bootstrap(scores, share)}
    report.systems["top_sentence"] = {"summary": {"correctness": 0.5}}
    low, high = report.systems["assistant"]["intervals"]["correctness"]
    row = next(line for line in table(report).splitlines() if line.startswith("| correctness"))
    assert row == f"| correctness | 0.818 | {low:.3f}–{high:.3f} | 0.500 | 1.636 |"
    row = next(line for line in side_by_side([report]).splitlines() if line.startswith("| correctness"))
    assert row == f"| correctness | 0.818 ({low:.3f}–{high:.3f}) | 0.500 |"  # the baseline has none


def test_a_paired_difference_tells_apart_two_systems_whose_own_intervals_overlap():
    first = [1] * 27 + [0] * 6
    second = [0, 0, 0] + first[3:]  # the same answers but three right ones lost: never better on a question
    low, high = paired(first, second, share)["correctness"]
    assert 0.0 <= low < 3 / 33 < high
    mine, theirs = bootstrap(first, share)["correctness"], bootstrap(second, share)["correctness"]
    assert theirs[1] > mine[0]  # apart, each split's interval overlaps the other's: only pairing tells them apart
    assert paired(first, first, share)["correctness"] == [0.0, 0.0]
    with pytest.raises(ValueError):
        paired(first, second[1:], share)


def test_the_report_gives_the_assistant_less_each_baseline_with_its_paired_interval():
    report = Report("seed", "test", "2026-12-05T00:00:00Z", {})
    first, second = [1] * 27 + [0] * 6, [0, 0, 0] + [1] * 24 + [0] * 6
    report.systems["assistant"] = {"summary": share(first), "intervals": bootstrap(first, share)}
    report.systems["top_sentence"] = {"summary": share(second), "difference": paired(first, second, share)}
    low, high = report.systems["top_sentence"]["difference"]["correctness"]
    assert f"| correctness | +0.091 ({low:+.3f} to {high:+.3f}) |" in differences(report)
