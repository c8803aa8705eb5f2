"""What decides a list answer, measured on list questions written for training (not the evaluation's):

    python -m evals.measure_lists [--readings build/list_readings.json]

The questions, the index and the readings are tune_lists' (the 250 answerable list questions the
shipped list reader was not trained on and the 100 no indexed release answers, over the same draw of
Senate releases with the evaluation's dropped), read as served at the shipped release gap. Two
questions, each answered beside the shipped setting:

1. Whether a list answers at all. Shipped: the sentence reader's best candidate passes the one-fact
   threshold, or the list reader's likeliest item reaches `list_item_answer`. Measured: every pair of
   bars on the two readers (the answerable and unanswerable lists each refuses, and the pairs no other
   pair beats on both), and logistic models over what the reading holds (`FEATURES`), fitted out of
   fold (5 stratified folds, 5 seeds): their ROC AUC and, at as many answerable lists refused as the
   shipped rule, the unanswerable ones refused.
2. Which sentences an answering list keeps. Shipped: every candidate with at least `list_ratio` of the
   best one's item probability. Measured: that share, an absolute bar on the item probability, and
   both, by mean list F1 (the tasks evaluation's, without the near-duplicate merge `choose` adds).

Prints tables; writes nothing: a setting it shows better is chosen by the script that owns it."""

from __future__ import annotations

import argparse
import json
import math
from dataclasses import asdict, dataclass
from pathlib import Path
from statistics import mean

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import StratifiedKFold

from assistant.answer.tasks import TaskConfig
from assistant.reader.onnx_reader import MODEL_DIR, ReaderConfig

from .tasks import contains_any
from .tune_lists import LIST_DATA, ReadList, read_question_sets

FEATURES = {
    "item": "logit of the list reader's likeliest item",
    "sentence": "logit of the sentence reader's best candidate",
    "match": "the best release's topic-match probability (1: the question names only a period or an issuer)",
    "sure": "log(1 + candidates the list reader gives at least 0.5)",
    "top3": "mean probability of the three likeliest items",
    "prerank": "the best pre-rank score",
}
FEATURE_SETS = (("item",), ("item", "sentence"), ("item", "sentence", "match"), ("item", "sentence", "sure"),
                ("item", "sentence", "match", "sure", "top3"), tuple(FEATURES))
SEEDS = (13, 14, 15, 16, 17)
PROBABILITIES = (0.0001, 0.02, 0.05, 0.08, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99)


@dataclass(frozen=True)
class Candidate:
    release: str
    sentence: float  # the sentence reader's probability
    item: float  # the list reader's
    prerank: float
    names: tuple[int, ...]  # the question's items it names


@dataclass(frozen=True)
class Reading:
    id: str
    answerable: bool
    covered: bool  # the coverage bar lets it through
    items: int
    best_match: float
    candidates: tuple[Candidate, ...]  # at the shipped release gap

    def feature(self, name: str) -> float:
        items = sorted((c.item for c in self.candidates), reverse=True)
        return {"item": _logit(items[0] if items else 0.0),
                "sentence": _logit(max((c.sentence for c in self.candidates), default=0.0)),
                "match": self.best_match, "sure": math.log1p(sum(p >= 0.5 for p in items)),
                "top3": sum(items[:3]) / 3, "prerank": max((c.prerank for c in self.candidates), default=0.0)}[name]

    def answers(self, sentence_bar: float, item_bar: float) -> bool:
        return self.covered and any(c.sentence >= sentence_bar or c.item >= item_bar for c in self.candidates)

    def f1(self, ratio: float, bar: float) -> float:
        """The list F1 of keeping every candidate with at least `ratio` of the best item probability and
        at least `bar`."""
        best = max((c.item for c in self.candidates), default=0.0)
        kept = [c for c in self.candidates if c.item >= max(ratio * best, bar)]
        if not kept:
            return 0.0
        precision = sum(bool(c.names) for c in kept) / len(kept)
        recall = len({i for c in kept for i in c.names}) / self.items
        return 2 * precision * recall / (precision + recall) if precision and recall else 0.0


def as_reading(read: ReadList, answerable: bool, gap: float) -> Reading:
    reading = read.reading.from_releases(read.matches, gap)
    matches = read.matches
    candidates = tuple(
        Candidate(s.passage.chunk.release_id, s.probability, p, s.prerank,
                  tuple(i for i, variants in enumerate(read.items) if contains_any(s.text, variants)))
        for s, p in zip(reading.scored, reading.item_probabilities))
    best = 1.0 if matches is None else max(matches.values(), default=0.0)
    return Reading(read.id, answerable, read.covered, len(read.items), best, candidates)


def load(path: Path) -> list[Reading]:
    return [Reading(**{**r, "candidates": tuple(Candidate(**{**c, "names": tuple(c["names"])}) for c in r["candidates"])})
            for r in json.loads(path.read_text(encoding="utf-8"))]


def refused(readings: list[Reading], answers: list[bool]) -> tuple[int, int]:
    """(answerable lists refused, unanswerable lists refused)."""
    return (sum(r.answerable and not a for r, a in zip(readings, answers)),
            sum(not r.answerable and not a for r, a in zip(readings, answers)))


def bar_pairs(readings: list[Reading], shipped: tuple[float, float]) -> None:
    print("\n1. Whether a list answers: a bar on each reader (answer when either passes)")
    points = {}
    for s in sorted({*PROBABILITIES, shipped[0]}):
        for i in sorted({*PROBABILITIES, shipped[1], 1.01}):
            points[(s, i)] = refused(readings, [r.answers(s, i) for r in readings])
    frontier = [k for k, (w, r) in points.items()
                if not any(w2 <= w and r2 >= r and (w2, r2) != (w, r) for w2, r2 in points.values())]
    print(f"shipped (sentence {shipped[0]}, item {shipped[1]}): answerable refused {points[shipped][0]}, "
          f"unanswerable refused {points[shipped][1]}")
    print("pairs no other pair beats on both (sentence bar, item bar: answerable refused, unanswerable refused):")
    for key in sorted(set(points[k] for k in frontier)):
        pairs = [k for k in frontier if points[k] == key]
        print(f"  {key[0]:3d} {key[1]:3d}  e.g. {pairs[0]}")


def models(readings: list[Reading], shipped_wrong: int) -> None:
    print("\n   logistic models over the reading, out of fold (the coverage bar refuses first):")
    covered = [r for r in readings if r.covered]
    uncovered = refused([r for r in readings if not r.covered], [False] * (len(readings) - len(covered)))
    y = np.array([r.answerable for r in covered])
    for names in FEATURE_SETS:
        x = np.array([[r.feature(n) for n in names] for r in covered])
        p = np.zeros(len(covered))
        for seed in SEEDS:
            for train, held in StratifiedKFold(5, shuffle=True, random_state=seed).split(x, y):
                p[held] += LogisticRegression().fit(x[train], y[train]).predict_proba(x[held])[:, 1] / len(SEEDS)
        best = 0
        for t in sorted(set(p)):
            wrong, right = refused(covered, list(p >= t))
            if wrong + uncovered[0] <= shipped_wrong:
                best = max(best, right)
        print(f"  {'+'.join(names)}: AUC {roc_auc_score(y, p):.4f}; unanswerable refused with at most "
              f"{shipped_wrong} answerable refused: {best + uncovered[1]}")


def selection(readings: list[Reading], shipped: tuple[float, float], ratio: float) -> None:
    answering = [r for r in readings if r.answerable]
    print(f"\n2. Which sentences a list keeps: mean list F1 of the {len(answering)} answerable lists "
          "(refused ones 0) by share of the best item probability (rows) and absolute bar (columns)")
    bars = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.7)
    print("share  " + " ".join(f"{b:>6}" for b in bars))
    for share in (0.0, 0.1, 0.2, 0.3, 0.5):
        f1s = [mean(r.f1(share, bar) if r.answers(*shipped) else 0.0 for r in answering) for bar in bars]
        mark = " (shipped share, no bar)" if share == ratio else ""
        print(f"{share:5}  " + " ".join(f"{v:6.4f}" for v in f1s) + mark)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--readings", type=Path, help="keep the readings here; read them from it when it exists")
    parser.add_argument("--questions", type=Path, default=LIST_DATA / "list_questions_added.jsonl.gz")
    parser.add_argument("--unanswerable", type=Path, default=LIST_DATA / "list_unanswerable.jsonl.gz")
    parser.add_argument("--releases", type=Path, default=Path("../shared/data/senate-press-releases-10k.jsonl.gz"))
    parser.add_argument("--exclude", type=Path, default=Path(__file__).parent / "datasets" / "senate-releases.jsonl.gz")
    parser.add_argument("--background", type=int, default=400)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)

    if args.readings and args.readings.exists():
        readings = load(args.readings)
        print(f"readings from {args.readings}")
    else:
        answerable, unanswerable = read_question_sets(args)
        gap = TaskConfig.read().list_release_gap
        readings = [as_reading(r, True, gap) for r in answerable] + [as_reading(r, False, gap) for r in unanswerable]
        if args.readings:
            args.readings.parent.mkdir(parents=True, exist_ok=True)
            args.readings.write_text(json.dumps([asdict(r) for r in readings]), encoding="utf-8")
    config = TaskConfig.read()
    shipped = (round(ReaderConfig.read(MODEL_DIR).threshold, 4), config.list_item_answer or 1.01)
    answerable = sum(r.answerable for r in readings)
    print(f"{answerable} answerable and {len(readings) - answerable} unanswerable list questions; the coverage "
          f"bar refuses {sum(not r.covered for r in readings)} ({sum(not r.covered and r.answerable for r in readings)} answerable)")
    bar_pairs(readings, shipped)
    models(readings, refused(readings, [r.answers(*shipped) for r in readings])[0])
    selection(readings, shipped, config.list_ratio)


def _logit(p: float) -> float:
    p = min(max(p, 1e-4), 1 - 1e-4)
    return math.log(p / (1 - p))


if __name__ == "__main__":
    main()
