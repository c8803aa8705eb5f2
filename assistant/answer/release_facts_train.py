"""Trains the release-facts model (`release_facts.py`): whether a question asks about its release itself
(when it was issued, what it is called, who put it out), and which of those facts.

    python -m assistant.answer.release_facts_train [--out FILE]

- data, never an evaluation item: `release_facts_examples.jsonl`, questions written for it about
  releases of the shared Senate collection that no evaluation uses, each with the fact it asks for, and
  questions about dates, names and titles inside releases ("When will the hearing be held?", field
  null); against them, every request the small-talk model learned from (the intent model's examples and
  its SQuAD 2.0 factoid questions, the requests written near small talk, 1,500 SQuAD 2.0 train questions)
  and the small talk itself. A request there that asks for a release's fact ("when was this published",
  filed as one fact before this model) is taken from the examples' label, not as a negative. An example
  that copies or nearly copies (60% of its words) a question of the evaluation set is left out;
- inputs and model as the subject model's (`subject_train.cross_validated_model`): the question's vector
  from the assistant's default embedding model, a logistic regression;
- choice, by stratified cross-validation: for whether a question asks, the regularisation, class weights
  and probability bar that catch the most such questions among the settings taking at most
  `MAX_OTHERS_TAKEN` of the other questions (a question about what a release says, answered with its
  date, is worse than a date question refused); for each fact against the others, by balanced accuracy.

The held-out measurement is `python -m evals.measure_release_facts` (questions by two other writers over
the seed release and the tasks corpus)."""

from __future__ import annotations

import argparse
import json
import logging
import re
from pathlib import Path

import numpy as np

from assistant.answer.parts import intent_model_digest
from assistant.answer.release_facts import EXAMPLES, MODEL_FILE, ReleaseFactsModel, ReleaseField, inputs
from assistant.answer.smalltalk import EXAMPLES as SMALLTALK
from assistant.answer.smalltalk_train import load_examples as smalltalk_examples
from assistant.answer.subject_train import cross_validated_model, embedder

log = logging.getLogger("assistant.answer.release_facts_train")
MAX_OTHERS_TAKEN = 0.005  # cross-validated share of the other questions a chosen setting may take as asking
BARS = (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.98)
# the evaluation set (`evals/datasets/release_facts.jsonl`): an example sharing this share of its words with
# one of its questions is left out ("What's this release called?" was written by both sides)
HELD_OUT = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "release_facts.jsonl"
NEAR_COPY = 0.6


def most_caught(grid: list[dict]) -> dict:
    """The setting that catches the most questions about a release's facts while taking at most
    MAX_OTHERS_TAKEN of the others (else the one taking the fewest); ties to the fewer others taken."""
    allowed = [row for row in grid if row["false_taken_true"] <= MAX_OTHERS_TAKEN]
    if not allowed:
        return min(grid, key=lambda row: row["false_taken_true"])
    return max(allowed, key=lambda row: (row["true_taken_true"], -row["false_taken_true"]))


def normal(text: str) -> str:
    return " ".join(text.lower().split()).rstrip("?.! ")


def words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.lower()))


def near(text: str, held_out: list[set[str]]) -> bool:
    """Sharing 60% of its words (Jaccard) with a held-out question: a copy or a near copy."""
    mine = words(text)
    return any(len(mine & other) >= NEAR_COPY * len(mine | other) for other in held_out if mine | other)


def held_out_questions(path: Path = HELD_OUT) -> list[set[str]]:
    """The words of each question of the release-facts evaluation set, which training leaves out."""
    if not path.exists():
        return []
    return [words(json.loads(line)["question"]) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_examples(path: Path = EXAMPLES) -> tuple[list[tuple[str, bool]], list[tuple[str, ReleaseField]]]:
    """(question, whether it asks about its release's facts) for every example and request, and (question,
    the fact) for those that ask; none that copies or nearly copies a question of the evaluation set."""
    held_out = held_out_questions()
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    asking = [(r["question"], ReleaseField(r["field"])) for r in rows if r.get("field") and not near(r["question"], held_out)]
    labelled = {normal(q) for q, _ in asking}
    others = [r["question"] for r in rows if not r.get("field")]
    others += [q for q, _ in smalltalk_examples() if normal(q) not in labelled]  # its small talk and requests
    examples = [(q, True) for q, _ in asking] + [(q, False) for q in dict.fromkeys(others) if not near(q, held_out)]
    return examples, asking


def vectors(questions: list[str]) -> np.ndarray:
    """The models' inputs (`release_facts.inputs`): each question's embedding and its intent-model vector."""
    from assistant.answer.intents import IntentClassifier

    embeddings, intents = embedder(), IntentClassifier()
    return np.array([inputs(e, intents.vector(q)) for q, e in zip(questions, embeddings.embed_documents(questions))])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    examples, asking = load_examples()
    log.info("%d examples, %d asking about their release (%s)", len(examples), len(asking),
             {f.value: sum(a is f for _, a in asking) for f in ReleaseField})
    x = vectors([q for q, _ in examples])
    asks, asks_table = cross_validated_model(examples, args.folds, args.seed, most_caught, BARS, vectors=x)
    fields, field_tables = {}, {}
    for field in ReleaseField:
        fields[field], field_tables[field.value] = cross_validated_model(
            [(q, f is field) for q, f in asking], args.folds, args.seed, vectors=x[:len(asking)])
    model = ReleaseFactsModel(asks, asks_table["chosen"]["bar"], fields)
    args.out.write_text(json.dumps({
        "model": model.to_json(),
        # it reads this intent model's vectors: retrain it whenever that model changes
        "intent_model_sha256": intent_model_digest(),
        "training": {"examples": len(examples), "asking": len(asking), "small_talk_file": SMALLTALK.name,
                     "cross_validation": {"asks": asks_table, **{f"field_{k}": v for k, v in field_tables.items()}},
                     "command": "python -m assistant.answer.release_facts_train"},
    }, indent=1) + "\n", encoding="utf-8")
    log.info("chosen %s; fields %s; written %s", asks_table["chosen"],
             {k: v["chosen"]["balanced_accuracy"] for k, v in field_tables.items()}, args.out)


if __name__ == "__main__":
    main()
