"""Does the reported confidence mean what it says? Reliability bins, expected calibration error, and
the refusal trade-off: what each threshold would give, from the per-question confidences.

The event a confidence predicts is "the best sentence answers the question": true for an answerable
question whose best sentence holds the key facts, false otherwise (an unanswerable question has no
right sentence to quote)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class Outcome:
    confidence: float
    answerable: bool
    best_correct: bool  # the best sentence (answered or not) holds the key facts

    @property
    def right(self) -> bool:
        return self.answerable and self.best_correct


def reliability(outcomes: list[Outcome], bins: int = 10) -> list[dict]:
    """Equal-width bins over [0, 1]: mean confidence, share right, count."""
    rows = []
    for b in range(bins):
        low, high = b / bins, (b + 1) / bins
        inside = [o for o in outcomes if low <= o.confidence < high or (b == bins - 1 and o.confidence == 1.0)]
        if inside:
            rows.append({"low": low, "high": high, "count": len(inside),
                         "confidence": float(np.mean([o.confidence for o in inside])),
                         "accuracy": float(np.mean([o.right for o in inside]))})
    return rows


def ece(outcomes: list[Outcome], bins: int = 10) -> float | None:
    if not outcomes:
        return None
    return round(sum(r["count"] * abs(r["confidence"] - r["accuracy"]) for r in reliability(outcomes, bins))
                 / len(outcomes), 4)


def ece_if_calibrated(confidences: list[float], bins: int = 10, draws: int = 2000, seed: int = 0) -> dict:
    """The ECE a perfectly calibrated answerer would show on this many questions with these confidences:
    each outcome drawn as right with its confidence's probability. On a few dozen questions sampling
    alone gives an ECE well above zero, so a measured ECE is read against this floor."""
    if not confidences:
        return {}
    p = np.asarray(confidences, dtype=float)
    right = np.random.default_rng(seed).random((draws, len(p))) < p
    values = sampled_ece(p, right, bins)
    return {"questions": len(p), "mean": round(float(values.mean()), 4),
            "p95": round(float(np.quantile(values, 0.95)), 4)}


def sampled_ece(confidences: np.ndarray, right: np.ndarray, bins: int = 10) -> np.ndarray:
    """`ece` for each row of outcomes `right` (draws x questions) at once; the same bins."""
    which = np.minimum((confidences * bins).astype(int), bins - 1)
    gaps = np.zeros(right.shape[0])
    for b in np.unique(which):
        inside = which == b  # a bin's count x |mean confidence - share right| = |sum confidence - count right|
        gaps += np.abs(confidences[inside].sum() - right[:, inside].sum(axis=1))
    return gaps / len(confidences)


def tradeoff(outcomes: list[Outcome], thresholds: list[float] | None = None) -> list[dict]:
    """For each refusal threshold: correct answers and false refusals among answerable questions,
    right refusals among unanswerable ones."""
    thresholds = thresholds if thresholds is not None else [round(t, 2) for t in np.linspace(0, 1, 21)]
    answerable = [o for o in outcomes if o.answerable]
    unanswerable = [o for o in outcomes if not o.answerable]
    rows = []
    for t in thresholds:
        rows.append({
            "threshold": t,
            "correct": _mean([o.confidence >= t and o.best_correct for o in answerable]),
            "false_refusals": _mean([o.confidence < t for o in answerable]),
            "right_refusals": _mean([o.confidence < t for o in unanswerable]),
        })
    return rows


def _mean(values: list[bool]) -> float | None:
    return round(float(np.mean(values)), 4) if values else None
