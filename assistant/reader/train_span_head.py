"""Trains the answer-span head (assistant/reader/span_head.py) on the shipped reader's frozen token states.

`python -m assistant.reader.train_span_head --data ../shared/data/qa --out assistant/reader/model/`

Examples: answerable SQuAD questions of the train articles only (assistant/reader/squad.py), each read
as the reader reads its gold sentence (`reader_input`: sentence, title, neighbours); the target is the
gold answer's first and last word piece inside the sentence. The reader runs once per example
(inference only); the head is a linear map from each token's state to a start and an end logit,
trained with cross-entropy over the sentence's tokens. Dev metrics are on the tune articles' gold
sentences; the test articles are never read. Writes span_head.npz and span_head_log.jsonl to --out.
"""

from __future__ import annotations

import argparse
import json
import random
import time
from pathlib import Path

import numpy as np

from assistant.reader.onnx_reader import MODEL_DIR, Reader
from assistant.reader.span_head import SpanHead, TokenStates
from assistant.reader.squad import Question, questions, reader_input


def examples(reader: Reader, items: list[Question]) -> list[tuple[TokenStates, int, int, Question]]:
    """(states, start token, end token, question) for each item whose answer lies whole in the read tokens."""
    out = []
    for first in range(0, len(items), 64):
        chunk = items[first : first + 64]
        inputs = [reader_input(q.text, q.paragraph, q.answer_sentences[0]) for q in chunk]
        _, states = reader.read(inputs)
        for q, x, s in zip(chunk, inputs, states):
            target = token_target(s, x.sentence, q.answers)
            if target is not None:
                out.append((TokenStates(s.hidden.astype(np.float16), s.offsets, s.asked), *target, q))
    return out


def token_target(states: TokenStates, sentence: str, answers: tuple[str, ...]) -> tuple[int, int] | None:
    """First and last token overlapping the first gold answer found in the sentence."""
    for answer in answers:
        a = sentence.find(answer)
        if a < 0:
            continue
        b = a + len(answer)
        inside = [k for k, (s, e) in enumerate(states.offsets) if s < b and e > a]
        if inside:
            return inside[0], inside[-1]
    return None


def train(data: list, epochs: int, lr: float, seed: int, log, inner: int = 0) -> SpanHead:
    import torch

    torch.manual_seed(seed)
    rng = random.Random(seed)
    size = data[0][0].hidden.shape[1] + 1  # the states and the asked flag
    first_layer = torch.nn.Linear(size, inner) if inner else None
    layer = torch.nn.Linear(inner or size, 2)
    model = torch.nn.Sequential(first_layer, torch.nn.ReLU(), layer) if first_layer else layer
    optimiser = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    order = list(range(len(data)))
    for epoch in range(1, epochs + 1):
        rng.shuffle(order)
        total = 0.0
        for first in range(0, len(order), 32):
            batch = [data[i] for i in order[first : first + 32]]
            width = max(len(d[0].offsets) for d in batch)
            x = torch.zeros(len(batch), width, size)
            mask = torch.zeros(len(batch), width, dtype=torch.bool)
            for r, (s, _, _, _) in enumerate(batch):
                x[r, : len(s.offsets)] = torch.from_numpy(s.features())
                mask[r, : len(s.offsets)] = True
            logits = model(x).masked_fill(~mask[..., None], -1e4)
            starts = torch.tensor([d[1] for d in batch])
            ends = torch.tensor([d[2] for d in batch])
            loss = (torch.nn.functional.cross_entropy(logits[..., 0], starts)
                    + torch.nn.functional.cross_entropy(logits[..., 1], ends)) / 2
            optimiser.zero_grad()
            loss.backward()
            optimiser.step()
            total += float(loss.detach()) * len(batch)
        log({"epoch": epoch, "loss": round(total / len(data), 4)})
    def array(t) -> np.ndarray:
        return t.detach().numpy().T.copy()

    if first_layer is None:
        return SpanHead(array(layer.weight), array(layer.bias))
    return SpanHead(array(layer.weight), array(layer.bias), array(first_layer.weight), array(first_layer.bias))


def dev_metrics(head: SpanHead, dev: list) -> dict[str, float]:
    """Exact match, token F1 and overlap (F1 > 0) of the head's best span on the gold sentences."""
    from evals.measure_short_answer import exact
    from evals.scoring import token_f1

    em = f1 = overlap = 0.0
    for states, _, _, q in dev:
        sentence = q.paragraph.sentences[q.answer_sentences[0]].text
        span = head.best(states, sentence)
        text = sentence[span.start : span.end] if span else ""
        best = max(token_f1(text, a) or 0.0 for a in q.answers)
        em += exact(text, q.answers)
        f1 += best
        overlap += best > 0
    n = len(dev) or 1
    return {"dev_questions": len(dev), "exact_match": round(em / n, 4), "f1": round(f1 / n, 4),
            "overlap": round(overlap / n, 4)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/data/qa"))
    parser.add_argument("--out", type=Path, default=Path("assistant/reader/model"))
    parser.add_argument("--reader", type=Path, default=MODEL_DIR, help="the reader's folder (ONNX with a `hidden` output)")
    parser.add_argument("--max-examples", type=int, default=4000)
    parser.add_argument("--epochs", type=int, default=20)
    parser.add_argument("--lr", type=float, default=2e-3)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--hidden", type=int, default=0, help="units of a ReLU layer before the start/end logits (0: linear)")
    args = parser.parse_args()
    lines: list[str] = []

    def log(row: dict) -> None:
        print(json.dumps(row), flush=True)
        lines.append(json.dumps(row))

    reader = Reader(args.reader)
    started = time.perf_counter()
    items = [q for q in questions(args.data, "train") if q.answerable]
    random.Random(args.seed).shuffle(items)
    data = examples(reader, items[: args.max_examples])
    dev = examples(reader, [q for q in questions(args.data, "tune") if q.answerable])
    log({"train_examples": len(data), "dev_examples": len(dev), "features_s": round(time.perf_counter() - started)})
    head = train(data, args.epochs, args.lr, args.seed, log, args.hidden)
    log({"train": dev_metrics(head, data[:1000]), "dev": dev_metrics(head, dev),
         "total_s": round(time.perf_counter() - started)})
    args.out.mkdir(parents=True, exist_ok=True)
    head.save(args.out)
    (args.out / "span_head_log.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
