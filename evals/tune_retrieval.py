"""Compares fusion methods and weights on a dataset's dev split: recall@k and MRR of the passage
holding each answerable item's evidence. Usage: python -m evals.tune_retrieval [--dataset seed]"""

from __future__ import annotations

import argparse
from dataclasses import replace

from assistant.factory import build_assistant
from assistant.settings import Settings

from .dataset import load

CANDIDATES = [("dense", 1.0), ("lexical", 0.0)] + [(f, w) for f in ("rrf", "weighted")
                                                     for w in (0.3, 0.4, 0.5, 0.6, 0.7, 0.8)]


def measure(search, turns, k: int = 5) -> dict[str, float]:
    hits, reciprocal = 0, 0.0
    for turn in turns:
        passages = search.search(turn.question, 10)
        rank = next((i + 1 for i, p in enumerate(passages) if turn.evidence in p.chunk.text), None)
        hits += rank is not None and rank <= k
        reciprocal += 1 / rank if rank else 0.0
    return {f"recall@{k}": hits / len(turns), "mrr": reciprocal / len(turns)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset", default="seed")
    parser.add_argument("--split", default="dev")
    args = parser.parse_args()
    assistant = build_assistant(Settings.load())
    assistant.warm_up()
    turns = [t for i in load(args.dataset) if i.split == args.split for t in i.as_turns()[:1] if t.answerable]
    print(f"{len(turns)} answerable {args.split} questions, {assistant.search.store.count_chunks()} chunks")
    for fusion, weight in CANDIDATES:
        search = replace(assistant.search, fusion=fusion, dense_weight=weight)
        m = measure(search, turns)
        print(f"{fusion:8} dense_weight={weight:.1f}  recall@5={m['recall@5']:.3f}  mrr={m['mrr']:.3f}")


if __name__ == "__main__":
    main()
