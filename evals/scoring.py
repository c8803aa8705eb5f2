"""Per-question scores of one answer against one dataset turn."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .dataset import Turn


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().replace("’", "'")
    return re.sub(r"\s+", " ", re.sub(r"\[\d+\]", " ", text)).strip()


def fact_recall(answer: str, key_facts: list[list[str]]) -> float:
    if not key_facts:
        return 0.0
    got = normalise(answer)
    return sum(any(normalise(v) in got for v in group) for group in key_facts) / len(key_facts)


SHORT_ANSWER_F1 = 0.5  # a marked short answer gives a key fact at this token F1 (evals.measure_short_answer's bar)


def token_f1(answer: str, reference: str | None) -> float | None:
    if not reference:
        return None
    a, r = Counter(re.findall(r"\w+", normalise(answer))), Counter(re.findall(r"\w+", normalise(reference)))
    common = sum((a & r).values())
    if not common:
        return 0.0
    precision, recall = common / sum(a.values()), common / sum(r.values())
    return 2 * precision * recall / (precision + recall)


@dataclass
class TurnScore:
    question: str
    standalone: str
    answerable: bool
    answer: str
    abstained: bool
    correct: bool | None  # answerable: all key facts present and not abstained
    fact_recall: float | None
    f1: float | None
    cited_evidence: bool | None  # answerable: a citation holds the evidence
    citation_precision: float | None  # cited passages holding the evidence or a key fact
    supported_rate: float | None
    retrieval_rank: int | None  # rank of the first retrieved passage holding the evidence
    latency_ms: float
    confidence: float | None = None  # the system's probability that its best sentence answers
    best_correct: bool | None = None  # that sentence (quoted, or the first related one on a refusal) holds the key facts
    rewrite_right: bool | None = None  # a follow-up: its standalone question names every gold referent
    # the short answer marked inside the quote: a key fact's words (token F1 >= SHORT_ANSWER_F1 against one
    # of its alternatives or the reference answer); None when none is marked
    short_answer_right: bool | None = None
    # the answer says yes or no (`verdict`): whether that is the item's gold verdict (a verdict on a question
    # with none, a wh-question or one the release leaves open, is wrong); None when it says neither
    verdict_right: bool | None = None
    verdict: str | None = None  # the gold verdict of a yes/no question the release settles


def verdict_right(turn: Turn, answer: dict) -> bool | None:
    """Whether the answer's yes or no is the item's; None when the answer gives none (or refuses)."""
    given = answer.get("verdict")
    if not given or answer["abstained"]:
        return None
    return given == turn.verdict


def rewrite_right(turn: Turn, standalone: str) -> bool | None:
    """Whether `standalone` names each thing the follow-up left implicit (`Turn.must_mention`); None unlabelled."""
    if not turn.must_mention:  # unlabelled, or a follow-up that stands alone: nothing to name
        return None
    # each string at the start of a word: the labels' stems ("dialog") match, "act" does not match "impact"
    return all(any(re.search(rf"(?<!\w){re.escape(s)}", standalone, re.I) for s in group)
               for group in turn.must_mention)


def short_answer_right(turn: Turn, answer: dict) -> bool | None:
    """Whether the marked short answer gives a key fact (token F1 of at least SHORT_ANSWER_F1 against one of
    its alternatives, or the reference answer); wrong on a question the release does not answer; None when
    no short answer is marked."""
    short = answer.get("short_answer")
    if not short or answer["abstained"]:
        return None
    if not turn.answerable:
        return False
    golds = [v for group in turn.key_facts for v in group] + ([turn.reference] if turn.reference else [])
    return any((token_f1(short, gold) or 0.0) >= SHORT_ANSWER_F1 for gold in golds)


def score_turn(turn: Turn, answer: dict, retrieved: list[str]) -> TurnScore:
    citations = answer["citations"]
    evidence = normalise(turn.evidence) if turn.evidence else None
    facts = [normalise(v) for g in turn.key_facts for v in g]

    def holds(text: str) -> bool:
        t = normalise(text)
        return bool(evidence and evidence in t) or any(f in t for f in facts)

    rank = next((i + 1 for i, text in enumerate(retrieved) if evidence and evidence in normalise(text)), None)
    confidence = answer.get("confidence")
    best = answer["answer"] if not answer["abstained"] else (answer["related"][0]["quote"] if answer["related"] else "")
    best_correct = bool(turn.answerable and best and fact_recall(best, turn.key_facts) == 1.0)
    if turn.answerable:
        recall = fact_recall(answer["answer"], turn.key_facts) if not answer["abstained"] else 0.0
        return TurnScore(
            turn.question, answer["standalone_question"], True, answer["answer"], answer["abstained"],
            correct=not answer["abstained"] and recall == 1.0, fact_recall=recall,
            f1=token_f1(answer["answer"], turn.reference) if not answer["abstained"] else 0.0,
            cited_evidence=any(evidence in normalise(c["text"]) for c in citations),
            citation_precision=(sum(holds(c["text"]) for c in citations) / len(citations)) if citations else None,
            supported_rate=(sum(c["supported"] for c in citations) / len(citations)) if citations else None,
            retrieval_rank=rank, latency_ms=answer["timings_ms"].get("total", 0.0),
            confidence=confidence, best_correct=best_correct,
            rewrite_right=rewrite_right(turn, answer["standalone_question"]),
            short_answer_right=short_answer_right(turn, answer),
            verdict_right=verdict_right(turn, answer), verdict=turn.verdict,
        )
    return TurnScore(
        turn.question, answer["standalone_question"], False, answer["answer"], answer["abstained"],
        correct=answer["abstained"], fact_recall=None, f1=None, cited_evidence=None,
        citation_precision=None, supported_rate=None, retrieval_rank=None,
        latency_ms=answer["timings_ms"].get("total", 0.0), confidence=confidence, best_correct=False,
        rewrite_right=rewrite_right(turn, answer["standalone_question"]),
        short_answer_right=short_answer_right(turn, answer),
        verdict_right=verdict_right(turn, answer),
    )
