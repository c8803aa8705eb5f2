"""Runs an assistant over dataset items and scores every turn."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from statistics import mean

from assistant.assistant import Assistant, Conversation

from .dataset import Item
from .scoring import TurnScore, score_turn


@dataclass
class ItemResult:
    item: Item
    turns: list[TurnScore]


def run_items(assistant: Assistant, items: Iterable[Item], progress: Callable | None = None, **ask) -> list[ItemResult]:
    results = []
    for item in (progress(list(items)) if progress else items):
        conversation = Conversation(assistant)
        scores = []
        for turn in item.as_turns():
            answer = conversation.ask(turn.question, **ask)
            retrieved = [p.chunk.text for p in assistant.search.search(answer.standalone_question, 10)]
            scores.append(score_turn(turn, answer.to_json(), retrieved))
        results.append(ItemResult(item, scores))
    return results


def summarise(results: list[ItemResult]) -> dict[str, float | None]:
    singles = [r.turns[0] for r in results if r.item.kind != "conversation"]
    answerable = [t for t in singles if t.answerable]
    unanswerable = [t for t in singles if not t.answerable]
    followups = [t for r in results if r.item.kind == "conversation" for t in r.turns[1:]]
    cited = [t for t in answerable if not t.abstained]

    def avg(values):
        values = [v for v in values if v is not None]
        return round(float(mean(values)), 4) if values else None

    abstained = [t for t in singles if t.abstained]
    return {
        "items": len(results),
        "correctness": avg([t.correct for t in answerable]),
        "fact_recall": avg([t.fact_recall for t in answerable]),
        "token_f1": avg([t.f1 for t in answerable]),
        "citation_precision": avg([t.citation_precision for t in cited]),
        "citation_recall": avg([t.cited_evidence for t in answerable]),
        "supported_rate": avg([t.supported_rate for t in cited]),
        "refusal_recall": avg([t.abstained for t in unanswerable]),
        "refusal_precision": avg([not t.answerable for t in abstained]),
        "false_refusal_rate": avg([t.abstained for t in answerable]),
        "followup_accuracy": avg([t.correct for t in followups]),
        "recall_at_5": avg([t.retrieval_rank is not None and t.retrieval_rank <= 5 for t in answerable]),
        "mrr": avg([1 / t.retrieval_rank if t.retrieval_rank else 0.0 for t in answerable]),
    }
