"""Tunes the extractive answerer's weights and refusal thresholds on a dataset's dev split.

Retrieval and sentence features are computed once per question; each configuration only re-decides.
Usage: python -m evals.tune [--dataset seed] [--split dev]"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from dataclasses import replace

from assistant.citations import cite_sentences
from assistant.extractive import ExtractiveAnswerer, ExtractiveConfig
from assistant.factory import build_assistant
from assistant.question import analyse
from assistant.settings import Settings

from .dataset import load
from .scoring import fact_recall, normalise

GRID = {
    "similarity_weight": [0.4, 0.5, 0.6, 0.7],
    "min_score": [0.25, 0.30, 0.35, 0.40, 0.45],
    "min_focus": [0.7, 0.75, 0.8, 0.9, 1.0],
    "min_topic": [0.0, 0.2, 0.3, 0.4],
    "topic_min_terms": [1, 2],
}


def features(assistant, items):
    rows = []
    for item in items:
        for turn in item.as_turns()[:1]:  # follow-ups depend on earlier answers; tuned singles only
            profile = analyse(turn.question)
            vector = assistant.search.store.embeddings.embed_query(turn.question)
            passages = assistant.search.search(turn.question, assistant.default_k, query_vector=vector)
            idf = assistant.search.store.lexical.idf(profile.terms)
            rows.append((turn, profile, assistant.extractive.score(profile, passages, vector, idf)))
    return rows


def evaluate(rows, config: ExtractiveConfig) -> dict:
    answerer = ExtractiveAnswerer(None, config)
    correct = refused_right = false_refusals = answerable = unanswerable = 0
    for turn, profile, ranked in rows:
        rescored = sorted((replace(s, score=answerer.combine(s.similarity, s.overlap)) for s in ranked),
                          key=lambda s: (-s.score, s.passage.rank, s.start))
        selection = answerer.decide(profile, rescored)
        if turn.answerable:
            answerable += 1
            if not selection.sentences:
                false_refusals += 1
            else:
                text, citations = cite_sentences(selection.sentences)
                cited = any(normalise(turn.evidence) in normalise(c.text) for c in citations)
                correct += fact_recall(text, turn.key_facts) == 1.0 and cited
        else:
            unanswerable += 1
            refused_right += not selection.sentences
    return {
        "correctness": correct / max(answerable, 1),
        "refusal_recall": refused_right / max(unanswerable, 1),
        "false_refusal_rate": false_refusals / max(answerable, 1),
    }


def objective(m: dict) -> float:
    return m["correctness"] + m["refusal_recall"] - 2 * max(0.0, m["false_refusal_rate"] - 0.05)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--case", action="append", metavar="DATASET[:INDEX_DIR]",
                        help="a dataset and the index to run it on; repeat to tune on several (the objective "
                             "sums over them). Default: seed on the configured index")
    parser.add_argument("--split", default="dev")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args()
    row_sets = []
    for case in args.case or ["seed"]:
        dataset, _, index = case.partition(":")
        items = [i for i in load(dataset) if i.split == args.split and i.kind != "conversation"]
        assistant = build_assistant(Settings.load(**({"index_dir": Path(index)} if index else {})))
        assistant.warm_up()
        row_sets.append(features(assistant, items))
    results = []
    for values in itertools.product(*GRID.values()):
        params = dict(zip(GRID, values))
        params["overlap_weight"] = round(1 - params["similarity_weight"], 2)
        config = replace(ExtractiveConfig(), **params)
        metrics = [evaluate(rows, config) for rows in row_sets]
        results.append((sum(objective(m) for m in metrics), params, metrics))
    results.sort(key=lambda r: -r[0])
    print("current default:", [json.dumps(evaluate(rows, ExtractiveConfig())) for rows in row_sets])
    for score, params, metrics in results[: args.top]:
        shown = [json.dumps({k: round(v, 3) for k, v in m.items()}) for m in metrics]
        print(f"{score:.3f} {json.dumps(params)} {' | '.join(shown)}")


if __name__ == "__main__":
    main()
