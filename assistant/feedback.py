"""Like/dislike feedback on answers, appended to `feedback.jsonl` in the index folder: the question,
the answer object and its citations, so a person can turn bad answers into evaluation items
(`assistant eval --dataset feedback`)."""

from __future__ import annotations

import json
import threading
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from pathlib import Path

from assistant.records import Answer

FEEDBACK_FILE = "feedback.jsonl"


@dataclass(frozen=True)
class Feedback:
    liked: bool
    question: str
    answer: dict  # Answer.to_json(): the answer text, citations (quotes, offsets), intent, confidence
    at: str  # ISO time, UTC
    comment: str | None = None


class FeedbackLog:
    """One JSON line per vote; appends are whole lines (one write under a lock), so readers never see half."""

    _lock = threading.Lock()

    def __init__(self, index_dir: Path):
        self.path = Path(index_dir) / FEEDBACK_FILE

    def record(self, answer: Answer, liked: bool, comment: str | None = None) -> Feedback:
        vote = Feedback(liked, answer.question, answer.to_json(),
                        datetime.now(timezone.utc).isoformat(timespec="seconds"), comment)
        line = json.dumps(asdict(vote), ensure_ascii=False) + "\n"
        self.path.parent.mkdir(parents=True, exist_ok=True)
        with self._lock, self.path.open("a", encoding="utf-8") as out:
            out.write(line)
        return vote

    def read(self) -> list[Feedback]:
        if not self.path.exists():
            return []
        with self.path.open(encoding="utf-8") as lines:
            return [Feedback(**json.loads(line)) for line in lines if line.strip()]
