"""Trains the verdict reader: `python -m assistant.reader.train_verdict --questions Q --releases R --out DIR`.

A yes/no question ("Was the dialogue held in Oslo?") is answered by quoting the sentence that settles
it, as any question is; the sentence reader says whether a sentence answers, not which way. This
script fine-tunes a three-way CrossEncoder from the packaged MiniLM weights: given the question and the
quoted sentence as the reader sees it (title and date, neighbours; inputs.py), does the sentence
answer it yes, answer it no, or settle nothing (another sentence, or a question that is not yes/no)?

- data: yes/no questions written for training over releases of the shared Senate collection that the
  evaluation sets never use (`--questions`, JSONL: question, release_id, answer "yes"/"no" with the
  verbatim evidence that settles it, or "unsettled": a question about the release's own event that it
  leaves open), and `--wh-questions` one-fact questions written for the sentence
  reader (`release_data/`), whose answer sentences settle no yes/no: the model learns to give no
  verdict to "Where was it held?" beside its answer;
- candidates as the assistant serves them: the questions' releases and `--background` others are
  indexed by the assistant's own ingest; a yes/no question's candidate that holds most of its evidence
  is labelled with its answer, and up to `--others` of its other candidates (best pre-ranked first) as
  settling nothing; so do an unsettled question's best 3 candidates (near misses: the sentences about
  its subject) and a wh-question's answer sentence;
- the questions of `--dev-writer` are held out: the log records their accuracy on the evidence
  sentences, the share of other sentences given a verdict, and the verdict's precision and coverage at
  the bars `evals.tune_verdict` chooses among.

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

from assistant.reader.inputs import MAX_LENGTH, ReaderInput
from assistant.reader.train import epoch_order, log_loss, optimise, quantization_aware, start_run
from assistant.reader.verdict import LABELS

log = logging.getLogger("assistant.reader.train_verdict")
PASSAGES = 6  # as a one-fact question reads them (ASSISTANT_TOP_K)
CANDIDATES = 8


@dataclass(frozen=True)
class VerdictPair:
    question_id: str
    input: ReaderInput
    label: int  # index in LABELS
    evidence: bool  # the question's own sentence: a yes/no question's evidence, an open question's near miss or a wh-question's answer; else another candidate


def main(argv: list[str] | None = None) -> None:
    from assistant.settings import DEFAULT_EMBEDDING_MODEL

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, required=True, help="yes/no questions (JSONL, optionally .gz)")
    parser.add_argument("--wh-questions", type=Path, help="one-fact questions with evidence (release_data/)")
    parser.add_argument("--wh-count", type=int, default=400, help="answerable one-fact questions drawn from them")
    parser.add_argument("--releases", type=Path, required=True, help="the Senate collection (JSONL.gz)")
    parser.add_argument("--exclude", type=Path, help="releases (JSONL.gz) no question may use: the evaluation's")
    parser.add_argument("--base", default=DEFAULT_EMBEDDING_MODEL, help="model to start from")
    parser.add_argument("--init", type=Path, help="a trained reader's torch folder to start from instead (its "
                        "one-logit head replaced by a new three-way one); `assistant.reader.dequantize` recovers "
                        "the shipped sentence reader's")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--background", type=int, default=100, help="other releases indexed beside the questions'")
    parser.add_argument("--others", type=int, default=2, help="other candidates of a yes/no question, as 'settles nothing'")
    parser.add_argument("--dev-writer", default="", help="this writer's questions are held out for the log's metrics")
    parser.add_argument("--epochs", type=float, default=4.0)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--lr", type=float, default=4e-5)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train(args)


def holds_evidence(text: str, evidence: str) -> float:
    """The share of the evidence's content words the candidate holds (sentences are split anew at ingest)."""
    from assistant.text import content_terms, stem

    wanted = {stem(t) for t in content_terms(evidence)}
    return len(wanted & {stem(t) for t in content_terms(text)}) / len(wanted) if wanted else 0.0


def candidate_pairs(questions: list[dict], wh_questions: list[dict], releases: Path, background: int, others: int,
                    seed: int, avoid: frozenset[str]) -> list[VerdictPair]:
    """The questions' serving-time candidates, labelled (module docstring); from one temporary index of
    their releases and `background` others, none of them in `avoid`."""
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.answer.verdicts import RESCUE_CANDIDATES  # as many as a refused question's rescue reads
    from assistant.reader.train_list_reader import indexed_releases
    from assistant.reader.train_release_qa import holds_answer
    from assistant.retrieval.filters import SearchFilter
    from assistant.text import content_terms
    from evals.senate import temporary_assistant

    listed = [{**q, "release_ids": [q["release_id"]]} for q in questions] + wh_questions
    pairs: list[VerdictPair] = []
    with temporary_assistant(indexed_releases(listed, releases, background, seed, avoid)) as assistant:
        store = assistant.search.store

        def candidates(question: str):
            passages = assistant.search.search(question, PASSAGES, SearchFilter())
            idf = store.idf(content_terms(question))
            return ExtractiveAnswerer.candidates(question, list(passages), idf)[:CANDIDATES]

        for q in questions:
            found = candidates(q["question"])
            if q["answer"] not in ("yes", "no"):  # one the release leaves open: its nearest sentences settle nothing
                pairs += [VerdictPair(q["id"], s.reader_input(q["question"], dated=True), LABELS.index("none"), True)
                          for s in found[:RESCUE_CANDIDATES]]
                continue
            overlap = [holds_evidence(s.text, q["evidence"]) for s in found]
            if not found or max(overlap) < 0.6:  # its sentence was not among what the reader reads
                continue
            best = int(np.argmax(overlap))
            pairs.append(VerdictPair(q["id"], found[best].reader_input(q["question"], dated=True),
                                     LABELS.index(q["answer"]), True))
            rest = [s for i, s in enumerate(found) if i != best and overlap[i] < 0.5][:others]
            pairs += [VerdictPair(q["id"], s.reader_input(q["question"], dated=True), LABELS.index("none"), False)
                      for s in rest]
        for q in wh_questions:
            answer = next((s for s in candidates(q["question"]) if holds_answer(s.text, q)), None)
            if answer is not None:
                pairs.append(VerdictPair(q["id"], answer.reader_input(q["question"], dated=True),
                                         LABELS.index("none"), True))
    return pairs


def dev_metrics(pairs: list[VerdictPair], probabilities: np.ndarray) -> dict:
    """On the held-out writer's yes/no questions: accuracy of the verdict on their evidence sentences, the
    share of their other sentences given a verdict at 0.5, and per bar the verdict's precision (right
    among given, wrong sentences counted as wrong) and coverage (share of evidence sentences judged)."""
    none = LABELS.index("none")
    settled = np.array([p.evidence and p.label != none for p in pairs])
    labels = np.array([p.label for p in pairs])
    verdict = np.where(probabilities[:, 0] >= probabilities[:, 1], 0, 1)  # yes or no, whichever is likelier
    sure = probabilities[np.arange(len(pairs)), verdict]
    metrics = {"evidence_accuracy": round(float(np.mean(np.argmax(probabilities[settled], axis=1) == labels[settled])), 4)
               if settled.any() else None,
               "others_judged": round(float(np.mean(np.max(probabilities[~settled][:, :2], axis=1) >= 0.5)), 4)
               if (~settled).any() else None}
    for bar in (0.5, 0.7, 0.8, 0.9):
        given = sure >= bar
        right = given & (verdict == labels)
        metrics[f"precision@{bar}"] = round(float(right.sum() / given.sum()), 4) if given.any() else None
        metrics[f"coverage@{bar}"] = round(float(given[settled].mean()), 4) if settled.any() else None
    return metrics


def export(torch_dir: Path, out: Path) -> Path:
    """The saved three-way model as int8 ONNX in `out`, with its tokenizer: loaded afresh from `torch_dir`,
    so the quantization-aware layers' rounding is not traced into the graph (it keeps the float weights)."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    from assistant.reader.export import MODEL_FILE, export_quantized

    model = AutoModelForSequenceClassification.from_pretrained(str(torch_dir), attn_implementation="eager",
                                                               local_files_only=True).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(torch_dir), local_files_only=True)
    export_quantized(model, tokenizer, lambda result: result.logits, ["logits"], out / MODEL_FILE)
    (out / "tokenizer.json").write_bytes((torch_dir / "tokenizer.json").read_bytes())
    return out / MODEL_FILE


def train(args: argparse.Namespace) -> None:
    import torch
    from sentence_transformers import CrossEncoder
    from transformers import get_linear_schedule_with_warmup

    from assistant.embedding.torch_model import resolve_model_path
    from evals.senate import read_jsonl, rows

    record = start_run(args)
    excluded = frozenset(r["id"] for r in rows(args.exclude)) if args.exclude else frozenset()
    questions = [q for q in read_jsonl(args.questions) if q["release_id"] not in excluded]
    wh = []
    if args.wh_questions:
        wh = [{**q, "id": f"wh:{q['id']}"} for q in read_jsonl(args.wh_questions)
              if q["answerable"] and not excluded.intersection(q["release_ids"])]
        wh = random.Random(args.seed).sample(wh, min(args.wh_count, len(wh)))
    dev_ids = {q["id"] for q in questions if q.get("writer") == args.dev_writer}
    pairs = candidate_pairs(questions, wh, args.releases, args.background, args.others, args.seed, excluded)
    train_pairs = [p for p in pairs if p.question_id not in dev_ids]
    dev_pairs = [p for p in pairs if p.question_id in dev_ids]
    counts = {label: sum(p.label == i for p in train_pairs) for i, label in enumerate(LABELS)}
    log.info("%d training pairs %s over %d yes/no and %d one-fact questions; %d dev pairs", len(train_pairs), counts,
             len({p.question_id for p in train_pairs if not p.question_id.startswith("wh:")}),
             sum(p.question_id.startswith("wh:") for p in train_pairs), len(dev_pairs))

    steps = int(len(train_pairs) * args.epochs / args.batch_size)
    start = str(args.init) if args.init else str(resolve_model_path(args.base))
    model = CrossEncoder(start, num_labels=len(LABELS), max_length=MAX_LENGTH, device="cpu", local_files_only=True,
                         model_kwargs={"ignore_mismatched_sizes": True})
    net = model.model
    if args.init:  # a start recovered from int8 weights: float steps would round back to it at export
        quantization_aware(net)
    optimizer = torch.optim.AdamW([p for p in net.parameters() if p.requires_grad], lr=args.lr, weight_decay=0.01)
    schedule = get_linear_schedule_with_warmup(optimizer, int(0.1 * steps), steps)
    # each class weighs as much in the loss whatever its count: "settles nothing" is three in four pairs,
    # and a model that learned only it gave no verdict at all
    loss_fn = torch.nn.CrossEntropyLoss(weight=torch.tensor(
        [len(train_pairs) / (len(LABELS) * max(1, counts[label])) for label in LABELS], dtype=torch.float32))

    def logits(inputs: list[ReaderInput]):
        features = model.tokenizer([i.pair()[0] for i in inputs], [i.pair()[1] for i in inputs], padding=True,
                                   truncation=True, max_length=MAX_LENGTH, return_tensors="pt")
        return net(**features).logits

    def evaluate(step: int) -> dict:
        if not dev_pairs:
            return {}
        net.eval()
        with torch.no_grad():
            out = torch.cat([logits([p.input for p in dev_pairs[i : i + 32]]) for i in range(0, len(dev_pairs), 32)])
        net.train()
        metrics = dev_metrics(dev_pairs, torch.softmax(out, dim=1).numpy())
        record(step=step, **metrics)
        log.info("step %d dev %s", step, metrics)
        return metrics

    from tqdm import tqdm

    record(config={k: str(v) for k, v in vars(args).items()}, pairs=len(train_pairs), counts=counts, steps=steps)
    started = time.time()
    evaluate(0)
    order = epoch_order(train_pairs, steps * args.batch_size, random.Random(args.seed), shuffle_first=True)
    running: list[float] = []
    final: dict = {}
    net.train()
    bar = tqdm(range(steps), desc="training verdict reader", unit="step")
    for step in bar:
        batch = order[step * args.batch_size : (step + 1) * args.batch_size]
        loss = loss_fn(logits([p.input for p in batch]), torch.tensor([p.label for p in batch]))
        optimise(loss, net, optimizer, schedule, running)
        if (step + 1) % 50 == 0:
            log_loss(running[-50:], step + 1, bar, record, schedule, started)
        if step + 1 in {steps // 2, steps}:
            final = evaluate(step + 1)
    torch_dir = args.out / "torch"
    model.save(str(torch_dir))
    onnx_path = export(torch_dir, args.out)
    (args.out / "training_metrics.json").write_text(json.dumps(
        {"questions": len(questions), "dev_questions": len(dev_ids), "pairs": len(train_pairs), "counts": counts,
         "steps": steps, "seconds": round(time.time() - started), "dev": final,
         "config": {k: str(v) for k, v in vars(args).items()}}, indent=2))
    log.info("done in %.0f s: %s", time.time() - started, onnx_path)


if __name__ == "__main__":
    main()
