"""The chat tab's handlers: the `gr.ChatInterface` generator over one `Conversation` per browser session,
the release opener's choices and the `/ask` JSON endpoint. Plain methods, so tests need no browser."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import gradio as gr

from assistant.answer.pipeline import Assistant, Conversation
from assistant.errors import AssistantError
from assistant.records import Answer

from .views import answer_markdown, error_markdown, sources_html, streamed_markdown

log = logging.getLogger(__name__)

# Shown on an empty chat: one of each kind (fact, summary, list, search). None may be a question of an
# evaluation test split (tests/test_ui.py checks): two are dev-split questions, two are in no dataset.
EXAMPLES = [
    "When will the next meeting of the PESCO military mobility project take place?",
    "Summarize the release",
    "What did the EU and Norway agree on?",
    "Which releases mention Ukraine?",
]

# The metadata of a finished answer's chat message. Errors, "searching…" placeholders and answers
# stopped half-way lack it, so the page's history tells exactly which answers are still shown.
ANSWERED = {"id": "answer"}
SEARCHING = "_Searching the releases…_"


def is_answer(message: dict) -> bool:
    return message.get("role") == "assistant" and (message.get("metadata") or {}).get("id") == ANSWERED["id"]


class ChatSession:
    """One browser session's `Conversation`, kept in step with the answers its page still shows.

    ChatInterface takes answers off the page (undo, retry, clear, New chat) without telling the
    function; before each question the Conversation forgets the turns of answers no longer shown, or
    a follow-up would be resolved against an answer the user discarded. The turns themselves, and how
    many are kept, stay the Conversation's."""

    def __init__(self, assistant: Assistant):
        self.conversation = Conversation(assistant)
        self.remembered = 0  # answers remembered since the chat began, to compare with those shown

    def follow(self, history: list[dict]) -> None:
        shown = sum(1 for message in history if is_answer(message))
        gone = self.remembered - shown  # answers can only leave the page from its end
        if gone > 0:
            turns = self.conversation.turns
            del turns[max(0, len(turns) - gone):]
        # more shown than remembered: a page that outlived its session; nothing to restore
        self.remembered = shown

    def stream(self, question: str, **options) -> Iterator[str | Answer]:
        for piece in self.conversation.stream(question, **options):
            if isinstance(piece, Answer):
                self.remembered += 1
            yield piece


def closed_opener():
    return gr.update(choices=[], value=None, visible=False)


class ChatHandlers:
    """What the chat tab calls."""

    def __init__(self, assistant: Assistant):
        self.assistant = assistant

    def respond(self, message: str, history: list[dict], mode: str | None, since: str | None,
                until: str | None, session: ChatSession | None):
        """The ChatInterface function: yields (chat message, sources, opener, session). The answer text
        streams in; the last message is the rendered answer, marked as finished."""
        session = session or ChatSession(self.assistant)
        session.follow(history or [])
        options = {"mode": mode or "extractive", "since": (since or "").strip() or None,
                   "until": (until or "").strip() or None}
        yield SEARCHING, sources_html(None), closed_opener(), session  # the last answer's sources go
        streamed = ""
        try:
            for piece in session.stream(message, **options):
                if isinstance(piece, Answer):
                    reply = {"role": "assistant", "content": answer_markdown(piece), "metadata": dict(ANSWERED)}
                    yield reply, sources_html(piece), self.cited_releases(piece), session
                    return
                streamed += piece
                yield streamed_markdown(streamed), gr.skip(), gr.skip(), session
        except AssistantError as exc:  # a refused question (QuestionError) or a store that is unavailable
            log.info("chat question refused: %s", exc)
            yield error_markdown(exc), sources_html(None), closed_opener(), session
        except Exception as exc:  # a bug: logged with its traceback, one line on the page
            log.exception("chat answer failed")
            yield error_markdown(RuntimeError(f"the answer failed ({type(exc).__name__}); see the server log")), \
                sources_html(None), closed_opener(), session

    @staticmethod
    def cited_releases(answer: Answer):
        """The releases an answer cites, offered for opening; the first opens at once."""
        choices = [(f"{c.title or c.release_id} ({c.date or 'undated'})", c.release_id)
                   for c in {c.release_id: c for c in answer.citations}.values()]
        return gr.update(choices=choices, value=choices[0][1] if choices else None, visible=bool(choices))

    @staticmethod
    def cleared():
        """The side panels once the answers are taken off the page (undo, clear, New chat)."""
        return sources_html(None), closed_opener()

    def ask_api(self, question: str, mode: str = "extractive", since: str = "", until: str = "") -> dict:
        """One question, the DESIGN.md answer object back (for scripts through gradio_client)."""
        try:
            return self.assistant.ask(question, mode=mode or "extractive", since=since or None,
                                      until=until or None).to_json()
        except AssistantError as exc:
            raise gr.Error(str(exc)) from None
