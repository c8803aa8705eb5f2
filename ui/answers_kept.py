"""The answers the chat has shown, by key. Each finished answer message carries its key (Gradio keeps a
message's `metadata.id`, also in the browser's saved chats), so the server can continue the exact
conversation a page shows and record feedback on the answer that was rated."""

from __future__ import annotations

import secrets
import threading
from collections import OrderedDict

from assistant.records import Answer

KEY_PREFIX = "answer-"


def is_answer(message: dict) -> bool:
    """A finished answer message (errors, "searching…" placeholders and stopped answers carry no key)."""
    return (message.get("role") == "assistant"
            and str((message.get("metadata") or {}).get("id") or "").startswith(KEY_PREFIX))


def answer_key(message: dict) -> str:
    return str((message.get("metadata") or {}).get("id") or "")


class AnswersKept:
    """The most recent answers by unguessable key; the oldest are forgotten past `limit`."""

    def __init__(self, limit: int = 5000):
        self.limit = limit
        self._answers: OrderedDict[str, Answer] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, answer: Answer) -> str:
        key = KEY_PREFIX + secrets.token_urlsafe(12)
        with self._lock:
            self._answers[key] = answer
            while len(self._answers) > self.limit:
                self._answers.popitem(last=False)
        return key

    def get(self, key: str) -> Answer | None:
        with self._lock:
            answer = self._answers.get(key)
            if answer is not None:
                self._answers.move_to_end(key)
            return answer
