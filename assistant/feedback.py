"""Like/dislike feedback on answers, appended to `feedback.jsonl` in the index folder: the question,
the answer object and its citations, so a person can turn bad answers into evaluation items
(`assistant eval --dataset feedback`, format in evals/datasets/README.md).

A person grades a vote by adding one field to its line: `expected_quote` (the sentence the answer
should quote, optionally with `expected_release_id`) or `"unanswerable": true` (the releases do not
say, so the answer should refuse)."""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from pydantic import ConfigDict, TypeAdapter, ValidationError

from assistant.errors import AssistantError
from assistant.records import Answer

FEEDBACK_FILE = "feedback.jsonl"


class FeedbackError(AssistantError):
    """The feedback file is missing or has a line that is not a vote; names the file and line."""


@dataclass(frozen=True)
class Feedback:
    # a typo in a field a person adds ("expected_qoute") must fail loudly, not grade nothing
    __pydantic_config__ = ConfigDict(extra="forbid", strict=True)

    liked: bool
    question: str
    answer: dict  # Answer.to_json(): the answer text, citations (quotes, offsets), intent, confidence
    at: str  # ISO time, UTC
    comment: str | None = None
    expected_quote: str | None = None  # added by a person: the sentence a right answer quotes
    expected_release_id: str | None = None  # added by a person: the release that sentence is in
    unanswerable: bool | None = None  # added by a person: true when the releases do not say

    @property
    def graded(self) -> bool:
        """A person said what the right outcome is (otherwise a like stands for "keep this answer")."""
        return self.expected_quote is not None or bool(self.unanswerable)


@dataclass(frozen=True)
class NumberedFeedback:
    line: int  # 1-based line number in feedback.jsonl, so a person can find the vote
    vote: Feedback


_VOTE = TypeAdapter(Feedback)


class FeedbackLog:
    """One JSON line per vote; appends are whole lines (one write under a lock), so readers never see half."""

    _lock = threading.Lock()

    def __init__(self, index_dir: Path):
        self.path = Path(index_dir) / FEEDBACK_FILE

    def record(self, answer: Answer, liked: bool, comment: str | None = None) -> Feedback:
        vote = Feedback(liked, answer.question, answer.to_json(),
                        datetime.now(timezone.utc).isoformat(timespec="seconds"), comment or None)
        # written with the grading fields empty (null), so a person sees what to fill in
        line = json.dumps(asdict(vote), ensure_ascii=False) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        # one write of the whole line (bytes, unbuffered): a reader never sees half of it on Linux
        with self._lock, self.path.open("ab", buffering=0) as out:
            out.write(line.encode("utf-8"))
        return vote

    def read(self) -> list[Feedback]:
        """Every vote; an empty list when nobody has voted yet."""
        return [n.vote for n in self.numbered()] if self.path.exists() else []

    def numbered(self) -> list[NumberedFeedback]:
        """Every vote with its line number; raises FeedbackError for a missing file or a malformed line."""
        if not self.path.exists():
            raise FeedbackError(f"{self.path}: no feedback yet (like or dislike answers in the web chat first)")
        out = []
        lines = self.path.read_text(encoding="utf-8").split("\n")
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                out.append(NumberedFeedback(number, self._parse(line, number)))
            except FeedbackError:
                # a last line with no newline that is no JSON yet is a vote being written (the web chat
                # appends while a script reads); a person's edit without a final newline still parses
                if number == len(lines) and not _is_json(line):
                    break
                raise
        return out

    def _parse(self, line: str, number: int) -> Feedback:
        where = f"{self.path}:{number}"
        try:
            vote = _VOTE.validate_json(line)  # strict: "yes" is not a vote, 1 is not a question
        except ValidationError as exc:
            first = exc.errors()[0]
            if first["type"] == "json_invalid":
                raise FeedbackError(f"{where}: not JSON ({first['ctx'].get('error', 'invalid')})") from None
            field = ".".join(str(p) for p in first.get("loc", ()))
            unknown = first["type"] in ("extra_forbidden", "unexpected_keyword_argument")
            message = "unknown field" if unknown else first["msg"].lower()
            raise FeedbackError(f"{where}: {field + ': ' if field else ''}{message}") from None
        if vote.expected_quote is not None and vote.unanswerable:
            raise FeedbackError(f"{where}: expected_quote and unanswerable: true contradict each other; keep one")
        if vote.expected_release_id is not None and vote.expected_quote is None:
            raise FeedbackError(f"{where}: expected_release_id needs expected_quote")
        if vote.expected_quote is not None and not vote.expected_quote.strip():
            raise FeedbackError(f"{where}: expected_quote: empty")
        return vote


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True
