"""How a candidate sentence is shown to the reader: the same text at training and at serving time.

The sentence comes first, then the context a reader needs to resolve it (the release or article
title and the neighbouring sentences), so truncation drops context, never the sentence itself."""

from __future__ import annotations

from dataclasses import dataclass

MAX_LENGTH = 128  # tokens for question + candidate; longer inputs lose the end of their context


@dataclass(frozen=True)
class ReaderInput:
    question: str
    sentence: str
    title: str = ""
    previous: str = ""
    following: str = ""

    def pair(self) -> tuple[str, str]:
        context = " ".join(part for part in (self.previous, self.following) if part)
        candidate = self.sentence
        if self.title:
            candidate += f" | {self.title}"
        if context:
            candidate += f" | {context}"
        return self.question, candidate
