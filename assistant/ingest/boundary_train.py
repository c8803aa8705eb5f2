"""Trains the sentence-boundary model for text that lost its punctuation (`boundaries.py`):

    python -m assistant.ingest.boundary_train --releases ../shared/data/senate-press-releases-10k.jsonl.gz \
        --exclude evals/datasets/senate-releases.jsonl.gz --out assistant/ingest/boundary_model.json.gz

- data: the releases of the shared Senate collection that kept their punctuation (at least one full
  stop per 1,000 characters), never one the evaluation uses (`--exclude`); 20% of them, drawn by
  release with a fixed seed, are held out to choose the regularisation and the bar and to report;
- labels: the text is degraded as the scraper degraded the other half (every character but letters,
  digits and "_" a space; the length is kept), and a gap between two words ends a sentence where the
  punctuated text does: at a line break, or where pysbd ends a sentence within a line;
- baseline: the rule shipped before (a gap of three spaces or more ends a sentence unless the next
  word is in lower case), on the same held-out gaps.

Writes the weights of the features seen at least `--min-count` times, the bar and the held-out table."""

from __future__ import annotations

import argparse
import gzip
import json
import logging
import random
import re
from pathlib import Path

import numpy as np
from tqdm import tqdm

from assistant.ingest.boundaries import Gap, gaps

log = logging.getLogger("assistant.ingest.boundary_train")
C_GRID = (0.1, 0.3, 1.0)
BARS = tuple(round(float(b), 2) for b in np.arange(0.2, 0.81, 0.05))
PUNCTUATED = 1.0  # full stops per 1,000 characters for a release to count as punctuated


def rows(path: Path):
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def punctuated(text: str) -> bool:
    return bool(text) and text.count(".") * 1000 / len(text) >= PUNCTUATED


def sentence_ends(text: str) -> set[int]:
    """Offsets just after the last word of each sentence of the punctuated text: line breaks and pysbd's ends."""
    from assistant.ingest.sentences import _segmenter

    ends, pos = set(), 0
    for line in text.split("\n"):
        if line.strip():
            cursor = 0
            for sentence in _segmenter().segment(line):
                piece = sentence.strip()
                at = line.find(piece, cursor) if piece else -1
                if at < 0:
                    continue
                cursor = at + len(piece)
                words = list(re.finditer(r"\w+", piece))
                if words:
                    ends.add(pos + at + words[-1].end())
        pos += len(line) + 1
    return ends


def labelled(text: str) -> tuple[list[Gap], np.ndarray]:
    ends = sentence_ends(text)
    found = gaps(text)
    return found, np.array([gap.start in ends for gap in found], dtype=np.int8)


def old_rule(gap: Gap) -> bool:
    """The rule shipped before the model: a gap of three spaces or more ends a sentence unless the next word
    is in lower case."""
    return gap.end - gap.start >= 3 and "bs=x" not in gap.features


def scores(truth: np.ndarray, predicted: np.ndarray) -> dict:
    tp = int((truth & predicted).sum())
    precision = tp / max(int(predicted.sum()), 1)
    recall = tp / max(int(truth.sum()), 1)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--releases", type=Path, required=True, help="the Senate collection (JSONL.gz)")
    parser.add_argument("--exclude", type=Path, help="releases (JSONL.gz) never trained on: the evaluation's")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--limit", type=int, default=10000, help="punctuated releases to use")
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    excluded = {r["id"] for r in rows(args.exclude)} if args.exclude else set()
    texts = [r["text"] for r in rows(args.releases) if r["id"] not in excluded and punctuated(r.get("text") or "")]
    random.Random(args.seed).shuffle(texts)
    texts = texts[:args.limit]
    held = len(texts) // 5
    data = [labelled(t) for t in tqdm(texts, desc="labelling")]
    train, valid = data[held:], data[:held]
    log.info("%d releases (%d held out), %d gaps", len(texts), held, sum(len(g) for g, _ in data))

    vectorizer = DictVectorizer()
    x_train = vectorizer.fit_transform({f: 1 for f in gap.features} for gs, _ in train for gap in gs)
    y_train = np.concatenate([y for _, y in train])
    kept = np.flatnonzero(np.asarray(x_train.sum(axis=0)).ravel() >= args.min_count)
    names = vectorizer.get_feature_names_out()[kept]
    x_train = x_train[:, kept]
    index = {name: i for i, name in enumerate(names)}

    def matrix(gs: list[Gap]):
        from scipy.sparse import csr_matrix
        r, c = [], []
        for row, gap in enumerate(gs):
            for f in gap.features:
                if f in index:
                    r.append(row)
                    c.append(index[f])
        return csr_matrix((np.ones(len(r)), (r, c)), shape=(len(gs), len(names)))

    valid_gaps = [gap for gs, _ in valid for gap in gs]
    x_valid, y_valid = matrix(valid_gaps), np.concatenate([y for _, y in valid])
    baseline = scores(y_valid.astype(bool), np.array([old_rule(g) for g in valid_gaps]))
    log.info("held out, the rule shipped before: %s", baseline)
    table, best = [], None
    for c in C_GRID:
        model = LogisticRegression(C=c, max_iter=2000, solver="liblinear").fit(x_train, y_train)
        p = model.predict_proba(x_valid)[:, 1]
        for bar in BARS:
            row = {"C": c, "bar": bar, **scores(y_valid.astype(bool), p >= bar)}
            table.append(row)
            if best is None or row["f1"] > best[0]["f1"] + 0.001:
                best = (row, model)
    row, model = best
    log.info("held out, chosen: %s", row)
    weights = {name: round(float(w), 4) for name, w in zip(names, model.coef_[0]) if abs(w) >= 1e-4}
    out = {"bias": round(float(model.intercept_[0]), 4), "bar": row["bar"], "weights": weights,
           "training": {"releases": len(texts) - held, "held_out_releases": held, "gaps": int(len(y_train)),
                        "min_count": args.min_count, "seed": args.seed, "held_out_rule_shipped_before": baseline,
                        "held_out_chosen": row, "table": table,
                        "command": "python -m assistant.ingest.boundary_train --releases "
                                   "../shared/data/senate-press-releases-10k.jsonl.gz --exclude "
                                   "evals/datasets/senate-releases.jsonl.gz --out assistant/ingest/boundary_model.json.gz"}}
    with gzip.GzipFile(args.out, "wb", mtime=0) as handle:  # mtime 0: the same data gives the same bytes
        handle.write(json.dumps(out, separators=(",", ":"), sort_keys=True).encode("utf-8"))
    log.info("wrote %s: %d weights", args.out, len(weights))


if __name__ == "__main__":
    main()
