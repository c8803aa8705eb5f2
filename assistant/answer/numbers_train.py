"""Trains the numbers model (`numbers_asked.py`): whether a question asks for a number, from its vector.

    python -m assistant.answer.numbers_train [--data ../shared/data/qa] [--release-questions FILE] [--out FILE]

- data: the answerable questions of the SQuAD training articles (`reader/squad.py`: never the tune or
  test articles) and of the press-release training questions (`reader/release_data/`, all writers but
  the one `evals.tune_reader` holds out), each labelled by whether a gold answer holds a number: a digit
  or a number word ("seven", "a dozen"); never an evaluation item;
- inputs: each question's vector from the assistant's default embedding model, as the search embeds it;
- choice: the logistic regression's regularisation and class weights, and the bar under which a question
  is taken to ask for no number, by stratified 5-fold cross-validation: the bar that holds back at most
  `BUDGET` of the questions whose answer is a number (a short answer the model holds back is lost), and
  among those the setting that holds back most of the others.

Writes the model fitted on every example, its bar and the cross-validation table. The effect on the short
answers is measured on the SQuAD tune articles by `python -m evals.measure_short_answer`."""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import re
from pathlib import Path

from assistant.answer.numbers_asked import MODEL_FILE
from assistant.answer.subject_train import cross_validated_model
from assistant.reader.squad import questions

log = logging.getLogger("assistant.answer.numbers_train")
RELEASE_QUESTIONS = Path(__file__).resolve().parents[1] / "reader/release_data/release_questions.jsonl.gz"
TUNE_WRITER = "writer4"  # evals.tune_reader's held-out press-release writer: a dev set, not trained on
BUDGET = 0.05  # the share of number-asking questions the bar may hold back (cross-validated)
BARS = tuple(round(0.05 * i, 2) for i in range(1, 11))
NUMBER_WORDS = re.compile(r"\b(one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                          r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
                          r"eighty|ninety|hundreds?|thousands?|millions?|billions?|trillions?|dozens?)\b", re.I)


def answered_with_a_number(answer: str) -> bool:
    """A digit or a cardinal number word ("seven", "a dozen"): how a date, an amount or a count is
    written. Ordinal words are not ("the fourth Dialogue" answers which one, not how many), though a digit
    ordinal is ("the 13th century": the short answers shown are spans holding a digit); "one" in a name
    ("BBC One") is label noise the model lives with (about 1% of the answers)."""
    return any(ch.isdigit() for ch in answer) or bool(NUMBER_WORDS.search(answer))


def load_examples(data: Path, release_questions: Path = RELEASE_QUESTIONS) -> list[tuple[str, bool]]:
    """(question, whether a gold answer holds a number), SQuAD training articles first."""
    examples = [(q.text, any(answered_with_a_number(a) for a in q.answers)) for q in questions(data, "train") if q.answerable]
    with gzip.open(release_questions, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    examples += [(r["question"], answered_with_a_number(r["answer"])) for r in rows
                 if r["answerable"] and r["writer"] != TUNE_WRITER]
    return examples


def within_budget(grid: list[dict]) -> dict:
    """The setting and bar that hold back at most BUDGET of the number-asking questions (`true_taken_true`
    is the share kept) and most of the others; ties to unweighted classes and the stronger regularisation."""
    allowed = [row for row in grid if row["true_taken_true"] >= 1 - BUDGET]
    if not allowed:  # no setting keeps enough: the one that keeps most
        return max(grid, key=lambda row: (row["true_taken_true"], -row["false_taken_true"]))
    return min(allowed, key=lambda row: (row["false_taken_true"], row["class_weight"] is not None, row["c"]))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path("../shared/data/qa"), help="the SQuAD 2.0 parts")
    parser.add_argument("--release-questions", type=Path, default=RELEASE_QUESTIONS, help="JSONL (gzip)")
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    if not args.data.is_dir():
        raise SystemExit(f"--data {args.data}: not a folder (the SQuAD 2.0 parts, ../shared/data/qa)")

    examples = load_examples(args.data, args.release_questions)
    log.info("%d examples, %d answered with a number", len(examples), sum(s for _, s in examples))
    model, cross_validation = cross_validated_model(examples, args.folds, args.seed, choose=within_budget, bars=BARS)
    args.out.write_text(json.dumps({
        "model": model.to_json(),
        "bar": cross_validation["chosen"]["bar"],
        "training": {
            "examples": len(examples), "answered_with_a_number": sum(s for _, s in examples), "budget": BUDGET,
            "cross_validation": cross_validation, "command": "python -m assistant.answer.numbers_train",
        },
    }, indent=1) + "\n", encoding="utf-8")
    log.info("chosen %s; written %s", cross_validation["chosen"], args.out)


if __name__ == "__main__":
    main()
