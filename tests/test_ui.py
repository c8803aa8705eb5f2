"""The chat handlers as plain methods: the ChatInterface function streams, renders and keeps one
Conversation per session in step with the page (undo, retry, New chat, errors); the examples come from no
test split. (The app served for real is tested in test_ui_served.py.)"""

import json
import logging
import re

import gradio as gr
import pytest

from assistant.factory import build_assistant
from assistant.records import Answer
from assistant.settings import Settings
from ui.chat import EXAMPLES, SEARCHING, ChatHandlers

from .conftest import ROOT, SEED_ID
from .ui_support import CO_CHAIR, FOLLOW_UP, FRIES, PESCO, content

# -- the chat handlers as plain methods ------------------------------------------------------------------

@pytest.fixture(scope="module")
def handlers(seed_assistant):
    return ChatHandlers(seed_assistant)


def exchange(handlers, question, history, session, since=""):
    """One question as ChatInterface runs it: the page shows the function's last message after the
    question. The history goes through the Chatbot both ways, as it does between server and browser."""
    outputs = list(handlers.respond(question, history, "extractive", since, "", session))
    reply, _, _, session = outputs[-1]
    reply = reply if isinstance(reply, dict) else {"role": "assistant", "content": reply}
    chatbot = gr.Chatbot()
    shown = chatbot.preprocess(chatbot.postprocess(history + [{"role": "user", "content": question}, reply]))
    return shown, session, outputs


def test_an_answer_streams_in_then_shows_sources_and_the_release_to_open(handlers):
    outputs = list(handlers.respond(PESCO, [], "extractive", "", "", None))
    first, *middle, last = outputs
    assert first[0] == SEARCHING and "Sources of the answer appear here" in first[1]
    assert first[2]["visible"] is False  # the previous answer's releases are no longer offered
    assert middle and all(isinstance(m[0], str) for m in middle)  # the answer text as it is produced
    assert "in Oslo." in middle[-1][0]
    reply, sources, opener, session = last
    assert reply["metadata"] == {"id": "answer"} and reply["role"] == "assistant"
    assert "Taken as: one fact" in reply["content"] and re.search(r"in Oslo\. \[1\]", reply["content"])
    assert "<mark class='quote'>Norway is a valued partner" in sources
    assert opener["value"] == SEED_ID and opener["visible"]
    assert [t.question for t in session.conversation.turns] == [PESCO]


def test_follow_ups_undo_and_retry_keep_the_conversation_in_step(handlers):
    shown, session, _ = exchange(handlers, CO_CHAIR, [], None)
    shown, session, _ = exchange(handlers, PESCO, shown, session)
    assert len(session.conversation.turns) == 2
    # undo: the page drops the last exchange; the follow-up is about the co-chair, not PESCO
    shown, session, outputs = exchange(handlers, FOLLOW_UP, shown[:2], session)
    assert FRIES in content(outputs[-1][0])
    assert [t.question for t in session.conversation.turns] == [CO_CHAIR, FOLLOW_UP]
    # retry: the last exchange goes and the same question is asked again, remembered once
    shown, session, outputs = exchange(handlers, FOLLOW_UP, shown[:2], session)
    assert FRIES in content(outputs[-1][0]) and len(shown) == 4
    assert [t.question for t in session.conversation.turns] == [CO_CHAIR, FOLLOW_UP]
    # New chat (or undo down to nothing): the same words are no longer a follow-up
    shown, session, outputs = exchange(handlers, FOLLOW_UP, [], session)
    assert "Searched:" not in content(outputs[-1][0])
    assert [t.question for t in session.conversation.turns] == [FOLLOW_UP]


def test_an_error_is_one_line_and_no_turn(handlers):
    shown, session, _ = exchange(handlers, CO_CHAIR, [], None)
    shown, session, outputs = exchange(handlers, FOLLOW_UP, shown, session, since="2024-13-01")
    reply, sources, opener, _ = outputs[-1]
    assert reply.startswith("<span class='chat-error'>⚠ since: '2024-13-01' is not a date")
    assert "\n" not in reply and "Traceback" not in reply
    assert "Sources of the answer appear here" in sources and opener["visible"] is False
    assert len(session.conversation.turns) == 1
    # the refused question is not an answer: the next follow-up still reads the co-chair answer
    shown, session, outputs = exchange(handlers, FOLLOW_UP, shown, session)
    assert FRIES in content(outputs[-1][0]) and len(session.conversation.turns) == 2


class ScriptedAssistant:
    """Answers at once with the question itself, recording the history it was given."""

    def __init__(self, fail: bool = False):
        self.fail, self.histories = fail, []

    def stream(self, question, history=(), **options):
        self.histories.append([t.question for t in history])
        if self.fail:
            raise RuntimeError("the index is on fire\nTraceback (most recent call last): ...")
        yield f"answer to {question} <b>"
        yield Answer(question, question, f"answer to {question}", False, "extractive")


def test_undo_after_the_conversation_limit_forgets_the_undone_turn():
    assistant = ScriptedAssistant()
    handlers, shown, session = ChatHandlers(assistant), [], None
    for i in range(1, 13):
        shown, session, outputs = exchange(handlers, f"q{i}", shown, session)
    assert outputs[-2][0] == "answer to q12 &lt;b&gt;"  # the streamed text is escaped as the answer is
    turns = session.conversation.turns
    assert len(turns) == session.conversation.max_turns and turns[-1].question == "q12"
    shown, session, _ = exchange(handlers, "again", shown[:-2], session)  # undo q12, then ask
    assert assistant.histories[-1][-1] == "q11" and "q12" not in assistant.histories[-1]
    assert [t.question for t in session.conversation.turns][-2:] == ["q11", "again"]


def test_a_failure_is_logged_and_shown_as_one_line(caplog):
    with caplog.at_level(logging.ERROR, logger="ui.chat"):
        *_, (reply, _, _, session) = ChatHandlers(ScriptedAssistant(fail=True)).respond(PESCO, [], "", "", "", None)
    assert reply == "<span class='chat-error'>⚠ the answer failed (RuntimeError); see the server log</span>"
    assert "the index is on fire" in caplog.text and session.conversation.turns == []


def test_a_stopped_answer_is_not_counted_as_shown():
    """A half-streamed message left on the page (Stop) is no answer: undoing the next one still works."""
    handlers = ChatHandlers(ScriptedAssistant())
    shown, session, _ = exchange(handlers, "q1", [], None)
    stopped = shown + [{"role": "user", "content": "q2"}, {"role": "assistant", "content": "answer to q2"}]
    shown, session, _ = exchange(handlers, "q3", stopped, session)
    assert [t.question for t in session.conversation.turns] == ["q1", "q3"]
    shown, session, _ = exchange(handlers, "q4", shown[:-2], session)  # undo q3
    assert [t.question for t in session.conversation.turns] == ["q1", "q4"]
    shown, session, _ = exchange(handlers, "q5", shown[:2], session)  # undo q4 and the stopped q2
    assert [t.question for t in session.conversation.turns] == ["q1", "q5"]


def _normalised(question: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", question.lower()).split())


def test_examples_are_shown_and_none_is_a_test_split_question(tmp_path):
    from ui.app import create_app

    held_out = set()
    files = sorted((ROOT / "evals" / "datasets").glob("*.jsonl"))
    for path in files:
        for line in path.read_text().splitlines():
            item = json.loads(line) if line.strip() else {}
            if item.get("split") == "test":
                held_out |= {_normalised(q) for q in [item.get("question"), *(t.get("question") for t in
                                                                               item.get("turns", []))] if q}
    assert len(files) >= 5 and len(held_out) > 1000  # the datasets were read
    assert _normalised(PESCO) in held_out  # the old first example: the check catches it
    assert [q for q in EXAMPLES if _normalised(q) in held_out] == []
    app = create_app(build_assistant(Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")))
    chatbot = next(b for b in app.blocks.values() if getattr(b, "elem_id", None) == "chatbot")
    assert [e["text"] for e in chatbot.examples] == EXAMPLES


def test_the_mode_switch_shows_only_with_a_chat_model(tmp_path):
    from ui.app import create_app

    assistant = build_assistant(Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index"))

    def mode_switch(app):
        return next(b for b in app.blocks.values() if isinstance(b, gr.Radio) and b.label == "Mode")

    assert mode_switch(create_app(assistant)).visible is False
    assistant.generative = object()  # a configured chat model (never called: the page is only built)
    switch = mode_switch(create_app(assistant))
    assert switch.visible is True and switch.value == "extractive"


@pytest.mark.parametrize("example", EXAMPLES)
def test_each_example_is_answered_with_citations(handlers, example):
    *_, (reply, sources, _, _) = handlers.respond(example, [], "extractive", "", "", None)
    assert reply["metadata"] == {"id": "answer"} and "[1]" in reply["content"]
    assert "<mark class='quote'>" in sources


# -- served ------------------------------------------------------------------------------------------------
