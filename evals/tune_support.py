"""Measures the citation check's support scores on true and false claims built from a dataset, and
picks the threshold that separates them best on the dev split.

True claims: each item's reference answer (a paraphrase) against the passage holding its evidence.
False claims: another item's reference against that passage, and the reference with a key fact
swapped for another item's. Usage: python -m evals.tune_support [--dataset seed] [--checker overlap|reader]

`--checker reader` measures the trained reader as the check instead: the best probability, over the
passage's sentences, that the sentence answers the claim read as a question."""

from __future__ import annotations

import argparse
import random

from assistant.answer.support import SupportChecker
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.factory import build_assistant
from assistant.settings import Settings

from .dataset import load


def pairs(items, search):
    rng = random.Random(0)
    answerable = [i for i in items if i.kind != "conversation" and i.answerable and i.reference]
    out = []
    for item in answerable:
        passage = next((p for p in search.search(item.evidence, 3) if item.evidence in p.chunk.text), None)
        if passage is None:
            continue
        others = [o for o in answerable if o.evidence not in passage.chunk.text
                  and not any(v in passage.chunk.text for g in o.key_facts for v in g)]
        if not others:
            continue
        other = rng.choice(others)
        out.append((item.split, item.reference, passage, True))
        out.append((item.split, other.reference, passage, False))
        fact, swap = item.key_facts[0][0], other.key_facts[0][0]
        if fact in item.reference and swap.lower() not in passage.chunk.text.lower():
            out.append((item.split, item.reference.replace(fact, swap), passage, False))
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset", default="seed")
    parser.add_argument("--checker", choices=["overlap", "reader"], default="overlap")
    args = parser.parse_args()
    assistant = build_assistant(Settings.load())
    assistant.warm_up()
    checker = SupportChecker(assistant.search.store)
    if args.checker == "reader":
        reader = assistant.extractive.reader

        def score(claim, passage):
            sentences = ExtractiveAnswerer.candidates(claim, [passage], {})
            return float(reader.probabilities([c.reader_input(claim, dated=True) for c in sentences]).max())
    else:
        def score(claim, passage):
            return checker.support(claim, passage).score
    scored = [(split, score(claim, passage), label)
              for split, claim, passage, label in pairs(load(args.dataset), assistant.search)]
    best = None
    for step in range(1, 100):
        threshold = step / 100
        dev = [(s >= threshold) == label for split, s, label in scored if split == "dev"]
        accuracy = sum(dev) / len(dev)
        if best is None or accuracy > best[1]:
            best = (threshold, accuracy)
    def accuracy_at(threshold: float, split: str) -> float:
        right = [(s >= threshold) == label for part, s, label in scored if part == split]
        return sum(right) / len(right)

    threshold = best[0]
    print(f"{len(scored)} claims; best dev threshold {threshold:.2f} (dev accuracy {best[1]:.3f}); "
          f"test accuracy at it {accuracy_at(threshold, 'test'):.3f}; current threshold {checker.threshold} "
          f"(dev {accuracy_at(checker.threshold, 'dev'):.3f}, test {accuracy_at(checker.threshold, 'test'):.3f})")
    for label in (True, False):
        values = sorted(round(s, 2) for _, s, lab in scored if lab is label)
        print(f"{'true ' if label else 'false'} claims: {values}")


if __name__ == "__main__":
    main()
