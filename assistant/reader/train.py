"""Trains the reader: `python -m assistant.reader.train --data ../shared/data/qa --out build/reader`.

A sentence-transformers CrossEncoder initialised from the packaged all-MiniLM-L6-v2 weights learns,
from SQuAD 2.0 question/sentence pairs (squad.py), the probability that a sentence answers a
question. Fixed seed; a progress bar; the loss and dev metrics (on the tune articles, never the
test ones) are logged to `<out>/training_log.jsonl`. The trained model is then exported to ONNX
and int8-quantised (export.py) next to the log. Needs torch (a training-time dependency only)."""

from __future__ import annotations

import argparse
import json
import logging
import os
import random
import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.embedding.torch_model import resolve_model_path
from assistant.settings import DEFAULT_EMBEDDING_MODEL
from assistant.reader import squad
from assistant.reader.inputs import MAX_LENGTH, ReaderInput
from assistant.reader.span_head import answer_tokens, sentence_tokens

log = logging.getLogger("assistant.reader.train")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with the SQuAD 2.0 parts")
    parser.add_argument("--out", type=Path, required=True, help="where the trained model, log and ONNX go")
    parser.add_argument("--base", default=DEFAULT_EMBEDDING_MODEL, help="model to start from (a local folder or package)")
    parser.add_argument("--init", type=Path, help="continue from a reader trained before (its torch/ folder)")
    parser.add_argument("--epochs", type=float, default=1.0)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--swapped", action="store_true",
                        help="add a negative per answerable question: its answer sentence against the question "
                             "with a name or number swapped (squad.swap_name)")
    parser.add_argument("--plausible", action="store_true",
                        help="an unanswerable question's plausible-answer sentence is always among its negatives")
    parser.add_argument("--span-weight", type=float, default=0.0,
                        help="weight of a second loss: where the answer starts and ends in the sentence, or "
                             "no answer ([CLS]) for a negative, as SQuAD 2.0 readers learn it (0: none)")
    parser.add_argument("--max-pairs", type=int, default=0, help="use at most this many training pairs (0: all)")
    parser.add_argument("--dev-questions", type=int, default=200)
    parser.add_argument("--evals", type=int, default=3, help="dev evaluations during training")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=os.cpu_count() or 1)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train(args)


def start_run(args: argparse.Namespace):
    """Seeds every generator, sets the threads, makes the output folder and returns `record(**row)`,
    which appends one JSON line to `<out>/training_log.jsonl` (flushed, so a stopped run keeps its log)."""
    import torch

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(args.threads)
    args.out.mkdir(parents=True, exist_ok=True)
    log_file = (args.out / "training_log.jsonl").open("w", encoding="utf-8")

    def record(**row) -> None:
        log_file.write(json.dumps(row) + "\n")
        log_file.flush()

    return record


def optimise(loss, model, optimizer, schedule, running: list[float]) -> None:
    """One optimiser step with gradients clipped at norm 1; the loss is kept in `running`."""
    import torch

    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    optimizer.step()
    schedule.step()
    optimizer.zero_grad()
    running.append(loss.item())


def log_loss(recent: list[float], step: int, bar, record, schedule, started: float) -> None:
    """The mean of the recent losses on the progress bar and in the training log."""
    mean_loss = float(np.mean(recent))
    bar.set_postfix(loss=f"{mean_loss:.3f}")
    record(step=step, loss=round(mean_loss, 4), lr=schedule.get_last_lr()[0], seconds=round(time.time() - started))


def quantization_aware(net) -> None:
    """Makes every Linear layer of `net` compute with int8-rounded weights (symmetric, one scale per output
    row, as `quantize_int8` stores them), the rounding's gradient passed straight through; freezes the
    embedding tables."""
    import types

    import torch

    def forward(self, x):
        w = self.weight
        scale = w.detach().abs().amax(dim=1, keepdim=True).clamp_min(1e-12) / 127.0
        rounded = torch.clamp(torch.round(w / scale), -127, 127) * scale
        return torch.nn.functional.linear(x, w + (rounded - w).detach(), self.bias)

    for module in net.modules():
        if isinstance(module, torch.nn.Linear):
            module.forward = types.MethodType(forward, module)
        elif isinstance(module, torch.nn.Embedding):
            module.weight.requires_grad_(False)


@dataclass
class Run:
    """A single-logit CrossEncoder and what trains it: AdamW (weight decay 0.01), 10% linear warm-up then
    linear decay, binary cross-entropy. Shared by the sentence reader and the list reader.

    With a `span` head (training only; not saved), a second loss teaches the encoder where the answer
    lies: start and end over the sentence's tokens for a positive, [CLS] ("no answer") for a negative,
    weighted `span_weight` against the sentence score's loss. `answers` are the positives' answer texts
    by question id."""

    model: object
    net: object
    optimizer: object
    schedule: object
    loss_fn: object
    trained: object  # every module the optimiser steps (and clips): the net, and the span head if any
    span: object = None
    span_weight: float = 0.0
    answers: dict | None = None

    @classmethod
    def start(cls, model_path: str, lr: float, steps: int, span_weight: float = 0.0,
              answers: dict | None = None) -> "Run":
        import torch
        from sentence_transformers import CrossEncoder
        from transformers import get_linear_schedule_with_warmup

        model = CrossEncoder(model_path, num_labels=1, max_length=MAX_LENGTH, device="cpu", local_files_only=True)
        span = torch.nn.Linear(model.model.config.hidden_size, 2) if span_weight else None
        trained = torch.nn.ModuleList([model.model] + ([span] if span is not None else []))
        optimizer = torch.optim.AdamW(trained.parameters(), lr=lr, weight_decay=0.01)
        schedule = get_linear_schedule_with_warmup(optimizer, int(0.1 * steps), steps)
        return cls(model, model.model, optimizer, schedule, torch.nn.BCEWithLogitsLoss(), trained, span,
                   span_weight, answers or {})

    def features(self, inputs: list[ReaderInput]):
        return self.model.tokenizer([i.pair()[0] for i in inputs], [i.pair()[1] for i in inputs], padding=True,
                                    truncation=True, max_length=MAX_LENGTH, return_tensors="pt")

    def logits(self, inputs: list[ReaderInput]):
        """The raw scores of (question, candidate) pairs, as torch tensors (gradients kept)."""
        return self.net(**self.features(inputs)).logits.view(-1)

    def span_loss(self, hidden, features, batch: list):
        """Cross-entropy of the answer's first and last token among [CLS] and the sentence's own tokens
        (`span_targets`); a batch with no target left costs nothing."""
        import torch

        logits = self.span(hidden)
        starts, ends, allowed = span_targets(features, batch, self.answers)
        if all(t == -100 for t in starts):
            return logits.sum() * 0.0
        logits = logits.masked_fill(~torch.tensor(allowed)[..., None], -1e4)
        ce = torch.nn.functional.cross_entropy
        return (ce(logits[..., 0], torch.tensor(starts), ignore_index=-100)
                + ce(logits[..., 1], torch.tensor(ends), ignore_index=-100)) / 2

    def scores(self, inputs: list[ReaderInput]) -> np.ndarray:
        """Raw scores without gradients, in the eval mode (no dropout); the net goes back to training."""
        import torch

        self.net.eval()
        with torch.no_grad():
            out = np.concatenate([self.logits(inputs[i : i + 32]).numpy() for i in range(0, len(inputs), 32)]) \
                if inputs else np.zeros(0, dtype=np.float32)
        self.net.train()
        return out

    def step(self, batch: list, running: list[float]) -> None:
        """One optimiser step on pairs with `.input`, `.label` (and `.question_id` for the span loss)."""
        import torch

        labels = torch.tensor([p.label for p in batch], dtype=torch.float32)
        if self.span is None:
            loss = self.loss_fn(self.logits([p.input for p in batch]), labels)
            optimise(loss, self.trained, self.optimizer, self.schedule, running)
            return
        features = self.features([p.input for p in batch])
        out = self.net(**features, output_hidden_states=True)
        loss = self.loss_fn(out.logits.view(-1), labels) \
            + self.span_weight * self.span_loss(out.hidden_states[-1], features, batch)
        optimise(loss, self.trained, self.optimizer, self.schedule, running)

    def fit(self, order: list, batch_size: int, record, evaluate, eval_at: set[int], desc: str) -> dict:
        """Steps through `order` (pairs with .input and .label) in batches with a progress bar, the mean
        loss logged every 50 steps and `evaluate(step)` at the steps in `eval_at`; the last metrics."""
        from tqdm import tqdm

        steps = len(order) // batch_size
        started, running, final = time.time(), [], {}
        bar = tqdm(range(steps), desc=desc, unit="step")
        for step in bar:
            batch = order[step * batch_size : (step + 1) * batch_size]
            self.step(batch, running)
            if (step + 1) % 50 == 0:
                log_loss(running[-50:], step + 1, bar, record, self.schedule, started)
            if step + 1 in eval_at:
                final = evaluate(step + 1)
        return final

    def export(self, out: Path) -> Path:
        """The torch weights in `out`/torch, the int8 ONNX model beside them."""
        from assistant.reader.export import export_int8

        torch_dir = out / "torch"
        if torch_dir.exists():
            shutil.rmtree(torch_dir)
        self.model.save(str(torch_dir))
        return export_int8(torch_dir, out)


def train(args: argparse.Namespace) -> None:
    record = start_run(args)

    items = squad.questions(args.data, "train")
    pairs = squad.training_pairs(items, swapped=args.swapped, plausible=args.plausible, seed=args.seed)
    if args.max_pairs:
        pairs = pairs[: args.max_pairs]
    dev = squad.questions(args.data, "tune")
    random.Random(args.seed).shuffle(dev)
    dev = dev[: args.dev_questions]
    log.info("%d training pairs (%d positive); %d dev questions", len(pairs), sum(p.label for p in pairs), len(dev))

    start = str(args.init) if args.init else str(resolve_model_path(args.base))
    steps = int(len(pairs) * args.epochs / args.batch_size)
    run = Run.start(start, args.lr, steps, args.span_weight, {q.id: q.answers for q in items})

    def evaluate(step: int) -> dict:
        metrics = dev_metrics(dev, run.scores)
        record(step=step, **metrics)
        log.info("step %d dev %s", step, metrics)
        return metrics

    record(config={k: str(v) for k, v in vars(args).items()}, pairs=len(pairs), steps=steps)
    started = time.time()
    final = evaluate(0)
    eval_at = {int(steps * (i + 1) / args.evals) for i in range(args.evals)}
    order = epoch_order(pairs, steps * args.batch_size, random.Random(args.seed))
    final = run.fit(order, args.batch_size, record, evaluate, eval_at, "training reader") or final
    onnx_path = run.export(args.out)
    record(done=True, seconds=round(time.time() - started), onnx=str(onnx_path), dev=final)
    (args.out / "training_metrics.json").write_text(json.dumps(
        {"pairs": len(pairs), "steps": steps, "seconds": round(time.time() - started), "dev": final,
         "config": {k: str(v) for k, v in vars(args).items()}}, indent=2))
    log.info("done in %.0f s: %s", time.time() - started, onnx_path)


def span_targets(features, batch: list, answers: dict) -> tuple[list[int], list[int], list[list[bool]]]:
    """Per pair of a tokenised batch: the first and last token of its answer inside the sentence (a
    positive), 0 = [CLS] (a negative: no answer here), or -100 (a positive whose answer text was
    truncated away: no target); and which tokens may be chosen: [CLS] and the sentence's own tokens
    (not the question, title or neighbours), so the head learns where in the quoted sentence the
    answer is."""
    starts, ends, allowed = [], [], []
    for r, pair in enumerate(batch):
        encoding = features.encodings[r]
        tokens = set(sentence_tokens(encoding, len(pair.input.sentence)))
        allowed.append([k == 0 or k in tokens for k in range(len(encoding.ids))])
        target = (0, 0)
        if pair.label >= 0.5:
            target = answer_tokens(encoding, pair.input.sentence, answers.get(pair.question_id, ())) or (-100, -100)
        starts.append(target[0])
        ends.append(target[1])
    return starts, ends, allowed


def epoch_order(items: list, count: int, rng: random.Random, shuffle_first: bool = False) -> list:
    """`count` items, epoch after epoch, each epoch reshuffled by `rng` (the first too with
    `shuffle_first`, else in the order given), so a multi-epoch run does not see the same batches again."""
    order: list = []
    while len(order) < count:
        order.extend(rng.sample(items, len(items)) if order or shuffle_first else items)
    return order[:count]


def dev_metrics(dev: list[squad.Question], score) -> dict:
    """top1: the best-scored sentence of the paragraph holds the answer (answerable questions);
    auc: how well the best score separates answerable from unanswerable questions;
    pair_auc: how well scores separate answer sentences from the rest."""
    top1, best_answerable, best_unanswerable, pair_scores, pair_labels = [], [], [], [], []
    for question, inputs in squad.candidate_sets(dev):
        scores = []
        for start in range(0, len(inputs), 32):
            scores.extend(score(inputs[start : start + 32]))
        scores = np.asarray(scores)
        best = int(np.argmax(scores))
        if question.answerable:
            top1.append(best in question.answer_sentences)
            best_answerable.append(scores[best])
        else:
            best_unanswerable.append(scores[best])
        pair_scores.extend(scores)
        pair_labels.extend(i in question.answer_sentences for i in range(len(scores)))
    return {"top1": round(float(np.mean(top1)), 4),
            "auc": round(auc(best_answerable, best_unanswerable), 4),
            "pair_auc": round(auc([s for s, y in zip(pair_scores, pair_labels) if y],
                                  [s for s, y in zip(pair_scores, pair_labels) if not y]), 4)}


def auc(positive, negative) -> float:
    """ROC AUC as the probability that a positive outscores a negative (ties count half)."""
    if not len(positive) or not len(negative):
        return float("nan")
    pos, neg = np.asarray(positive)[:, None], np.asarray(negative)[None, :]
    return float(((pos > neg).sum() + 0.5 * (pos == neg).sum()) / (pos.size * neg.size))


if __name__ == "__main__":
    main()
