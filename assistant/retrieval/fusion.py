"""Fusing a dense and a lexical ranking into one score per chunk."""

from __future__ import annotations

from typing import Literal

Fusion = Literal["rrf", "weighted", "dense", "lexical"]
RRF_K = 60


def fuse(dense: dict[str, float], lexical: dict[str, float], method: Fusion = "weighted",
         dense_weight: float = 0.3) -> dict[str, float]:
    """chunk id -> fused score, higher is better. "weighted" mixes min-max normalised scores with
    `dense_weight` on the dense side; "rrf" is reciprocal rank fusion with the same weights."""
    if method == "dense":
        return dict(dense)
    if method == "lexical":
        return dict(lexical)
    if method == "rrf":
        fused: dict[str, float] = {}
        for ranking, weight in ((dense, dense_weight), (lexical, 1 - dense_weight)):
            for rank, cid in enumerate(sorted(ranking, key=lambda c: -ranking[c])):
                fused[cid] = fused.get(cid, 0.0) + 2 * weight / (RRF_K + rank + 1)
        return fused
    d, lx = _minmax(dense), _minmax(lexical)
    return {cid: dense_weight * d.get(cid, 0.0) + (1 - dense_weight) * lx.get(cid, 0.0) for cid in set(d) | set(lx)}


def _minmax(scores: dict[str, float]) -> dict[str, float]:
    if not scores:
        return {}
    low, high = min(scores.values()), max(scores.values())
    if high - low < 1e-9:
        return {cid: 1.0 for cid in scores}
    return {cid: (s - low) / (high - low) for cid, s in scores.items()}
