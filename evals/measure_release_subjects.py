"""Does the web chat's corpus of one release answer what the release says about a subject it covers, and
refuse one it never mentions? `evals/datasets/seed_subjects.jsonl`: 60 questions about the seed release
("does the press release mention migration or asylum?", "what's in the press release about
cyberattacks"), 30 about subjects it covers (each with the sentence that covers it) and 30 about
subjects it never mentions, written by a helper who read only the release (2026-12-07). A dev set: it
was read to choose how masthead lines match (docs/tasks.md).

    python -m evals.measure_release_subjects

Prints, over the seed release alone (the `seedtasks` corpus), how many covered subjects are answered
and how many of those quote the covering sentence, and how many absent subjects are refused."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from evals.harness import prepared_assistant

DATA = Path(__file__).resolve().parent / "datasets" / "seed_subjects.jsonl"


def measure(assistant, rows: list[dict]) -> dict:
    covered = [r for r in rows if r["label"] == "covered"]
    absent = [r for r in rows if r["label"] == "absent"]
    answered = quoted = refused = 0
    for row in covered:
        answer = assistant.ask(row["question"])
        answered += not answer.abstained
        quoted += any(row["evidence"] in c.quote or c.quote in row["evidence"] for c in answer.citations)
    for row in absent:
        refused += assistant.ask(row["question"]).abstained
    return {"covered": len(covered), "covered_answered": answered, "covering_sentence_quoted": quoted,
            "absent": len(absent), "absent_refused": refused}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.data.read_text().splitlines() if line.strip()]
    print(json.dumps(measure(prepared_assistant("seedtasks"), rows), indent=2))


if __name__ == "__main__":
    main()
