"""The chat tab's handlers: the `gr.ChatInterface` generator, like/dislike feedback and the `/ask` JSON
endpoint. Plain methods, so tests need no browser."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import gradio as gr

from assistant.answer.pipeline import Assistant, Conversation
from assistant.errors import AssistantError
from assistant.feedback import FeedbackLog
from assistant.records import Answer

from .answers_kept import AnswersKept, answer_key, is_answer
from .release_view import EMPTY, CitationRef, ReleaseViewer
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

SEARCHING = "_Searching the releases…_"
# The one-click option under a refusal while a filter was set: the same question, every release.
SEARCH_ALL = "Search all releases: "


def search_all_option(question: str) -> dict:
    return {"value": SEARCH_ALL + question, "label": "Search all releases"}


def options_for(answer: Answer, filtered: bool = True) -> list[dict]:
    """One-click follow-ups under an answer (Gradio message options: a click asks the value). "Search all
    releases" only where the caller's filter (`filtered`) kept the search to part of the corpus: a
    question naming a release by id ("Summarize 28aug2007alexander99") is kept to it without one, and
    asked again it would be kept to it again."""
    options = [{"value": reading, "label": reading} for reading in answer.other_readings]
    if answer.abstained and answer.scope and filtered:
        options.append(search_all_option(answer.question))
    return options


class ChatHandlers:
    """What the chat tab calls. The conversation a question continues is rebuilt from the answers its
    page shows (each finished answer message carries the key of its `Answer`), so undo, retry, New chat
    and a past chat restored from the browser each continue exactly what is on screen."""

    def __init__(self, assistant: Assistant, viewer: ReleaseViewer | None = None,
                 kept: AnswersKept | None = None):
        self.assistant = assistant
        self.viewer = viewer
        self.kept = kept or AnswersKept()

    def conversation_for(self, history: list[dict]) -> Conversation:
        conversation = Conversation(self.assistant)
        for message in history or []:
            answer = self.kept.get(answer_key(message)) if is_answer(message) else None
            if answer is not None:  # an answer from before a server restart cannot be continued
                conversation.remember(answer)
        return conversation

    def respond(self, message: str, history: list[dict], mode: str | None, since: str | None,
                until: str | None, release_ids: Sequence[str] | None = None):
        """The ChatInterface function: yields (chat message, sources, opened release). The answer text
        streams in; the last message is the rendered answer with its key, and the release of its first
        citation opens beside it."""
        question, options = message, {"mode": mode or "extractive", "since": (since or "").strip() or None,
                                      "until": (until or "").strip() or None,
                                      "release_ids": tuple(release_ids or ())}
        if message.startswith(SEARCH_ALL):  # the refusal's one-click option: no filter this time
            question = message[len(SEARCH_ALL):]
            options.update(since=None, until=None, release_ids=())
        filtered = bool(options["since"] or options["until"] or options["release_ids"])
        conversation = self.conversation_for(history)
        yield SEARCHING, sources_html(None), EMPTY  # the last answer's sources and release go
        streamed = ""
        try:
            for piece in conversation.stream(question, **options):
                if isinstance(piece, Answer):
                    reply = {"role": "assistant", "content": answer_markdown(piece),
                             "metadata": {"id": self.kept.add(piece)},
                             "options": options_for(piece, filtered)}
                    yield reply, sources_html(piece), self.first_quote(piece)
                    return
                streamed += piece
                yield streamed_markdown(streamed), gr.skip(), gr.skip()
        except AssistantError as exc:  # a refused question (QuestionError) or a store that is unavailable
            log.info("chat question refused: %s", exc)
            yield error_markdown(exc), sources_html(None), EMPTY
        except Exception as exc:  # a bug: logged with its traceback, one line on the page
            log.exception("chat answer failed")
            yield error_markdown(RuntimeError(f"the answer failed ({type(exc).__name__}); see the server log")), \
                sources_html(None), EMPTY

    def first_quote(self, answer: Answer) -> str:
        """The release of the answer's first citation, opened at its quote (nothing cited: the empty panel)."""
        if not answer.citations or self.viewer is None:
            return EMPTY
        return self.viewer.open(CitationRef.of(answer.citations[0]))

    @staticmethod
    def cleared():
        """The side panels once the answers are taken off the page (undo, clear, New chat, a past chat)."""
        return sources_html(None), EMPTY

    def liked(self, history: list[dict], vote: gr.LikeData) -> None:
        """A like or dislike on an answer, written to the feedback log with its question and citations."""
        if not isinstance(vote.liked, bool):  # a vote taken back ("") or another option: nothing to record
            return
        index = vote.index if isinstance(vote.index, int) else vote.index[0]
        message = history[index] if 0 <= index < len(history or []) else {}
        answer = self.kept.get(answer_key(message)) if is_answer(message) else None
        if answer is None:
            gr.Warning("Only a finished answer from this server run can be rated.")
            return
        FeedbackLog(self.assistant.search.store.settings.index_dir).record(answer, vote.liked)
        gr.Info("Thanks: your feedback was saved.")

    def ask_api(self, question: str, mode: str = "extractive", since: str = "", until: str = "",
                release_ids: Sequence[str] | None = None) -> dict:
        """One question, the DESIGN.md answer object back (for scripts through gradio_client)."""
        try:
            return self.assistant.ask(question, mode=mode or "extractive", since=since or None, until=until or None,
                                      release_ids=tuple(release_ids or ())).to_json()
        except AssistantError as exc:
            raise gr.Error(str(exc)) from None
