"""Fine-tunes the sentence reader on press-release questions: `python -m assistant.reader.train_release_qa
--questions Q --releases R --init DIR --data QA --out DIR`.

The sentence reader (train.py) learned what an answer looks like from SQuAD's Wikipedia paragraphs; on
press releases it separates questions the text answers from near misses it does not answer only
weakly, so its refusal threshold, held to a 5% false-refusal budget, refuses few of them. This script
continues training a reader checkpoint (`--init`: the shipped reader, recovered from its int8 file by
`assistant.reader.dequantize`) on:

- one-fact questions written for training over releases of the shared Senate collection that the
  evaluation sets never use (`--questions`, JSONL: question, release_ids, answerable, and for an
  answerable one the verbatim evidence and answer); half of them are near misses the release does not
  answer, written beside the answerable ones about the same release;
- their candidates as the assistant serves them: the questions' releases and `--background` others are
  indexed by the assistant's own ingest, and each question's candidates are the first `CANDIDATES`
  sentences `ExtractiveAnswerer.candidates` picks from its 6 best passages, as the reader sees them
  (title, neighbours; inputs.py; with `--dated`, the release date after the title, as served). A candidate is positive when it holds the answer and most of the
  evidence's words; every candidate of an unanswerable question is negative;
- `--squad-pairs` pairs of the SQuAD training articles (train.py's), mixed in so the reader keeps what
  it learned there;
- with `--negated all`, each answer sentence also against its question negated ("When was the grant
  awarded?" -> "When wasn't the grant awarded?"; `squad.negate`), labelled "does not answer" unless
  the sentence negates something itself, in the SQuAD pool and for the release questions alike
  (`--negated squad`: in the SQuAD pool only).

The checkpoint it starts from holds int8 weights exactly (dequantized), and a fine-tuning step moves a
weight far less than one int8 step: quantised again, the trained model gave back the shipped one's
scores (held-out writer: top-1 0.817 in float, 0.710 in int8, 0.710 before training). So the training
is quantization-aware (`--float` turns it off): every Linear layer computes with its weights rounded as
the int8 export rounds them (symmetric, per output row), with the rounding's gradient passed straight
through to the float weights, which keep moving until they cross a rounding step; the embedding tables
(quantised per tensor, coarser still) are frozen.

The questions of `--dev-writer` are held out: the log records their top-1 (the best-scored candidate
answers) and the ROC AUC of the best score between answerable and unanswerable questions, against the
starting checkpoint's. Fixed seed, progress bar, loss and dev metrics in DIR/training_log.jsonl, int8
ONNX in DIR. Needs torch."""

from __future__ import annotations

import argparse
import json
import logging
import random
import re
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

from assistant.reader.train import Run, auc, epoch_order, quantization_aware, start_run
from assistant.reader.train_list_reader import Pair

log = logging.getLogger("assistant.reader.train_release_qa")
PASSAGES = 6  # as a one-fact question reads them (ASSISTANT_TOP_K)
CANDIDATES = 8


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, required=True, help="one-fact questions (JSONL, optionally .gz)")
    parser.add_argument("--releases", type=Path, required=True, help="the Senate collection (JSONL.gz)")
    parser.add_argument("--init", type=Path, required=True, help="a trained reader's torch folder to start from")
    parser.add_argument("--data", type=Path, help="folder with the SQuAD 2.0 parts (replayed pairs; needed unless "
                        "--squad-pairs is 0)")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--exclude", type=Path, help="releases (JSONL.gz) no question may use: the evaluation's")
    parser.add_argument("--background", type=int, default=400, help="other releases indexed beside the questions'")
    parser.add_argument("--dev-writer", default="", help="this writer's questions are held out for the log's metrics")
    parser.add_argument("--squad-pairs", type=int, default=4000)
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=4e-5, help="4e-5: large enough for int8 rounding steps to be crossed")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--float", action="store_true", help="train without simulating the int8 weights")
    parser.add_argument("--negated", choices=("none", "squad", "all"), default="none",
                        help="answer sentences against their questions negated, as negatives (squad.negate): "
                        "of the SQuAD pool, or of it and the release questions")
    parser.add_argument("--context-dropout", type=float, default=0.0,
                        help="share of training pairs read without their neighbouring sentences (title kept), so "
                             "that the sentence itself decides more: a neighbour about something else can pull an "
                             "answer sentence under the threshold")
    parser.add_argument("--dated", action="store_true", help="candidates with their release date after the title, "
                        "as serving reads them since 2026-12-03 (the shipped weights were trained without it)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train(args)


def holds_answer(text: str, question: dict) -> bool:
    """The candidate states the question's answer where the evidence says it: the answer, as whole words
    ("$4" is not in "$40,000"), and at least half of the evidence's content words are in it (sentences
    are split anew at ingest, so a whole evidence string may span two)."""
    from assistant.text import content_terms
    from evals.scoring import normalise

    answer = normalise(question["answer"]) if question["answerable"] else ""
    if not answer or not re.search(rf"(?<!\w){re.escape(answer)}(?!\w)", normalise(text)):
        return False
    evidence = set(content_terms(question["evidence"]))
    return not evidence or len(evidence & set(content_terms(text))) >= 0.5 * len(evidence)


def candidate_pairs(questions: list[dict], releases: Path, background: int, seed: int,
                    avoid: frozenset[str] = frozenset(), dated: bool = False) -> list[Pair]:
    """Each question's serving-time candidates, labelled (`holds_answer`); from a temporary index of the
    questions' releases and `background` others, none of them in `avoid`. `dated`: with the release
    date after the title, as serving reads them (the shipped weights were trained without it)."""
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.reader.train_list_reader import indexed_releases
    from assistant.retrieval.filters import SearchFilter
    from assistant.text import content_terms
    from evals.senate import temporary_assistant

    with temporary_assistant(indexed_releases(questions, releases, background, seed, avoid)) as assistant:
        store = assistant.search.store
        pairs = []
        for q in questions:
            passages = assistant.search.search(q["question"], PASSAGES, SearchFilter())
            idf = store.idf(content_terms(q["question"]))
            for s in ExtractiveAnswerer.candidates(q["question"], list(passages), idf)[:CANDIDATES]:
                pairs.append(Pair(q["id"], s.reader_input(q["question"], dated=dated), float(holds_answer(s.text, q))))
    return pairs


def negated_pairs(pairs: list[Pair]) -> list[Pair]:
    """Each positive's sentence against its question negated (`squad.negate`), as a negative, when the
    sentence negates nothing itself."""
    from dataclasses import replace

    from assistant.reader.squad import negated_question

    out = []
    for pair in pairs:
        opposite = negated_question(pair.input.question, pair.input.sentence) if pair.label else None
        if opposite:
            out.append(Pair(pair.question_id, replace(pair.input, question=opposite), 0.0))
    return out


def without_context(pairs: list[Pair], share: float, rng: random.Random) -> list[Pair]:
    """`pairs` with a `share` of them, drawn by `rng`, read without their neighbouring sentences."""
    if share <= 0:
        return pairs
    return [replace(p, input=replace(p.input, previous="", following="")) if rng.random() < share else p
            for p in pairs]


def dev_metrics(pairs: list[Pair], scores: np.ndarray, answerable: dict[str, bool]) -> dict:
    """Top-1 over the answerable questions whose candidates hold the answer, and the ROC AUC of each
    question's best score between answerable and unanswerable questions (what the refusal rests on)."""
    best: dict[str, float] = {}
    top: dict[str, tuple[float, float]] = {}
    for pair, score in zip(pairs, scores):
        best[pair.question_id] = max(best.get(pair.question_id, -1e9), float(score))
        if pair.question_id not in top or score > top[pair.question_id][0]:
            top[pair.question_id] = (float(score), pair.label)
    found = {p.question_id for p in pairs if p.label}
    yes = [best[q] for q in best if answerable[q]]
    no = [best[q] for q in best if not answerable[q]]
    return {"top1": round(float(np.mean([top[q][1] for q in found])), 4) if found else None,
            "answerable_auc": round(auc(yes, no), 4) if yes and no else None}


def train(args: argparse.Namespace) -> None:
    from assistant.reader import squad
    from evals.senate import read_jsonl, rows

    record = start_run(args)
    excluded = frozenset(r["id"] for r in rows(args.exclude)) if args.exclude else frozenset()
    questions = [q for q in read_jsonl(args.questions) if not excluded.intersection(q["release_ids"])]
    answerable = {q["id"]: bool(q["answerable"]) for q in questions}
    dev = [q for q in questions if q.get("writer") == args.dev_writer]
    dev_ids = {q["id"] for q in dev}
    # two indexes: the training questions' never hold the held-out writer's releases or the evaluation's
    held_out = frozenset(rid for q in dev for rid in q["release_ids"])
    pairs = candidate_pairs([q for q in questions if q["id"] not in dev_ids], args.releases, args.background,
                            args.seed, excluded | held_out, args.dated)
    found = {p.question_id for p in pairs if p.label}
    # an answerable question none of whose candidates holds its answer teaches no negative worth learning
    pairs = [p for p in pairs if not answerable[p.question_id] or p.question_id in found]
    if dev:
        pairs += candidate_pairs(dev, args.releases, args.background, args.seed, excluded, args.dated)
    replay = squad.training_pairs(squad.questions(args.data, "train"), negated=args.negated != "none",
                                  seed=args.seed) if args.squad_pairs else []
    replay = random.Random(args.seed).sample(replay, min(args.squad_pairs, len(replay)))
    release_pairs = [p for p in pairs if p.question_id not in dev_ids]
    if args.negated == "all":
        release_pairs += negated_pairs(release_pairs)
    train_pairs = without_context(release_pairs + replay, args.context_dropout, random.Random(args.seed + 1))
    dev_pairs = [p for p in pairs if p.question_id in dev_ids]
    log.info("%d release pairs (%d positive) over %d questions, %d SQuAD pairs; %d dev pairs over %d questions",
             len(release_pairs), sum(p.label for p in release_pairs), len(questions) - len(dev_ids), len(replay),
             len(dev_pairs), len(dev_ids))

    steps = int(len(train_pairs) * args.epochs / args.batch_size)
    run = Run.start(str(args.init), args.lr, steps)
    if not args.float:
        quantization_aware(run.net)

    def evaluate(step: int) -> dict:
        metrics = dev_metrics(dev_pairs, run.scores([p.input for p in dev_pairs]), answerable) if dev_pairs else {}
        record(step=step, **metrics)
        log.info("step %d dev %s", step, metrics)
        return metrics

    record(config={k: str(v) for k, v in vars(args).items()}, pairs=len(train_pairs), steps=steps)
    started = time.time()
    evaluate(0)
    order = epoch_order(train_pairs, steps * args.batch_size, random.Random(args.seed), shuffle_first=True)
    final = run.fit(order, args.batch_size, record, evaluate, {steps // 2, steps}, "training reader on releases")
    onnx_path = run.export(args.out)
    (args.out / "training_metrics.json").write_text(json.dumps(
        {"questions": len(questions), "dev_questions": len(dev_ids), "release_pairs": len(release_pairs),
         "positive_pairs": int(sum(p.label for p in release_pairs)),
         "squad_pairs": len(replay), "steps": steps, "seconds": round(time.time() - started), "dev": final,
         "config": {k: str(v) for k, v in vars(args).items()}}, indent=2))
    log.info("done in %.0f s: %s", time.time() - started, onnx_path)


if __name__ == "__main__":
    main()
