"""Trains the small-talk model (`smalltalk.py`): whether a chat message asks nothing of the releases.

    python -m assistant.answer.smalltalk_train [--squad ../shared/data/qa] [--out FILE]

- data, never an evaluation item: `smalltalk_examples.jsonl`, 260 messages written for it (greetings,
  thanks, goodbyes, acknowledgements, reactions, questions about the assistant or how to use it, test
  messages and noise), against the requests the intent model learned from (`intent_examples.jsonl`,
  1,391, and its 150 SQuAD 2.0 factoid questions), 120 requests written near the boundary
  (`smalltalk_requests.jsonl`: "thanks! and when was it held?", "pesco", "tell me more", "what's new?"),
  and 1,500 questions of the SQuAD 2.0 train articles (`smalltalk_squad.jsonl`, drawn by the seed with
  `--squad`, then read from that file; SQuAD 2.0, Rajpurkar, Jia and Liang 2018, CC BY-SA 4.0): without
  them a question on physics or networking, far from every request it had seen, read as small talk;
- inputs and model as the subject model's (`subject_train.cross_validated_model`): the message's
  vector from the assistant's default embedding model, a logistic regression;
- choice, by stratified cross-validation over the regularisation, the class weights and the decision's
  probability bar (`BARS`): the most small talk caught among the settings that take at most
  `MAX_REQUESTS_TAKEN` of the requests for small talk (a request answered with what the assistant does
  is worse than "hi" answered with a quote).

The held-out measurement is `python -m evals.smalltalk` (messages by another writer, and every question
of the evaluation sets, none of which may be taken for small talk)."""

from __future__ import annotations

import argparse
import json
import logging
from pathlib import Path

from assistant.answer.intents import EXAMPLES as INTENT_EXAMPLES, MODEL_DIR as INTENT_MODEL_DIR
from assistant.answer.smalltalk import EXAMPLES, MODEL_FILE, NEAR_EXAMPLES, SQUAD_REQUESTS
from assistant.answer.subject_train import cross_validated_model

log = logging.getLogger("assistant.answer.smalltalk_train")
SQUAD_FACTS = INTENT_MODEL_DIR / "squad_facts.jsonl"
SQUAD_COUNT = 1500
MAX_REQUESTS_TAKEN = 0.005  # cross-validated share of the requests a chosen setting may take for small talk
BARS = (0.5, 0.6, 0.7, 0.8, 0.9)  # the decision's probability bars tried


def fewest_requests_lost(grid: list[dict]) -> dict:
    """The setting that catches the most small talk while taking at most MAX_REQUESTS_TAKEN of the
    requests for it (else the one that takes the fewest); ties to the fewer requests taken."""
    allowed = [row for row in grid if row["false_taken_true"] <= MAX_REQUESTS_TAKEN]
    if not allowed:
        return min(grid, key=lambda row: row["false_taken_true"])
    return max(allowed, key=lambda row: (row["true_taken_true"], -row["false_taken_true"]))


def _texts(path: Path, field: str) -> list[str]:
    return [json.loads(line)[field] for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def load_examples() -> list[tuple[str, bool]]:
    """(message, whether it is small talk)."""
    requests = _texts(INTENT_EXAMPLES, "question") + _texts(SQUAD_FACTS, "question") + _texts(NEAR_EXAMPLES, "text") \
        + _texts(SQUAD_REQUESTS, "question")
    return [(t, True) for t in _texts(EXAMPLES, "text")] + [(t, False) for t in requests]


def draw_squad_requests(data: Path, seed: int, count: int = SQUAD_COUNT) -> None:
    """`count` questions of the SQuAD train articles (answerable or not: each asks something), written to
    SQUAD_REQUESTS, which training reads."""
    import random

    from assistant.reader import squad

    drawn = random.Random(seed).sample([q.text for q in squad.questions(data, "train")], count)
    SQUAD_REQUESTS.write_text("".join(json.dumps({"question": q}, ensure_ascii=False) + "\n" for q in drawn),
                              encoding="utf-8")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=MODEL_FILE)
    parser.add_argument("--squad", type=Path, help="the SQuAD 2.0 parts (../shared/data/qa): draw the train-article "
                        f"questions anew into {SQUAD_REQUESTS.name}")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")

    if args.squad:
        draw_squad_requests(args.squad, args.seed)
    examples = load_examples()
    log.info("%d examples, %d small talk", len(examples), sum(s for _, s in examples))
    model, cross_validation = cross_validated_model(examples, args.folds, args.seed, fewest_requests_lost, BARS)
    args.out.write_text(json.dumps({
        "model": {**model.to_json(), "bar": cross_validation["chosen"]["bar"]},
        "training": {"examples": len(examples), "smalltalk": sum(s for _, s in examples),
                     "cross_validation": cross_validation, "command": "python -m assistant.answer.smalltalk_train"},
    }, indent=1) + "\n", encoding="utf-8")
    log.info("chosen %s; written %s", cross_validation["chosen"], args.out)


if __name__ == "__main__":
    main()
