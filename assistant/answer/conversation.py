"""One chat: the turns kept so that follow-ups ("What is his title?") can be resolved."""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from assistant.answer.followup import Turn
from assistant.records import Answer

NOT_ABOUT_RELEASES = ("chat", "language")  # replies to small talk and to a message in another language

if TYPE_CHECKING:  # the pipeline re-exports this class, so it cannot be imported from here at run time
    from assistant.answer.pipeline import Assistant


class Conversation:
    def __init__(self, assistant: Assistant, max_turns: int = 10):
        self.assistant = assistant
        self.turns: list[Turn] = []
        self.max_turns = max_turns

    def ask(self, question: str, **options) -> Answer:
        *_, answer = self.stream(question, **options)
        return answer

    def stream(self, question: str, **options) -> Iterator[str | Answer]:
        """`Assistant.stream` with this conversation's history; the final answer is remembered."""
        for piece in self.assistant.stream(question, history=self.turns, **options):
            if isinstance(piece, Answer):
                self.remember(piece)
            yield piece

    def remember(self, answer: Answer) -> None:
        if answer.intent in NOT_ABOUT_RELEASES:  # small talk says nothing of the releases: "And where?" after "thanks!"
            return  # refers to the answer before it, and "this release" to the release that answer cited
        self.turns.append(turn_of(answer))
        del self.turns[: -self.max_turns]


def turn_of(answer: Answer) -> Turn:
    """The answer as a turn that later questions are read as follow-ups of."""
    text = answer.answer
    if answer.other_readings and "\n" in text:  # the note on the reading names every candidate: not evidence
        text = text.split("\n", 1)[1]
    return Turn(answer.question, answer.standalone_question, text, answer.abstained,
                tuple(dict.fromkeys(c.release_id for c in answer.citations)), tuple(c.quote for c in answer.citations),
                answer.short_answer)
