"""Measures, on the dev splits only, how well each signal tells a question whose topic some release
covers from one about a subject no release covers (summaries, lists, searches, "the latest"), in the
tasks corpus and in the seed release alone:

- the match model's probability for the best-matching release (`cover_probability` is its bar, as shipped);
- the sentence reader's best probability over the best pre-ranked sentences of the topic's passages
  (`reader_coverage` below, for several counts of sentences);
- the list reader's best item probability over the candidates a list reads.

The reader scores a question and one sentence, so unlike the match model (word rarity and retrieval
scores of this corpus) its inputs mean the same in a corpus of one release as in one of thousands.
Prints each signal's ROC AUC per corpus, and for each pair of bars the share of answerable and of
unanswerable questions refused, with the pairs that keep within the refusal budget in both corpora.

    python -m evals.measure_coverage

Measured 2026-12-04 (subject-naming dev questions: tasks 131 answerable / 38 not, seed release 20 / 7):
ROC AUC match 0.873 / 0.700, reader over 20 sentences 0.837 / 0.821 (10: 0.827 / 0.814, 40: 0.822 /
0.821); the list reader's best item, over a list's candidates, 0.724 / 0.693. With the match bar as
shipped (0.45), a reader bar of 0.05 (the highest within the budget in both corpora) refused more of
these at the coverage test (tasks 0.50 -> 0.55, seed 0.14 -> 0.43). Served end to end on the dev splits
(`assistant eval --dataset tasks,seedtasks --split dev`, with and without it on the same machine) it
bought one right refusal of 48 on the tasks corpus (0.562 -> 0.583) and none on the seed release
(0.600): the questions it caught were lists, which the sentence reader's one-fact threshold refuses later
anyway. It cost one answerable search ("Which releases in 2007 mention crystal meth?"; false refusals
0.027 -> 0.034), searches 0.877 / 0.878 -> 0.858 / 0.868, and tripled the p50 latency (72 -> 203 ms
tasks, 16 -> 136 ms seed). Not taken."""

from __future__ import annotations

from itertools import product
from statistics import mean

import numpy as np

from assistant.answer.intents import Intent
from assistant.answer.tasks import Request, TaskAnswerer
from assistant.text import content_terms

from .answerability import auc
from .harness import prepared_assistant
from .tasks import TaskItem, load_items
from .tune_tasks import REFUSAL_BUDGET, cover_probabilities, request_of

READ = (10, 20, 40)  # `cover_read` counts measured
SIGNALS = ("match",) + tuple(f"reader@{k}" for k in READ) + ("list reader",)


def reader_coverage(tasks: TaskAnswerer, request: Request, read: int) -> float:
    """The sentence reader's best probability that a sentence answers the question, over the `read` best
    pre-ranked sentences of the passages retrieved for its topic (the passages a search reads)."""
    found = tasks.filter_passages(request)
    passages, _ = found or tasks.topic_passages(request, request.where)
    candidates = tasks.extractive.candidates(request.standalone, list(passages),
                                             tasks.store.idf(content_terms(request.standalone)))
    scored = tasks.extractive.score(request.standalone, candidates[:read])
    return max((s.probability for s in scored), default=0.0)


def signals(dataset: str) -> tuple[list[TaskItem], dict[str, dict[str, float]]]:
    """The dataset's dev items that name a subject (coverage can refuse only those), with each signal."""
    assistant = prepared_assistant(dataset)
    tasks, store = assistant.tasks, assistant.search.store
    items = [i for i in load_items(dataset) if i.split == "dev" and i.intent is not Intent.FACT]
    requests = {i.id: request_of(i.question, store, assistant.reference_day()) for i in items}
    cover = cover_probabilities(tasks, items, requests)
    items = [i for i in items if cover[i.id] < 1.0]  # 1.0: names only a period or an issuer, never refused
    values: dict[str, dict[str, float]] = {name: {} for name in SIGNALS}
    for item in items:
        request = requests[item.id]
        values["match"][item.id] = cover[item.id]
        for k in READ:
            values[f"reader@{k}"][item.id] = reader_coverage(tasks, request, k)
        values["list reader"][item.id] = max(tasks.list_reading(request).item_probabilities, default=0.0)
    return items, values


def refused_shares(items: list[TaskItem], refused: set[str]) -> tuple[float, float]:
    answerable = [i for i in items if not i.unanswerable]
    unanswerable = [i for i in items if i.unanswerable]
    return (round(mean(i.id in refused for i in answerable), 4),
            round(mean(i.id in refused for i in unanswerable), 4) if unanswerable else float("nan"))


def main() -> None:
    corpora = {name: signals(name) for name in ("tasks", "seedtasks")}
    for name, (items, values) in corpora.items():
        labels = np.array([not i.unanswerable for i in items])
        print(f"{name}: {int(labels.sum())} answerable and {int((~labels).sum())} unanswerable dev questions "
              "that name a subject")
        for signal in SIGNALS:
            scores = np.array([values[signal][i.id] for i in items])
            print(f"  {signal}: ROC AUC {auc(labels, scores):.3f}")
        for item in items:
            if item.unanswerable:
                print(f"    unanswerable {item.id} " + " ".join(f"{values[s][item.id]:.3f}" for s in SIGNALS)
                      + f"  {item.question[:90]}")
    reader_bars = [0.0, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.1, 0.15]
    for k in READ:
        rows = []
        for combo in product([0.35, 0.4, 0.45, 0.5], reader_bars):
            shares = {}
            for name, (items, values) in corpora.items():
                refused = {i.id for i in items if values["match"][i.id] < combo[0] or values[f"reader@{k}"][i.id] < combo[1]}
                shares[name] = refused_shares(items, refused)
            if all(answerable <= REFUSAL_BUDGET for answerable, _ in shares.values()):
                rows.append((round(mean(u for _, u in shares.values()), 4), combo, shares))
        rows.sort(key=lambda r: (-r[0], r[1]))
        print(f"reader over {k} sentences: bars (match, reader) within the budget ({REFUSAL_BUDGET}) in both corpora, "
              "best mean right refusals first; per corpus (answerable refused, unanswerable refused):")
        for row in rows[:8]:
            print("  ", row)
        print("   the match model alone:", [r for r in rows if r[1][1] == 0.0][:2])


if __name__ == "__main__":
    main()
