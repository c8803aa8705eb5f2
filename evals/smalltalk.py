"""Measures the small-talk model (`assistant/answer/smalltalk.py`) on messages it never learned from:

    python -m evals.smalltalk

- `datasets/smalltalk.jsonl`: chat messages by two writers who saw neither the model nor its numbers,
  each labelled small talk or a request, with its kind (greeting, thanks, reaction, ..., chatty_question,
  terse, followup_or_meta). Writer `a`'s 200 were read by the writer of the training examples, who
  reworded the training messages that came near them; writer `b`'s 160 were seen by no one before this
  measurement. Nothing is chosen on either;
- every question of the evaluation sets (seed, senate, squad, tasks, seedtasks, intents, subjects),
  each a request: none should be taken for small talk, as such a question would be answered with what
  the assistant does instead of from the releases.

Prints, per writer, the share of small talk caught and of requests taken for it, the messages it gets
wrong, and the evaluation-set questions taken for small talk."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from pathlib import Path

from assistant.answer.smalltalk import SmalltalkModel
from assistant.answer.subject_train import embedder

DATASETS = Path(__file__).with_name("datasets")
DATA = DATASETS / "smalltalk.jsonl"
EVALUATION_SETS = ("seed", "senate", "squad", "tasks", "seedtasks", "intents", "subjects")


@dataclass(frozen=True)
class SmalltalkMeasure:
    caught: dict[str, float]  # per writer: the share of its small talk taken for small talk
    requests_taken: dict[str, float]  # per writer: the share of its requests taken for small talk
    evaluation_questions: int
    evaluation_taken: list[str]  # the evaluation sets' questions taken for small talk
    wrong: list[tuple[str, str, bool, float, str]]  # (writer, kind, labelled small talk, probability, text)

    @property
    def evaluation_share(self) -> float:
        return len(self.evaluation_taken) / max(self.evaluation_questions, 1)


def load_messages(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluation_questions() -> list[str]:
    """Every question of the evaluation sets, once."""
    out: dict[str, None] = {}
    for name in EVALUATION_SETS:
        for line in (DATASETS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                question = json.loads(line).get("question")
                if question:
                    out[question] = None
    return list(out)


def measure() -> SmalltalkMeasure:
    model, embeddings = SmalltalkModel.load(), embedder()
    if model is None or not model.reads(embeddings.model_name, len(embeddings.embed_query("x"))):
        raise SystemExit("no small-talk model for the default embedding model: run python -m assistant.answer.smalltalk_train")
    messages = load_messages()
    probabilities = [model.model.probability(v) for v in embeddings.embed_documents([m["text"] for m in messages])]
    bar = model.bar
    caught: dict[str, float] = {}
    taken: dict[str, float] = {}
    wrong = []
    for writer in sorted({m["writer"] for m in messages}):
        mine = [(m, p) for m, p in zip(messages, probabilities) if m["writer"] == writer]
        talk = [p >= bar for m, p in mine if m["smalltalk"]]
        requests = [p >= bar for m, p in mine if not m["smalltalk"]]
        caught[writer] = round(sum(talk) / len(talk), 4)
        taken[writer] = round(sum(requests) / len(requests), 4)
        wrong += [(writer, m["kind"], m["smalltalk"], round(p, 3), m["text"]) for m, p in mine if (p >= bar) != m["smalltalk"]]
    questions = evaluation_questions()
    vectors = embeddings.embed_documents(questions)
    flagged = [q for q, v in zip(questions, vectors) if model.says(v)]
    return SmalltalkMeasure(caught, taken, len(questions), flagged, wrong)


def main(argv: list[str] | None = None) -> None:
    argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter).parse_args(argv)
    result = measure()
    for writer in result.caught:
        print(f"writer {writer}: small talk caught {result.caught[writer]:.3f}, requests taken for small talk "
              f"{result.requests_taken[writer]:.3f}")
    for writer, kind, talk, p, text in result.wrong:
        print(f"  wrong ({writer}, {kind}, {'small talk' if talk else 'request'}, p {p}): {text}")
    print(f"evaluation-set questions taken for small talk: {len(result.evaluation_taken)} of "
          f"{result.evaluation_questions} ({result.evaluation_share:.4f})")
    for question in result.evaluation_taken:
        print(f"  {question}")


if __name__ == "__main__":
    main()
