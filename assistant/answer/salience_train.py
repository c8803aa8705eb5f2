"""Trains the salience model of release summaries (`salience.py`):

    python -m assistant.answer.salience_train --key-points assistant/answer/summary_data/key_points.jsonl.gz \
        --releases ../shared/data/senate-press-releases-10k.jsonl.gz \
        --exclude evals/datasets/senate-releases.jsonl.gz --out assistant/answer/salience.json

- data: releases of the shared Senate collection with five key points each, chosen by people for this
  project (`summary_data/`), never a release the evaluation uses (`--exclude`);
- sentences and vectors as the assistant serves them: the releases are indexed with the assistant's
  own ingest, and each release's sentences are the ones a summary chooses from (`sentences_of`);
- label: the sentence holds one of the release's key points (the tasks evaluation's own test);
- choice: with and without the sentence vector among the inputs, at several regularisation
  strengths, and MMR's novelty weight, by the key-point coverage of the summaries the assistant would
  write (MMR over the salience, at its shipped size) in release-grouped cross-validation; beside it the
  shipped position-and-centrality summary and the first sentences, on the same folds. Ties go to the
  simpler model and the shipped novelty.

Writes the chosen model, fitted on every release, with the cross-validation table (`training`)."""

from __future__ import annotations

import argparse
import json
import logging
import random
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import mean

import numpy as np

from assistant.answer.salience import FEATURES, SalienceModel
from assistant.reader.train import auc

log = logging.getLogger("assistant.answer.salience_train")
C_GRID = (0.003, 0.01, 0.03, 0.1, 1.0)
NOVELTY_GRID = (0.1, 0.3, 0.5)  # MMR's weight on not repeating a chosen sentence


@dataclass
class Release:
    id: str
    writer: str  # the key points' writer: the item id's prefix ("kpA" of "kpA-001")
    key_points: list[list[str]]
    sentences: list  # SummarySentence, in reading order
    vectors: np.ndarray
    title_vector: np.ndarray | None
    labels: np.ndarray  # the sentence holds a key point


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--key-points", type=Path, required=True, help="JSONL(.gz): release_id, key_points")
    parser.add_argument("--releases", type=Path, required=True, help="the Senate collection (JSONL.gz)")
    parser.add_argument("--exclude", type=Path, help="releases (JSONL.gz) never trained on: the evaluation's")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train(args)


def load_key_points(path: Path, excluded: set[str]) -> list[dict]:
    from evals.senate import read_jsonl

    items = read_jsonl(path)
    kept = [i for i in items if i["release_id"] not in excluded]
    log.info("%d releases with key points (%d dropped: the evaluation uses them)", len(kept), len(items) - len(kept))
    return kept


def prepare(items: list[dict], releases: Path) -> list[Release]:
    """Each release's sentences, vectors and title vector from a temporary index of the releases."""
    from assistant.ingest.parsing import slugify
    from evals.senate import rows, temporary_assistant
    from evals.tasks import contains_any

    wanted = {i["release_id"] for i in items}
    out = []
    with temporary_assistant([r for r in rows(releases) if r["id"] in wanted]) as assistant:
        tasks, store = assistant.tasks, assistant.search.store
        for item in items:
            release_id = slugify(item["release_id"])
            sentences = tasks.release_sentences(release_id)
            if len(sentences) < 2:
                log.warning("%s: %d sentences, skipped", item["release_id"], len(sentences))
                continue
            info = store.release(release_id)
            title = info.title if info else None
            labels = np.array([any(contains_any(s.text, group) for group in item["key_points"]) for s in sentences])
            out.append(Release(item["release_id"], item["id"].split("-")[0], item["key_points"], sentences, tasks.sentence_vectors(sentences),
                               np.asarray(store.embeddings.embed_query(title), dtype=np.float32) if title else None,
                               labels))
    return out


def fit(releases: list[Release], with_vectors: bool, c: float, seed: int) -> SalienceModel:
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([SalienceModel.inputs([s.text for s in r.sentences], r.vectors, r.title_vector, with_vectors)
                   for r in releases]).astype(np.float64)
    y = np.concatenate([r.labels for r in releases])
    mean_, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    head = LogisticRegression(C=c, max_iter=2000, random_state=seed).fit((x - mean_) / scale, y)
    return SalienceModel(mean_, scale, head.coef_[0], float(head.intercept_[0]), with_vectors)


def coverage(release: Release, picked: list) -> float:
    from evals.tasks import contains_any

    return mean(any(contains_any(s.text, group) for s in picked) for group in release.key_points)


def train(args: argparse.Namespace) -> None:
    from assistant.answer.summary import summarise
    from assistant.answer.tasks import TaskConfig
    from evals.senate import rows

    config = TaskConfig.read()
    size, novelty = config.summary_size or None, config.summary_novelty
    excluded = {r["id"] for r in rows(args.exclude)} if args.exclude else set()
    releases = prepare(load_key_points(args.key_points, excluded), args.releases)
    random.Random(args.seed).shuffle(releases)
    folds = [releases[k :: args.folds] for k in range(args.folds)]
    log.info("%d releases, %d sentences, %d hold a key point", len(releases),
             sum(len(r.sentences) for r in releases), sum(int(r.labels.sum()) for r in releases))

    def summary_coverage(release: Release, salience: np.ndarray | None = None, lead: float = 0.0,
                         novelty: float = novelty) -> float:
        return coverage(release, summarise(release.sentences, release.vectors, size=size, lead=lead, novelty=novelty,
                                           salience=salience))

    table = {
        "first sentences": mean(coverage(r, r.sentences[: size or 6]) for r in releases),
        "centrality alone": mean(summary_coverage(r) for r in releases),
        f"shipped position and centrality (lead {config.summary_lead})":
            mean(summary_coverage(r, lead=config.summary_lead) for r in releases),
    }
    for name, value in table.items():
        log.info("%s: coverage %.4f", name, value)
    results = []
    for with_vectors in (False, True):
        for c in C_GRID:
            held_out: list[tuple[Release, np.ndarray]] = []  # every release with its out-of-fold probabilities
            for k, held in enumerate(folds):
                model = fit([r for j, f in enumerate(folds) if j != k for r in f], with_vectors, c, args.seed)
                held_out += [(r, model.probabilities([s.text for s in r.sentences], r.vectors, r.title_vector))
                             for r in held]
            release_auc = round(float(np.nanmean([auc(p[r.labels], p[~r.labels]) for r, p in held_out])), 4)
            for weight in NOVELTY_GRID:
                row = {"with_vectors": with_vectors, "c": c, "novelty": weight, "release_auc": release_auc,
                       "coverage": round(mean(summary_coverage(r, p, novelty=weight) for r, p in held_out), 4)}
                results.append(row)
                log.info("cross-validated %s", row)
    best = max(results, key=lambda r: (r["coverage"], -r["with_vectors"], -r["c"], -abs(r["novelty"] - novelty)))
    model = replace(fit(releases, best["with_vectors"], best["c"], args.seed), novelty=best["novelty"])
    by_writer = {}  # the chosen recipe trained without one writer's releases, on them: does it carry over?
    writers = sorted({r.writer for r in releases})
    for writer in writers if len(writers) > 1 else ():
        held = [r for r in releases if r.writer == writer]
        other = fit([r for r in releases if r.writer != writer], best["with_vectors"], best["c"], args.seed)
        by_writer[writer] = {"releases": len(held), "salience": round(mean(summary_coverage(
            r, other.probabilities([s.text for s in r.sentences], r.vectors, r.title_vector), novelty=best["novelty"])
            for r in held), 4), "shipped": round(mean(summary_coverage(r, lead=config.summary_lead) for r in held), 4)}
        log.info("without writer %s, on its releases: %s", writer, by_writer[writer])
    args.out.write_text(json.dumps({
        "model": model.to_json(),
        "features": list(FEATURES) + (["sentence vector"] if best["with_vectors"] else []),
        "training": {
            "releases": len(releases), "sentences": sum(len(r.sentences) for r in releases),
            "key_point_sentences": sum(int(r.labels.sum()) for r in releases),
            "summary": {"size": size or "a quarter", "shipped_novelty": novelty},
            "cross_validation": {"folds": args.folds, "seed": args.seed, "chosen": best, "grid": results,
                                 "baselines": {k: round(v, 4) for k, v in table.items()}},
            "leave_one_writer_out": by_writer,
            "command": "python -m assistant.answer.salience_train " + " ".join(
                f"--{k.replace('_', '-')} {v}" for k, v in vars(args).items() if v is not None),
        },
    }, indent=1) + "\n", encoding="utf-8")
    log.info("chosen %s; written %s", best, args.out)


if __name__ == "__main__":
    main()
