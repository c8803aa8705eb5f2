"""Trains the end-to-end span reader: `python -m assistant.reader.train_span_reader --data ../shared/data/qa --out DIR`.

`transformers.AutoModelForQuestionAnswering` from the packaged all-MiniLM-L6-v2 weights (a fresh
start/end layer on the encoder), fine-tuned end to end on answerable SQuAD questions of the TRAIN
articles only (squad.py; the test articles are never read). Input: the question and the gold
sentence; with `--context-rate p`, a share p of batches also carry the reader's context (title,
neighbours) after the sentence, so the dev log can compare reading with and without it. Target: the
first and last word piece of the gold answer inside the sentence (fast tokenizer offsets). Fixed
seed, progress bar, loss and dev metrics (tune articles, gold sentence) to DIR/training_log.jsonl;
then int8 ONNX with `start_logits`/`end_logits` and tokenizer.json in DIR. Needs torch (training only).

Measured (2026-12-01; the defaults: 2,000 examples, 2 epochs = 250 steps, lr 1e-4, batch 16, 30% of
batches with context, seed 13; 10.4 min on 2 cores beside a test run; int8 ONNX 23 MB). Dev = the 301
answerable questions of the tune articles. Training log (torch): exact match 0.409, token F1 0.551,
overlap 0.701 on the gold sentence read alone (with context 0.399 / 0.534 / 0.668). Int8 ONNX, in
`python -m evals.measure_short_answer --data ../shared/data/qa --span-reader build/span_reader
[--sentence reader]`, same run as occlusion and the span head (EM / F1 / overlap):

| sentence | occlusion | span head | span reader | span reader + context |
|---|---|---|---|---|
| gold | 0.093 / 0.229 / 0.392 | 0.299 / 0.448 / 0.611 | 0.379 / 0.507 / 0.654 | 0.389 / 0.513 / 0.645 |
| reader's choice | 0.083 / 0.189 / 0.352 | 0.266 / 0.396 / 0.555 | 0.342 / 0.444 / 0.578 | 0.349 / 0.449 / 0.578 |

Spans without a number, overlap precision at coverage (share of all 301): gold sentence 0.74 at 33%
(threshold 0.4), 0.73 at 28% (0.45), 0.80 first at 0.6 (13%); reader's sentence 0.62 at 32% (0.4),
0.62 at 27% (0.45), 0.80 first at 0.8 (7 shown, 2%); with context no better. Spans with a number:
0.80 at 10% (0.4) on the reader's sentence, below what ships (occlusion, else the head: 0.857 at
12%). So it misses the bar for names and titles (0.8 at >= 25% on the reader's sentence) and is not
wired in. Cost: p50 26-29 ms per sentence read alone (38-42 ms with context), one call.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import time
from pathlib import Path

from assistant.embedding.torch_model import resolve_model_path
from assistant.reader.inputs import MAX_LENGTH, ReaderInput
from assistant.reader.span_head import answer_tokens, sentence_tokens
from assistant.reader.span_reader import SPAN_FILE, best_span, candidate
from assistant.reader.squad import Question, questions, reader_input
from assistant.reader.train import epoch_order, log_loss, optimise, start_run
from assistant.settings import DEFAULT_EMBEDDING_MODEL

log = logging.getLogger("assistant.reader.train_span_reader")


def encode(tokenizer, inputs: list[ReaderInput], context: list[bool]):
    pairs = [candidate(x, c) for x, c in zip(inputs, context)]
    return tokenizer([p[0] for p in pairs], [p[1] for p in pairs], padding=True, truncation="only_second",
                     max_length=MAX_LENGTH, return_tensors="pt")


def dev_metrics(model, tokenizer, dev: list[Question], context: bool, torch) -> dict:
    """Exact match, token F1 and overlap (F1 > 0) of the best span on the gold sentences."""
    from evals.measure_short_answer import best_f1, exact

    model.eval()
    em = f1 = overlap = 0.0
    with torch.no_grad():
        for first in range(0, len(dev), 32):
            chunk = dev[first : first + 32]
            inputs = [reader_input(q.text, q.paragraph, q.answer_sentences[0]) for q in chunk]
            features = encode(tokenizer, inputs, [context] * len(chunk))
            out = model(**features)
            for r, (q, x) in enumerate(zip(chunk, inputs)):
                e = features.encodings[r]
                positions = sentence_tokens(e, len(x.sentence))
                span = best_span(out.start_logits[r, positions].numpy(), out.end_logits[r, positions].numpy(),
                                 [e.offsets[k] for k in positions], x.sentence)
                text = x.sentence[span.start : span.end] if span else ""
                score = best_f1(text, q.answers)
                em, f1, overlap = em + exact(text, q.answers), f1 + score, overlap + (score > 0)
    model.train()
    n = len(dev) or 1
    return {"exact_match": round(em / n, 4), "f1": round(f1 / n, 4), "overlap": round(overlap / n, 4)}


def export_int8(torch_dir: Path, out: Path) -> Path:
    """ONNX (opset 17, eager attention) with start_logits and end_logits, int8 as export.py does."""
    import torch
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer

    from assistant.reader.export import export_quantized

    model = AutoModelForQuestionAnswering.from_pretrained(str(torch_dir), attn_implementation="eager",
                                                          local_files_only=True).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(torch_dir), local_files_only=True)
    export_quantized(model, tokenizer, lambda result: (result.start_logits, result.end_logits),
                     ["start_logits", "end_logits"], out / SPAN_FILE)
    tokenizer.backend_tokenizer.save(str(out / "tokenizer.json"))
    return out / SPAN_FILE


def train(args: argparse.Namespace) -> None:
    import torch
    from tqdm import tqdm
    from transformers import AutoModelForQuestionAnswering, AutoTokenizer, get_linear_schedule_with_warmup

    record = start_run(args)

    base = str(resolve_model_path(args.base))
    tokenizer = AutoTokenizer.from_pretrained(base, local_files_only=True)
    model = AutoModelForQuestionAnswering.from_pretrained(base, local_files_only=True)
    rng = random.Random(args.seed)
    items = [q for q in questions(args.data, "train") if q.answerable]
    rng.shuffle(items)
    examples = []  # (input, answers) whose answer lies whole in the sentence's tokens
    for q in items:
        x = reader_input(q.text, q.paragraph, q.answer_sentences[0])
        if answer_tokens(encode(tokenizer, [x], [False]).encodings[0], x.sentence, q.answers) is not None:
            examples.append((x, q.answers))
        if len(examples) == args.max_examples:
            break
    dev = [q for q in questions(args.data, "tune") if q.answerable][: args.dev_questions]
    steps = int(len(examples) * args.epochs / args.batch_size)
    log.info("%d training examples; %d dev questions; %d steps", len(examples), len(dev), steps)
    record(config={k: str(v) for k, v in vars(args).items()}, examples=len(examples), steps=steps)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.1 * steps), steps)

    def evaluate(step: int) -> dict:
        metrics = {"sentence": dev_metrics(model, tokenizer, dev, False, torch)}
        if args.context_rate > 0:
            metrics["with_context"] = dev_metrics(model, tokenizer, dev, True, torch)
        record(step=step, dev=metrics, seconds=round(time.time() - started))
        log.info("step %d dev %s", step, metrics)
        return metrics

    started, running = time.time(), []
    order = epoch_order(examples, steps * args.batch_size, rng, shuffle_first=True)
    eval_at = {int(steps * (i + 1) / args.evals) for i in range(args.evals)}
    model.train()
    final: dict = {}
    bar = tqdm(range(steps), desc="training span reader", unit="step")
    for step in bar:
        if args.max_minutes and time.time() - started > 60 * args.max_minutes:
            log.info("time budget reached at step %d", step)
            record(stopped_at=step)
            final = evaluate(step)
            break
        batch = order[step * args.batch_size : (step + 1) * args.batch_size]
        # context per batch, not per example: a mixed batch pads every row to the context's length
        context = rng.random() < args.context_rate
        features = encode(tokenizer, [b[0] for b in batch], [context] * len(batch))
        targets = [answer_tokens(features.encodings[r], b[0].sentence, b[1]) or (0, 0) for r, b in enumerate(batch)]
        out = model(**features, start_positions=torch.tensor([t[0] for t in targets]),
                    end_positions=torch.tensor([t[1] for t in targets]))
        optimise(out.loss, model, optimizer, schedule, running)
        if (step + 1) % 25 == 0:
            log_loss(running[-25:], step + 1, bar, record, schedule, started)
        if step + 1 in eval_at:
            final = evaluate(step + 1)
    torch_dir = args.out / "torch"
    if torch_dir.exists():
        shutil.rmtree(torch_dir)
    model.save_pretrained(str(torch_dir))
    tokenizer.save_pretrained(str(torch_dir))
    onnx_path = export_int8(torch_dir, args.out)
    summary = {"examples": len(examples), "steps": steps, "seconds": round(time.time() - started), "dev": final,
               "config": {k: str(v) for k, v in vars(args).items()}}
    record(done=True, onnx=str(onnx_path), **summary)
    (args.out / "training_metrics.json").write_text(json.dumps(summary, indent=2))
    log.info("done in %.0f s: %s", time.time() - started, onnx_path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True, help="folder with the SQuAD 2.0 parts")
    parser.add_argument("--out", type=Path, required=True, help="where the trained model, log and ONNX go")
    parser.add_argument("--base", default=DEFAULT_EMBEDDING_MODEL, help="model to start from (a local folder or package)")
    parser.add_argument("--epochs", type=float, default=2.0)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=1e-4)
    parser.add_argument("--max-examples", type=int, default=2000, help="training examples at most (time on 2 cores)")
    parser.add_argument("--context-rate", type=float, default=0.3, help="share of batches read with title/neighbours")
    parser.add_argument("--dev-questions", type=int, default=301)
    parser.add_argument("--evals", type=int, default=2, help="dev evaluations during training")
    parser.add_argument("--max-minutes", type=float, default=16.0, help="stop early past this (then measure what there is)")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train(args)


if __name__ == "__main__":
    main(argv=None)
