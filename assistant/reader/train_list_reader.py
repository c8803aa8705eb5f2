"""Trains the list reader: `python -m assistant.reader.train_list_reader --questions Q --releases R --init DIR --out DIR`.

The sentence reader (train.py) learned from SQuAD's single answers; asked "Which fire departments
received grants?" it scores the sentences naming one department about as high as those about grants
in general (ROC AUC 0.58 on the tasks dev split's list questions). This script fine-tunes a reader
checkpoint on list questions over press releases:

- data: list questions written for training (`--questions`, JSONL: question, release_ids, items, each
  item one or more verbatim strings), over releases of the shared Senate collection that the
  evaluation sets never use (`--releases`, the collection's gzipped JSONL);
- candidates as the assistant serves them: the question's releases and `--background` other releases
  are indexed with the assistant's own ingest, and each question's candidates are the sentences
  `ExtractiveAnswerer.candidates` picks from its 30 best passages, shown to the model as the reader
  sees them (title without the release date, neighbours; inputs.py);
- label: the sentence names one of the question's items (the measure the tasks evaluation uses);
- the last `--dev` questions are held out: the log records their per-question ROC AUC of the list
  reader's score against the starting checkpoint's.

Fixed seed, progress bar, loss and dev metrics in DIR/training_log.jsonl, int8 ONNX in DIR. Needs torch."""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.reader.inputs import ReaderInput
from assistant.reader.train import Run, auc, epoch_order, quantization_aware, start_run

log = logging.getLogger("assistant.reader.train_list_reader")
PASSAGES = 30  # as the assistant's lists read them (tasks.json list_passages)
CANDIDATES = 60


@dataclass(frozen=True)
class Pair:
    question_id: str
    input: ReaderInput
    label: float


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, required=True, help="list questions (JSONL, optionally .gz)")
    parser.add_argument("--releases", type=Path, required=True, help="the Senate collection (JSONL.gz)")
    parser.add_argument("--init", type=Path, required=True, help="a trained reader's torch/ folder to start from")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--exclude", type=Path,
                        help="releases (JSONL.gz) no question may use nor the background hold: the evaluation's")
    parser.add_argument("--background", type=int, default=400, help="other releases indexed beside the questions'")
    parser.add_argument("--dev", type=int, default=20, help="questions held out for the log's metrics")
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=2e-5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--float", action="store_true",
                        help="train in float (a start recovered from int8 weights needs quantization-aware training)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train(args)


def load_questions(path: Path, excluded: set[str]) -> list[dict]:
    from evals.senate import read_jsonl

    rows = read_jsonl(path)
    kept = [r for r in rows if not excluded.intersection(r["release_ids"])]
    log.info("%d list questions (%d dropped: they use a release the evaluation uses)", len(kept), len(rows) - len(kept))
    return kept


def indexed_releases(questions: list[dict], releases: Path, background: int, seed: int,
                     avoid: frozenset[str] = frozenset()) -> list[dict]:
    """The questions' releases and `background` others drawn with `seed` (the same for every question),
    none of them in `avoid` (the evaluation's releases, a held-out writer's): what a temporary index of
    training questions holds."""
    from evals.senate import rows

    wanted = {rid for q in questions for rid in q["release_ids"]}
    every = list(rows(releases))
    others = [r for r in every if r["id"] not in wanted and r["id"] not in avoid]
    return [r for r in every if r["id"] in wanted] + random.Random(seed).sample(others, min(background, len(others)))


def candidate_pairs(questions: list[dict], releases: Path, background: int, seed: int,
                    avoid: frozenset[str] = frozenset()) -> list[Pair]:
    """Each question's serving-time candidates, labelled; from a temporary index of its releases and
    `background` others (the same ones for every question), none of them in `avoid`."""
    from assistant.retrieval.filters import SearchFilter
    from assistant.text import content_terms
    from evals.senate import temporary_assistant
    from evals.tasks import contains_any  # the label is the tasks evaluation's own test of a list item

    with temporary_assistant(indexed_releases(questions, releases, background, seed, avoid)) as assistant:
        store = assistant.search.store
        pairs = []
        for q in questions:
            passages = assistant.search.search(q["question"], PASSAGES, SearchFilter())
            idf = store.idf(content_terms(q["question"]))
            for s in assistant.extractive.candidates(q["question"], list(passages), idf)[:CANDIDATES]:
                names_an_item = any(contains_any(s.text, variants) for variants in q["items"])
                pairs.append(Pair(q["id"], s.reader_input(q["question"], dated=False), float(names_an_item)))
    return pairs


def question_auc(pairs: list[Pair], scores: np.ndarray) -> float:
    """Mean over questions of the ROC AUC of item sentences against the rest (lists rank within one question)."""
    by_question: dict[str, tuple[list, list]] = {}
    for pair, score in zip(pairs, scores):
        by_question.setdefault(pair.question_id, ([], []))[0 if pair.label else 1].append(score)
    values = [auc(pos, neg) for pos, neg in by_question.values() if pos and neg]
    return round(float(np.mean(values)), 4) if values else float("nan")


def train(args: argparse.Namespace) -> None:
    from evals.senate import rows

    excluded = {r["id"] for r in rows(args.exclude)} if args.exclude else set()
    questions = load_questions(args.questions, excluded)
    random.Random(args.seed).shuffle(questions)
    dev_ids = {q["id"] for q in questions[-args.dev:]} if args.dev else set()
    # the evaluation's releases are not background either (the list model card's known defect)
    pairs = candidate_pairs(questions, args.releases, args.background, args.seed, frozenset(excluded))
    record = start_run(args)
    train_pairs = [p for p in pairs if p.question_id not in dev_ids]
    dev_pairs = [p for p in pairs if p.question_id in dev_ids]
    log.info("%d training pairs (%d name an item); %d dev pairs over %d questions", len(train_pairs),
             sum(p.label for p in train_pairs), len(dev_pairs), len(dev_ids))

    steps = int(len(train_pairs) * args.epochs / args.batch_size)
    run = Run.start(str(args.init), args.lr, steps)
    if not args.float:  # float steps from an int8 start round back to it at export (train.quantization_aware)
        quantization_aware(run.net)

    def evaluate(step: int) -> dict:
        scores = run.scores([p.input for p in dev_pairs])
        labels = np.array([p.label for p in dev_pairs], dtype=bool)
        metrics = {"dev_question_auc": question_auc(dev_pairs, scores),
                   "dev_pair_auc": round(auc(scores[labels], scores[~labels]), 4) if dev_pairs else None}
        record(step=step, **metrics)
        log.info("step %d dev %s", step, metrics)
        return metrics

    record(config={k: str(v) for k, v in vars(args).items()}, pairs=len(train_pairs), steps=steps)
    started = time.time()
    evaluate(0)
    order = epoch_order(train_pairs, steps * args.batch_size, random.Random(args.seed), shuffle_first=True)
    final = run.fit(order, args.batch_size, record, evaluate, {steps // 2, steps}, "training list reader")
    onnx_path = run.export(args.out)
    (args.out / "training_metrics.json").write_text(json.dumps(
        {"questions": len(questions), "dev_questions": len(dev_ids), "pairs": len(train_pairs), "steps": steps,
         "seconds": round(time.time() - started), "dev": final,
         "config": {k: str(v) for k, v in vars(args).items()}}, indent=2))
    log.info("done in %.0f s: %s", time.time() - started, onnx_path)


if __name__ == "__main__":
    main()
