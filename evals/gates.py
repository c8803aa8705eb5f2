"""Minimum scores the assistant must keep (gates.json); the test suite fails when one is missed.

A gate must be able to fail. Two kinds cannot, and are refused as missed gates themselves:
`supported_rate` (an extractive quote is cut from its own passage, so every citation is supported by
construction), and `recall_at_k` over an index of a few times k chunks (the seed release alone has 7:
five of seven is nearly always a hit; gate `mrr` there instead)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from .harness import Report

GATES = Path(__file__).resolve().parent / "gates.json"
CONSTANT = {"supported_rate": "every extractive citation is supported by construction; gate citation_precision"}
MIN_CHUNKS_PER_K = 10  # recall@k means something only when the index holds at least 10 * k chunks


def gates_for(dataset: str) -> dict | None:
    return json.loads(GATES.read_text()).get(dataset)


def cannot_fail(gates: dict, corpus: dict) -> list[str]:
    """Gates that would hold whatever the assistant did, given the corpus the report was made on."""
    out = []
    for metric in [*gates.get("min", {}), *gates.get("max", {})]:
        if metric in CONSTANT:
            out.append(f"{metric} cannot be gated: {CONSTANT[metric]}")
        k = re.fullmatch(r"recall_at_(\d+)", metric)
        chunks = corpus.get("chunks")
        if k and chunks is not None and chunks < MIN_CHUNKS_PER_K * int(k[1]):
            out.append(f"{metric} cannot be gated on a {chunks}-chunk index (fewer than {MIN_CHUNKS_PER_K * int(k[1])});"
                       " gate mrr instead")
    return out


def missed(report: Report, gates: dict | None = None) -> list[str]:
    """Every gate the report misses, and every gate that could not have failed; `gates` defaults to
    the report's dataset's entry in gates.json."""
    gates = gates if gates is not None else gates_for(report.dataset)
    if not gates:
        return []
    summary = report.summary()
    intervals = report.systems["assistant"].get("intervals") or {}
    out = cannot_fail(gates, report.corpus)

    def interval(metric: str) -> str:  # whether a miss is within what other questions would give
        bounds = intervals.get(metric)
        return f" (95% interval {bounds[0]}-{bounds[1]})" if bounds else ""

    for metric, floor in gates.get("min", {}).items():
        value = summary.get(metric)
        if value is None or value < floor:
            out.append(f"{metric} = {value} is below the gate {floor}{interval(metric)}")
    for metric, ceiling in gates.get("max", {}).items():
        value = summary.get(metric)
        if value is None or value > ceiling:
            out.append(f"{metric} = {value} is above the gate {ceiling}{interval(metric)}")
    return out
