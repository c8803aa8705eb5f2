"""Trains the intent model: the packaged all-MiniLM-L6-v2 fine-tuned on the labelled example questions
with a batch-all triplet loss (questions of one intent pulled together, of different intents pushed
apart, as SetFit does for few-shot classification), then a logistic-regression head on its vectors.

    python -m assistant.answer.intent_train --out assistant/answer/intent_model \
        --dev evals/datasets/intents.jsonl evals/datasets/tasks.jsonl --squad ../shared/data/qa

With `--squad`, 150 questions of the SQuAD train articles join the examples as `fact` (real factoid
questions by other writers; without them a third of SQuAD's questions were taken for lists) and the
share of the tune articles' questions taken as `fact` is logged. Writes an int8 ONNX encoder, its
tokenizer and pooling files, `head.json` (the head's weights, applied with numpy at serving time) and
`training_log.jsonl`. Dev accuracy is measured on the dev split of the
given dataset only; its test split is never read."""

from __future__ import annotations

import argparse
import json
import logging
import random
import shutil
import time
from pathlib import Path

import numpy as np

from assistant.embedding.torch_model import resolve_model_path
from assistant.settings import DEFAULT_EMBEDDING_MODEL
from assistant.answer.intents import EXAMPLES, HEAD_FILE, MODEL_FILE, Intent, load_examples

log = logging.getLogger(__name__)
KEEP = ("tokenizer.json", "modules.json", "sentence_bert_config.json", "config.json", "1_Pooling/config.json")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--examples", type=Path, default=EXAMPLES)
    parser.add_argument("--dev", type=Path, nargs="*", default=[],
                        help="JSONL datasets with intent labels; their dev splits are measured")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--base", default=DEFAULT_EMBEDDING_MODEL)
    parser.add_argument("--epochs", type=int, default=1, help="1: best on the dev splits (epochs 1-6 measured)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--lr", type=float, default=1.5e-5)
    parser.add_argument("--c", type=float, default=16.0, help="the head's inverse regularisation")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--balanced", action="store_true",
                        help="weigh the intents equally in the head (default: by their share of the examples, "
                             "where one fact is the commonest, as in use)")
    parser.add_argument("--squad", type=Path, help="the SQuAD 2.0 parts (../shared/data/qa): questions of its "
                        "train articles join the examples as `fact`, of its tune articles are measured")
    parser.add_argument("--squad-facts", type=int, default=150, help="how many train-article questions to add")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train(args)


def dev_items(paths: list[Path]) -> list[tuple[str, str, str]]:
    """(question, intent, source): the source is the item id's prefix ("intent3" of "intent3-017"), one writer
    or dataset, so the log shows which dev set moved."""
    rows = [json.loads(line) for path in paths for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(r["question"], r["intent"], str(r.get("id", "")).rsplit("-", 1)[0])
            for r in rows if r.get("split") == "dev" and r.get("intent")]


def squad_samples(data: Path, seed: int, facts: int) -> tuple[list[str], list[str]]:
    """`facts` answerable questions of the SQuAD train articles (trained on as `fact`), then 200 of the
    tune articles (the share taken as `fact` is measured), drawn with `seed`."""
    from assistant.reader import squad

    rng = random.Random(seed)
    added = rng.sample([q.text for q in squad.questions(data, "train") if q.answerable], facts)
    return added, rng.sample([q.text for q in squad.questions(data, "tune")], 200)


def train(args: argparse.Namespace) -> dict:
    import torch
    from sentence_transformers import SentenceTransformer, losses
    from sklearn.linear_model import LogisticRegression
    from tqdm import tqdm

    random.seed(args.seed)
    np.random.seed(args.seed)
    torch.manual_seed(args.seed)
    examples = [(q, i.value) for q, i in load_examples(args.examples)]
    dev = dev_items(args.dev)
    squad_dev: list[str] = []
    if args.squad:  # real factoid questions by other writers: the most common intent, in many more shapes
        added, squad_dev = squad_samples(args.squad, args.seed, args.squad_facts)
        examples += [(q, "fact") for q in added]
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "squad_facts.jsonl").write_text(  # the sample, kept with the model (CC BY-SA 4.0)
            "".join(json.dumps({"intent": "fact", "question": q}) + "\n" for q in added), encoding="utf-8")
    labels = sorted({label for _, label in examples})
    label_id = {label: n for n, label in enumerate(labels)}
    model = SentenceTransformer(resolve_model_path(args.base), device="cpu", local_files_only=True)
    loss_fn = losses.BatchAllTripletLoss(model)
    optimizer = torch.optim.AdamW(model.parameters(), lr=args.lr)
    build = args.out.parent / (args.out.name + ".build")
    args.out.mkdir(parents=True, exist_ok=True)
    log_file = (args.out / "training_log.jsonl").open("w", encoding="utf-8")

    def head_and_accuracy() -> tuple[LogisticRegression, float | None, dict[str, float]]:
        """The head fitted on the examples, its dev accuracy, and the accuracy per dev source (with the
        share of SQuAD tune questions taken as fact)."""
        vectors = model.encode([q for q, _ in examples], normalize_embeddings=True, show_progress_bar=False)
        head = LogisticRegression(
            C=args.c, max_iter=3000, class_weight="balanced" if args.balanced else None).fit(
            vectors, [label for _, label in examples])
        by_source: dict[str, float] = {}
        if squad_dev:
            taken = head.predict(model.encode(squad_dev, normalize_embeddings=True, show_progress_bar=False))
            by_source["squad_tune_as_fact"] = round(float(np.mean(taken == "fact")), 4)
        if not dev:
            return head, None, by_source
        predicted = head.predict(model.encode([q for q, _, _ in dev], normalize_embeddings=True, show_progress_bar=False))
        right = np.array([Intent(p).reported.value == gold for p, (_, gold, _) in zip(predicted, dev)])
        sources = np.array([source for _, _, source in dev])
        for source in sorted(set(sources)):
            by_source[source] = round(float(right[sources == source].mean()), 4)
        return head, float(right.mean()), by_source

    started = time.time()
    head, accuracy, by_source = head_and_accuracy()
    log_file.write(json.dumps({"epoch": 0, "dev_accuracy": accuracy, "by_source": by_source}) + "\n")
    log.info("before training: dev accuracy %s %s", accuracy, by_source)
    for epoch in tqdm(range(1, args.epochs + 1), desc="training intents", unit="epoch"):
        model.train()
        order = examples[:]
        random.shuffle(order)
        losses_seen = []
        for start in range(0, len(order), args.batch_size):
            batch = order[start : start + args.batch_size]
            features = model.tokenize([q for q, _ in batch])
            loss = loss_fn([features], torch.tensor([label_id[label] for _, label in batch]))
            loss.backward()
            optimizer.step()
            optimizer.zero_grad()
            losses_seen.append(loss.item())
        model.eval()
        head, accuracy, by_source = head_and_accuracy()
        row = {"epoch": epoch, "loss": round(float(np.mean(losses_seen)), 4), "dev_accuracy": accuracy,
               "by_source": by_source, "seconds": round(time.time() - started)}
        log_file.write(json.dumps(row) + "\n")
        log_file.flush()
        log.info("%s", row)
    if build.exists():
        shutil.rmtree(build)
    model.save(str(build))
    export(build, args.out)
    (args.out / HEAD_FILE).write_text(json.dumps(
        {"classes": list(head.classes_), "coef": head.coef_.round(6).tolist(),
         "intercept": head.intercept_.round(6).tolist()}))
    metrics = {"examples": len(examples), "dev_items": len(dev), "dev_accuracy": accuracy, "by_source": by_source,
               "seconds": round(time.time() - started), "config": {k: str(v) for k, v in vars(args).items()}}
    (args.out / "training_metrics.json").write_text(json.dumps(metrics, indent=2))
    shutil.rmtree(build)
    log.info("done: %s", metrics)
    return metrics


def export(torch_dir: Path, out: Path) -> None:
    """The encoder as int8 ONNX beside the files the ONNX runner reads (tokenizer, pooling)."""
    from assistant.embedding.onnx_model import _export_fp32, quantize_int8

    fp32 = out / "encoder-fp32.tmp.onnx"
    _export_fp32(torch_dir, fp32)
    quantize_int8(fp32, out / MODEL_FILE)
    fp32.unlink()
    for name in KEEP:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(torch_dir / name, out / name)


if __name__ == "__main__":
    main()
