"""Minimum scores the assistant must keep (gates.json); the test suite fails when one is missed."""

from __future__ import annotations

import json
from pathlib import Path

from .harness import Report

GATES = Path(__file__).resolve().parent / "gates.json"


def gates_for(dataset: str) -> dict | None:
    return json.loads(GATES.read_text()).get(dataset)


def missed(report: Report) -> list[str]:
    gates = gates_for(report.dataset)
    if not gates:
        return []
    summary = report.summary()
    out = []
    for metric, floor in gates.get("min", {}).items():
        value = summary.get(metric)
        if value is None or value < floor:
            out.append(f"{metric} = {value} is below the gate {floor}")
    for metric, ceiling in gates.get("max", {}).items():
        value = summary.get(metric)
        if value is None or value > ceiling:
            out.append(f"{metric} = {value} is above the gate {ceiling}")
    return out
