"""Chooses how the verdict reader is used: `python -m evals.tune_verdict [--write]`.

Questions never trained on are answered as served, from a temporary index of their releases and 100
others: the held-out writer's yes/no training questions (`assistant/reader/verdict_data/`, writer
`--dev-writer`) and the tuning questions of two more writers (`verdict_data/yesno_tuning.jsonl.gz`: yes,
no, and questions the release leaves open). For each, the sentence reader's selection and the verdict
model's probabilities for its best 3 candidates.

- **Bar** (verdict.json `bar`, with `reader_sure`): over the questions the sentence reader answers (and
  is at least `reader_sure` sure of), per bar the verdicts given on the quoted best sentence and their
  precision (a verdict is right when it is the question's and the sentence holds the settling evidence;
  on a question the release leaves open it is wrong) and the coverage (share of the answered yes/no
  questions given the right verdict). Of the pairs whose precision is at least `--precision`, the one
  with the most coverage is chosen, or none: a wrong "No" misleads more than a missing one.
- **Rescue** (verdict.json `rescue_bar`): the sentence reader refuses about a third of the yes/no
  questions a release settles (its threshold was set on wh-questions). Per bar, the refused questions
  asking no question word (as served: `grammar.asks_yes_or_no`) the verdict model would answer from one
  of those 3 candidates (the first it is that sure settles
  it), and how many of them rightly (the candidate holds the settling sentence) or wrongly (another
  sentence, or a question the release leaves open). A rescue bar is chosen only when the rescued
  answers are at least as often right as the reader's own answers to the same kind of question
  (`--rescue-precision`, default: the reader's measured share); else none.

`--write` stores both in verdict.json beside the model, with the tables."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.answer.verdicts import RESCUE_CANDIDATES as CANDIDATES
from assistant.reader.verdict import CONFIG_FILE, LABELS, VERDICT_DIR, VerdictReader

ROOT = Path(__file__).resolve().parent.parent
QUESTIONS = ROOT / "assistant" / "reader" / "verdict_data" / "yesno_questions.jsonl.gz"
TUNING = ROOT / "assistant" / "reader" / "verdict_data" / "yesno_tuning.jsonl.gz"
EVALUATION_RELEASES = ROOT / "evals" / "datasets" / "senate-releases.jsonl.gz"
BARS = (0.5, 0.6, 0.7, 0.8, 0.85, 0.9, 0.95, 0.98)
READER_SURE = (0.0, 0.3, 0.5, 0.7)  # the sentence reader's probability for the quote a verdict also needs


@dataclass(frozen=True)
class Served:
    gold: str  # "yes", "no" or "open"
    answered: bool  # the sentence reader answers
    probabilities: np.ndarray  # verdict probabilities of the reader's best candidates, best first
    settling: list[bool]  # each of those candidates holds the settling evidence
    confidence: float = 0.0  # the sentence reader's probability for its best candidate
    yes_no_form: bool = True  # asks no question word: a refusal the rescue may answer


def served(questions: list[dict], releases: Path, model: Path, excluded: frozenset[str]) -> list[Served]:
    from assistant.answer.grammar import asks_yes_or_no
    from assistant.reader.train_list_reader import indexed_releases
    from assistant.reader.train_verdict import holds_evidence
    from assistant.retrieval.filters import SearchFilter
    from assistant.text import content_terms
    from evals.senate import temporary_assistant

    reader = VerdictReader(model)
    listed = [{**q, "release_ids": [q["release_id"]]} for q in questions]
    out = []
    with temporary_assistant(indexed_releases(listed, releases, 100, 13, excluded)) as assistant:
        store = assistant.search.store
        for q in questions:
            passages = assistant.search.search(q["question"], 6, SearchFilter())
            selection = assistant.extractive.select(q["question"], passages, store.idf(content_terms(q["question"])))
            top = list(selection.ranked[:CANDIDATES])
            p = reader.probabilities([s.reader_input(q["question"], dated=True) for s in top]) if top \
                else np.zeros((0, len(LABELS)))
            gold = q["answer"] if q["answer"] in ("yes", "no") else "open"
            out.append(Served(gold, bool(selection.sentences), p,
                              [gold != "open" and holds_evidence(s.text, q["evidence"]) >= 0.6 for s in top],
                              selection.confidence, asks_yes_or_no(q["question"])))
    return out


def verdict_of(row: np.ndarray, bar: float) -> str | None:
    best = 0 if row[0] >= row[1] else 1
    return LABELS[best] if row[best] >= bar else None


def bar_table(rows: list[Served], sure: float = 0.0) -> list[dict]:
    """`sure`: a verdict only where the sentence reader is at least that sure of its quote too."""
    answered = [r for r in rows if r.answered and len(r.probabilities)]
    settled = [r for r in answered if r.gold != "open"]
    out = []
    for bar in BARS:
        given = [(r, verdict_of(r.probabilities[0], bar)) for r in answered if r.confidence >= sure]
        given = [(r, v) for r, v in given if v]
        right = sum(v == r.gold and r.settling[0] for r, v in given)
        out.append({"bar": bar, "reader_sure": sure, "given": len(given), "precision": round(right / len(given), 4) if given else None,
                    "coverage": round(right / len(settled), 4) if settled else None})
    return out


def rescue_table(rows: list[Served]) -> list[dict]:
    refused = [r for r in rows if not r.answered and r.yes_no_form]
    out = []
    for bar in BARS:
        right = other = left_open = 0
        for r in refused:
            hit = next((i for i, p in enumerate(r.probabilities) if verdict_of(p, bar)), None)
            if hit is None:
                continue
            if r.gold == "open":
                left_open += 1
            elif r.settling[hit]:
                right += 1
            else:
                other += 1
        answered = right + other + left_open
        out.append({"bar": bar, "answered": answered, "right": right, "another_sentence": other,
                    "left_open": left_open, "precision": round(right / answered, 4) if answered else None})
    return out


def main(argv: list[str] | None = None) -> None:
    from evals.senate import SHARED_10K, read_jsonl, rows

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dev-writer", default="trainer3")
    parser.add_argument("--releases", type=Path, default=SHARED_10K, help="the shared Senate collection (JSONL.gz)")
    parser.add_argument("--precision", type=float, default=0.95)
    parser.add_argument("--rescue-precision", type=float, help="default: the reader's own share of right answers")
    parser.add_argument("--model", type=Path, default=VERDICT_DIR)
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--dump", type=Path, help="write each question's served reading here (JSON Lines)")
    args = parser.parse_args(argv)

    excluded = frozenset(r["id"] for r in rows(EVALUATION_RELEASES))
    questions = [q for q in read_jsonl(QUESTIONS) if q.get("writer") == args.dev_writer] + read_jsonl(TUNING)
    results = served(questions, args.releases, args.model, excluded)
    if args.dump:
        args.dump.write_text("".join(json.dumps({"question": q["question"], "gold": r.gold, "answered": r.answered,
                                                 "probabilities": r.probabilities.round(4).tolist(),
                                                 "settling": r.settling}) + "\n" for q, r in zip(questions, results)))
    settles = [r for r in results if r.gold != "open"]
    open_ = [r for r in results if r.gold == "open"]
    answered = [r for r in results if r.answered]
    reader_precision = sum(r.answered and r.settling[0] for r in settles) / len(answered) if answered else 0.0
    print(f"{len(settles)} yes/no questions a release settles, {len(open_)} it leaves open; the sentence reader "
          f"answers {sum(r.answered for r in settles)} and {sum(r.answered for r in open_)} of them, quoting the "
          f"settling sentence first for {sum(r.answered and r.settling[0] for r in settles)} "
          f"(right among its answers: {reader_precision:.3f})")
    bars = [row for sure in READER_SURE for row in bar_table(results, sure)]
    print("\nverdict on the quoted best sentence\n| bar | reader at least | verdicts | precision | coverage |\n"
          "|---|---|---|---|---|")
    for row in bars:
        print(f"| {row['bar']} | {row['reader_sure']} | {row['given']} | {row['precision']} | {row['coverage']} |")
    # the most right verdicts at the precision wanted; the lower bars first on a tie
    fit = [r for r in bars if r["precision"] is not None and r["precision"] >= args.precision]
    chosen = max(fit, key=lambda r: (r["coverage"], -r["bar"], -r["reader_sure"]), default=None)
    rescues = rescue_table(results)
    print("\nrefused questions answered from the reader's best 3 candidates\n"
          "| bar | answered | rightly | another sentence | left open | precision |\n|---|---|---|---|---|---|")
    for row in rescues:
        print(f"| {row['bar']} | {row['answered']} | {row['right']} | {row['another_sentence']} | {row['left_open']} "
              f"| {row['precision']} |")
    wanted = args.rescue_precision if args.rescue_precision is not None else reader_precision
    # the bar that answers the most refusals at a precision no worse than the reader's own answers
    fit = [r for r in rescues if r["answered"] and r["precision"] >= wanted]
    rescue = max(fit, key=lambda r: (r["right"], -r["bar"]), default=None)
    print(f"\nbar: {chosen}\nrescue (precision wanted {wanted:.3f}): {rescue}")
    if args.write:
        (args.model / CONFIG_FILE).write_text(json.dumps(
            {"bar": chosen["bar"] if chosen else None, "reader_sure": chosen["reader_sure"] if chosen else None,
             "rescue_bar": rescue["bar"] if rescue else None,
             "chosen_by": "python -m evals.tune_verdict --write", "dev_writer": args.dev_writer,
             "precision_wanted": args.precision, "rescue_precision_wanted": round(wanted, 4),
             "bars": bars, "rescues": rescues}, indent=2) + "\n")


if __name__ == "__main__":
    main()
