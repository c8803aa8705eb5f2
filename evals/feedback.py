"""The `feedback` dataset: the questions people voted on in the web chat (`feedback.jsonl` in the index
folder), asked again of the current assistant on the current index.

What each vote becomes (format in evals/datasets/README.md):
- `"unanswerable": true` added by a person: right when the answer refuses;
- `"expected_quote"` added by a person: right when the answer cites that sentence (found in the release
  text, so by release id and offsets);
- a liked answer: a regression item, right when the new answer still cites every sentence the liked one
  cited (release id and offsets), or still refuses when a refusal was liked;
- a disliked answer nobody has graded: not scored, listed "to review" with the voted and the new answer.
The question asked is the one the voted answer searched (`standalone_question`), so follow-ups stand alone."""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from assistant.errors import AssistantError
from assistant.feedback import FeedbackError, FeedbackLog, NumberedFeedback
from assistant.ingest.library import Library

from .dataset import CitedSpan, DatasetError, Item
from .scoring import TurnScore

FEEDBACK = "feedback"
TO_REVIEW = "to review"


@dataclass(frozen=True)
class Review:
    """A disliked answer without an expected outcome: shown, not scored."""

    line: int
    question: str
    voted_answer: str
    comment: str | None


@dataclass(frozen=True)
class FeedbackSet:
    path: Path
    items: list[Item]  # gradeable votes, id "line-<n>"
    to_review: list[Review]


def read_votes(index_dir: Path) -> tuple[Path, list[NumberedFeedback]]:
    """The votes, or a one-line DatasetError (no file, no votes, a malformed line with its number)."""
    log = FeedbackLog(index_dir)
    try:
        votes = log.numbered()
    except FeedbackError as exc:
        raise DatasetError(str(exc)) from None
    if not votes:
        raise DatasetError(f"{log.path}: no feedback yet (like or dislike answers in the web chat first)")
    return log.path, votes


def build(path: Path, votes: list[NumberedFeedback], library: Library) -> FeedbackSet:
    texts = ReleaseTexts(library)
    items, reviews = [], []
    for numbered in votes:
        vote, where = numbered.vote, f"{path}:{numbered.line}"
        answer = vote.answer
        question = answer.get("standalone_question") or vote.question
        base = {"id": f"line-{numbered.line}", "split": "test", "question": question}
        if vote.unanswerable:
            items.append(Item(**base, kind="unanswerable", answerable=False))
        elif vote.expected_quote is not None:
            span = texts.locate(vote.expected_quote, vote.expected_release_id, _cited_ids(answer), where)
            items.append(_answerable(base, "expected quote", [span]))
        elif vote.liked and answer.get("abstained"):
            items.append(Item(**base, kind="liked refusal", answerable=False))
        elif vote.liked and answer.get("citations"):
            items.append(_answerable(base, "liked answer", _spans(answer["citations"], where)))
        else:
            reviews.append(Review(numbered.line, question, str(answer.get("answer", "")), vote.comment))
    return FeedbackSet(path, items, reviews)


def _answerable(base: dict, kind: str, spans: list[CitedSpan]) -> Item:
    return Item(**base, kind=kind, answerable=True, key_facts=[[s.quote] for s in spans], evidence=spans[0].quote,
                release_id=spans[0].release_id, cites=spans)


def _spans(citations: list, where: str) -> list[CitedSpan]:
    out = []
    for n, c in enumerate(citations):
        try:
            out.append(CitedSpan(release_id=c["release_id"], start=c["start"], end=c["end"], quote=c["quote"]))
        except (KeyError, TypeError, ValueError):
            raise DatasetError(f"{where}: answer.citations[{n}]: needs release_id, start, end and quote") from None
    return out


def _cited_ids(answer: dict) -> list[str]:
    return [c["release_id"] for c in (answer.get("citations") or []) + (answer.get("related") or [])
            if isinstance(c, dict) and isinstance(c.get("release_id"), str)]


class ReleaseTexts:
    """Release texts read from the corpus on demand (an expected quote is looked up in the releases the
    voted answer cited first, then in all of them)."""

    def __init__(self, library: Library):
        self.library = library
        self._texts: dict[str, str | None] = {}

    def text(self, release_id: str) -> str | None:
        if release_id not in self._texts:
            try:
                self._texts[release_id] = self.library.show(release_id).text
            except AssistantError:
                self._texts[release_id] = None
        return self._texts[release_id]

    def locate(self, quote: str, release_id: str | None, preferred: list[str], where: str) -> CitedSpan:
        candidates = [release_id] if release_id else list(dict.fromkeys(
            preferred + [r.id for r in self.library.releases()]))
        # a quote copied from the page may have other white space than the file (line breaks in passages)
        pattern = re.compile(r"\s+".join(re.escape(w) for w in quote.split()))
        for rid in candidates:
            found = pattern.search(self.text(rid) or "")
            if found:
                return CitedSpan(release_id=rid, start=found.start(), end=found.end(), quote=found.group())
        place = f"release {release_id}" if release_id else "any release of the index"
        raise DatasetError(f"{where}: expected_quote is not verbatim in {place}")


def review_rows(ask: Callable[[str], dict], reviews: list[Review]) -> list[dict]:
    """Per-question rows (the report's shape, nothing scored) with what was answered then and now."""
    rows = []
    for review in reviews:
        started = time.perf_counter()
        answer = ask(review.question)
        latency = answer.get("timings_ms", {}).get("total") or (time.perf_counter() - started) * 1000
        score = TurnScore(review.question, answer["standalone_question"], True, answer["answer"], answer["abstained"],
                          correct=None, fact_recall=None, f1=None, cited_evidence=None, citation_precision=None,
                          supported_rate=None, retrieval_rank=None, latency_ms=latency,
                          confidence=answer.get("confidence"))
        rows.append({"id": f"line-{review.line}", "kind": TO_REVIEW, **asdict(score),
                     "voted_answer": review.voted_answer, "comment": review.comment})
    return rows


def review_note(report) -> str | None:
    """One line naming the votes still to grade, for the CLI and the web app."""
    lines = [r["id"].removeprefix("line-") for r in report.systems["assistant"]["questions"] if r["kind"] == TO_REVIEW]
    if not lines:
        return None
    where = f"line{'s' if len(lines) > 1 else ''} {', '.join(lines)} of {report.corpus['feedback']}"
    return (f"{len(lines)} disliked answer{'s' if len(lines) > 1 else ''} to review ({where}): "
            "add \"expected_quote\" or \"unanswerable\": true to a line to grade it")


def regressions(report) -> list[str]:
    """Scored votes the current assistant gets wrong (for `--gate`: a liked answer that changed fails CI)."""
    return [f"{r['id']} ({r['kind']}) is no longer right: {r['question']}"
            for r in report.systems["assistant"]["questions"] if r["kind"] != TO_REVIEW and r["correct"] is False]
