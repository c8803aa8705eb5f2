"""How far a metric measured on a few dozen questions could move on other questions of the same kind: a
percentile bootstrap over the questions (Efron and Tibshirani, "An Introduction to the Bootstrap", 1993).

The questions are drawn again with replacement, as many as there are, and every metric is computed
anew on each draw; the interval holds the middle 95% of those values. A test split of 33 answerable
questions answered right 27 times (0.818) gives about 0.67-0.94: whether a target of 0.90 is missed
by a question or by a method is read there, not in the third decimal."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TypeVar

import numpy as np

T = TypeVar("T")
DRAWS = 1000
LEVEL = 0.95
NOT_RESAMPLED = frozenset({"items", "latency_p50_ms", "latency_p95_ms"})  # counts and timings, not question scores


def bootstrap(units: Sequence[T], summarise: Callable[[list[T]], dict], draws: int = DRAWS, level: float = LEVEL,
              seed: int = 0) -> dict[str, list[float]]:
    """Per metric of `summarise(units)`, its [low, high] interval at `level`: `units` (the questions, each
    scored once) drawn with replacement `draws` times. A metric a draw cannot compute (no question of
    its kind drawn) is left out of that draw; one computable in fewer than half the draws gets no
    interval."""
    if len(units) < 2:
        return {}
    rng = np.random.default_rng(seed)
    values: dict[str, list[float]] = {}
    for _ in range(draws):
        drawn = [units[i] for i in rng.integers(0, len(units), len(units))]
        for metric, value in summarise(drawn).items():
            if metric not in NOT_RESAMPLED and isinstance(value, (int, float)) and not isinstance(value, bool):
                values.setdefault(metric, []).append(float(value))
    tail = 100 * (1 - level) / 2
    return {metric: [round(float(np.percentile(v, tail)), 4), round(float(np.percentile(v, 100 - tail)), 4)]
            for metric, v in values.items() if len(v) >= draws / 2}
