"""Per-item results and their aggregation into the summary metrics."""

from __future__ import annotations

from dataclasses import dataclass
from statistics import mean

from .calibration import Outcome, ece
from .dataset import CHAT_KINDS, Item
from .scoring import TurnScore


@dataclass
class ItemResult:
    item: Item
    turns: list[TurnScore]


def summarise(results: list[ItemResult]) -> dict[str, float | None]:
    singles = [r.turns[0] for r in results if r.item.kind not in CHAT_KINDS]
    answerable = [t for t in singles if t.answerable]
    unanswerable = [t for t in singles if not t.answerable]
    followups = [t for r in results if r.item.kind == "conversation" for t in r.turns[1:]]
    cited = [t for t in answerable if not t.abstained]

    def avg(values):
        values = [v for v in values if v is not None]
        return round(float(mean(values)), 4) if values else None

    abstained = [t for t in singles if t.abstained]
    outcomes = outcomes_of(results)
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
        "followup_answered": avg([t.correct for t in followups if t.answerable]),  # answerable follow-ups right
        "followup_refused": avg([t.correct for t in followups if not t.answerable]),  # unanswerable ones refused
        # the follow-up's standalone rewrite names what it leaves implicit (gold referents, where labelled)
        "rewrite_accuracy": avg([t.rewrite_right for t in followups]),
        # the new question right after a chat moves on to another release
        "topic_change_accuracy": avg([r.turns[-1].correct for r in results if r.item.kind == "topic_change"]),
        # the short answers marked inside quotes: the share that give a key fact, and of answerable questions
        # the share answered with a right one
        "short_answer_precision": avg([t.short_answer_right for t in singles]),
        "short_answers_right": avg([bool(t.short_answer_right) for t in answerable]),
        # yes/no answers: the share of verdicts given that are right, and of the answerable yes/no questions
        # the share answered with the right one (None while no answer gives one: the label ships off)
        "verdict_precision": avg([t.verdict_right for t in singles]),
        "verdicts_right": avg([bool(t.verdict_right) for t in singles if t.verdict])
        if any(t.verdict_right is not None for t in singles) else None,
        "recall_at_5": avg([t.retrieval_rank is not None and t.retrieval_rank <= 5 for t in answerable]),
        "mrr": avg([1 / t.retrieval_rank if t.retrieval_rank else 0.0 for t in answerable]),
        "ece": ece(outcomes) if outcomes else None,
    }


def outcomes_of(results: list[ItemResult]) -> list[Outcome]:
    """Confidence and outcome of each single question (systems that report a confidence only)."""
    return [Outcome(t.confidence, t.answerable, bool(t.best_correct))
            for r in results if r.item.kind not in CHAT_KINDS for t in r.turns if t.confidence is not None]


def topic_changes(items: list[Item]) -> list[Item]:
    """For each conversation, its first question followed by the first question of the next conversation
    of its split (in the file's order, wrapping) about another release: a chat that moves on, whose second
    question must be read as a question of its own, not as a follow-up. None in a set about one release."""
    out = []
    for split in dict.fromkeys(i.split for i in items):
        chats = [i for i in items if i.kind == "conversation" and i.split == split]
        for n, item in enumerate(chats):
            first = item.turns[0]
            other = next((o for o in chats[n + 1:] + chats[:n] if o.turns[0].release_id != first.release_id), None)
            if other is not None:
                out.append(Item(id=f"{item.id}>{other.id}", split=split, kind="topic_change",
                                turns=[first, other.turns[0]]))
    return out
