"""The web app. First the chat handlers as plain methods: the ChatInterface function streams, renders and
keeps one Conversation per session in step with the page (undo, retry, New chat, errors); the examples
come from no test split. Then the app served for real through gradio_client (ask, chat, upload, view,
delete, 20 concurrent clients) and against its exposure (paths outside the app, uploads, login)."""

import json
import logging
import re
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import gradio as gr
import pytest
from gradio_client import Client, handle_file

from assistant.factory import build_assistant
from assistant.records import Answer
from assistant.settings import Settings
from ui.chat import EXAMPLES, SEARCHING, ChatHandlers

from .conftest import ROOT, SEED, SEED_ID, free_port, make_assistant

PESCO = "Where will the next PESCO military mobility meeting be held?"
CO_CHAIR = "Who co-chaired the dialogue for the European External Action Service?"
FOLLOW_UP = "What is his title?"
FRIES = "Searched: What is Charles Fries's title?"


def serve(root, embeddings, **settings_extra):
    from ui.app import create_app, launch

    assistant, library, settings = make_assistant(root, embeddings, **settings_extra)
    app = create_app(assistant, library)
    port = free_port()
    launch(app, settings, "127.0.0.1", port, prevent_thread_lock=True)
    return app, f"http://127.0.0.1:{port}/", settings


def content(reply) -> str:
    """The text of a chat message as the function yields it (a string or a message dict)."""
    return reply["content"] if isinstance(reply, dict) else reply


def answer_text(reply) -> str:
    """The answer itself, without the "Searched:" and "Taken as:" lines above it."""
    return content(reply).split("</span>\n\n", 1)[-1].replace("**", "")


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

@pytest.fixture(scope="module")
def server(tmp_path_factory, embeddings):
    app, url, settings = serve(tmp_path_factory.mktemp("ui"), embeddings, max_file_bytes=200_000)
    yield url, settings
    app.close()


@pytest.fixture(scope="module")
def client(server):
    return Client(server[0], verbose=False)


def test_ask_returns_the_contract_object(client):
    answer = client.predict(PESCO, "extractive", "", "", api_name="/ask")
    assert "Oslo" in answer["answer"] and not answer["abstained"]
    assert answer["citations"][0]["quote"].endswith("in Oslo.")


def test_chat_streams_the_answer_and_shows_highlighted_sources(server):
    own = Client(server[0], verbose=False)
    job = own.submit(PESCO, "extractive", "", "", api_name="/chat")
    reply, sources, opened = job.result(timeout=120)
    streamed = [content(o[0]) for o in job.outputs()]
    assert streamed[0] == SEARCHING and any("in Oslo." in s and "Taken as" not in s for s in streamed)
    assert "Oslo" in reply["content"] and "Taken as: one fact" in reply["content"] and "[1]" in reply["content"]
    assert "<mark class='quote'>" in sources and "EU-Norway Security and Defence Dialogue" in sources
    assert opened["value"] == SEED_ID
    reply, sources, opened = own.predict("What is the population of Iceland?", "extractive", "", "",
                                         api_name="/chat")
    assert "don't say" in reply["content"] and reply["content"].count("**") == 2  # the refusal, in bold
    assert "not sources" in sources and "Related passages" in sources and opened["visible"] is False


def test_chat_keeps_one_conversation_per_session(server):
    first, second = Client(server[0], verbose=False), Client(server[0], verbose=False)
    first.predict(CO_CHAIR, "extractive", "", "", api_name="/chat")
    reply, _, _ = first.predict(FOLLOW_UP, "extractive", "", "", api_name="/chat")
    assert FRIES in reply["content"]
    reply, _, _ = second.predict(FOLLOW_UP, "extractive", "", "", api_name="/chat")
    assert "Searched:" not in reply["content"]  # the other session has no co-chair to refer to


def test_chat_error_is_one_line(client):
    reply, sources, _ = client.predict(PESCO, "extractive", "2025-01-01", "2024-01-01", api_name="/chat")
    assert reply.startswith("<span class='chat-error'>⚠ since 2025-01-01") and "\n" not in reply
    assert "Sources of the answer appear here" in sources


def test_a_summary_is_a_readable_cited_list_and_its_release_opens(client):
    reply, sources, opened = client.predict("Summarize the release", "extractive", "", "", api_name="/chat")
    shown = reply["content"]
    assert "Taken as: summary" in shown
    bullets = [line for line in shown.splitlines() if line.startswith("- ")]
    assert 3 <= len(bullets) <= 6 and all(line.rstrip().endswith("]") for line in bullets)
    assert sources.count("<mark class='quote'>") >= 3
    # the cited release is offered and opened; choosing it shows the whole release
    assert opened["value"] == SEED.stem and [c[1] for c in opened["choices"]] == [SEED.stem]
    assert "fourth Dialogue on Security and Defence" in client.predict(opened["value"], api_name="/view")


def test_upload_view_ask_delete(client, tmp_path):
    release = tmp_path / "fjord-bridge.md"
    release.write_text("---\ndate: 2025-02-03\n---\n# Fjord bridge opens\n\n"
                       "The new Hardanger fjord bridge opened on 3 February 2025 with a ceremony in Ulvik.\n")
    bad = tmp_path / "notes.docx"
    bad.write_bytes(b"PK\x03\x04")
    results, releases, _, _ = client.predict([handle_file(str(release))], api_name="/upload")
    assert results["data"][0][:3] == ["fjord-bridge.md", "added", "fjord-bridge"]
    assert "fjord-bridge" in [row[0] for row in releases["data"]]
    answer = client.predict("Where was the ceremony for the Hardanger fjord bridge?", "extractive", "", "",
                            api_name="/ask")
    assert "Ulvik" in answer["answer"] and answer["citations"][0]["release_id"] == "fjord-bridge"
    assert "Hardanger fjord bridge opened" in client.predict("fjord-bridge", api_name="/view")
    with pytest.raises(Exception):
        client.predict([handle_file(str(bad))], api_name="/upload")  # refused: wrong type
    releases, _, _, _ = client.predict("fjord-bridge", api_name="/delete")
    assert "fjord-bridge" not in [row[0] for row in releases["data"]]
    assert client.predict("Where was the ceremony for the Hardanger fjord bridge?", "extractive", "", "",
                          api_name="/ask")["abstained"]


def test_twenty_concurrent_clients_and_an_upload(server, client, tmp_path):
    """20 chat clients (loopback, 3 questions each) while a release is uploaded: every question is
    answered, with exactly the answer it gets when asked alone."""
    questions = [PESCO, "What is the population of Iceland?",
                 "When will the expert-level consultations on cyber and hybrid threats be held?"]
    alone = {q: client.predict(q, "extractive", "", "", api_name="/ask")["answer"] for q in questions}
    upload = tmp_path / "load-test-release.txt"
    upload.write_text("Load test release\n\nOn 9 September 2025 a ferry route between Bodø and Lofoten was announced.")

    def session(i):
        own = Client(server[0], verbose=False)
        if i == 0:
            rows = own.predict([handle_file(str(upload))], api_name="/upload")[0]["data"]
            found = own.predict("Which ferry route was announced on 9 September 2025?", "extractive", "", "",
                                api_name="/ask")
            own.predict("load-test-release", api_name="/delete")
            return [("upload", rows[0][1]), ("found", "Lofoten" in found["answer"])]
        if i % 2:  # half the clients chat, half call the JSON endpoint
            return [(q, own.predict(q, "extractive", "", "", api_name="/chat")) for q in questions]
        return [(q, own.predict(q, "extractive", "", "", api_name="/ask")) for q in questions]

    with ThreadPoolExecutor(max_workers=21) as pool:
        runs = list(pool.map(session, range(21), timeout=900))
    assert runs[0] == [("upload", "added"), ("found", True)]
    answers = [pair for run in runs[1:] for pair in run]
    assert len(answers) == 60
    for question, got in answers:
        text = got["answer"] if isinstance(got, dict) else answer_text(got[0])
        assert text == alone[question]


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


@pytest.mark.parametrize("path", [
    "gradio_api/file={index}/chroma.sqlite3",
    "gradio_api/file={corpus}/" + SEED.name,
    "gradio_api/file=/etc/passwd",
    "gradio_api/file=../../../../etc/passwd",
    "gradio_api/file=%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "file={index}/lexical.sqlite3",
])
def test_files_outside_the_app_are_refused(server, path):
    url, settings = server
    target = url + path.format(index=settings.index_dir.resolve(), corpus=settings.corpus_dir.resolve())
    assert _status(target) in {400, 403, 404}


def test_oversized_upload_is_refused(client, tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Big release\n\n" + "word " * 60_000)  # 300 kB over the 200 kB limit
    with pytest.raises(Exception):
        client.predict([handle_file(str(big))], api_name="/upload")


def test_login_when_configured(tmp_path, embeddings):
    app, url, _ = serve(tmp_path / "auth", embeddings, ui_user="editor", ui_password="s3cret-pass")
    try:
        assert _status(url + "config") in {401, 403}
        with pytest.raises(Exception):
            Client(url, verbose=False)
        authed = Client(url, auth=("editor", "s3cret-pass"), verbose=False)
        assert "Oslo" in authed.predict(PESCO, "extractive", "", "", api_name="/ask")["answer"]
    finally:
        app.close()


def test_app_builds_without_loading_the_model(tmp_path):
    """create_app builds the page; the embedding model loads on the first question, not before."""
    from ui.app import create_app

    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    assistant = build_assistant(settings)
    app = create_app(assistant)
    assert app.handlers.assistant is assistant
    assert not assistant.search.store.embeddings.ready
