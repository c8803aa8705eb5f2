"""The web app served for real through gradio_client (ask, chat, upload, view, delete, 20 concurrent
clients) and against its exposure (paths outside the app, uploads, login)."""

import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pytest
from gradio_client import Client, handle_file

from assistant.factory import build_assistant
from assistant.settings import Settings
from ui.chat import SEARCHING

from .conftest import SEED, SEED_ID
from .ui_support import CO_CHAIR, FOLLOW_UP, FRIES, PESCO, answer_text, content, serve


@pytest.fixture(scope="module")
def server(tmp_path_factory, embeddings):
    app, url, settings = serve(tmp_path_factory.mktemp("ui"), embeddings, max_file_bytes=200_000)
    yield url, settings
    app.close()


@pytest.fixture(scope="module")
def client(server):
    return Client(server[0], verbose=False)


def test_ask_returns_the_contract_object(client):
    answer = client.predict(PESCO, api_name="/ask")  # a script may pass the question alone
    assert "Oslo" in answer["answer"] and not answer["abstained"]
    assert answer["citations"][0]["quote"].endswith("in Oslo.")


def test_chat_streams_the_answer_and_shows_highlighted_sources(server):
    own = Client(server[0], verbose=False)
    job = own.submit(PESCO, "extractive", "", "", api_name="/chat")
    reply, sources, opened = job.result(timeout=120)
    streamed = [content(o[0]) for o in job.outputs()]
    assert streamed[0] == SEARCHING and any("in Oslo." in s and "Taken as" not in s for s in streamed)
    assert "Oslo" in reply["content"] and "Taken as: one fact" in reply["content"] and ">[1]</a>" in reply["content"]
    assert "<mark class='quote'>" in sources and "EU-Norway Security and Defence Dialogue" in sources
    assert f"data-release='{SEED_ID}'" in opened and "<mark class='quote' id='opened-quote'>Norway is" in opened
    reply, sources, _ = own.predict("What is the population of Iceland?", "extractive", "", "", api_name="/chat")
    assert "don't say" in reply["content"] and reply["content"].count("**") == 2  # the refusal, in bold
    assert "not sources" in sources and "Related passages" in sources and "<mark" not in sources


def test_chat_within_chosen_releases(client):
    reply, _, _ = client.predict(PESCO, "extractive", "", "", [SEED_ID], api_name="/chat")
    assert "Oslo" in reply["content"] and "Searched only: the release" in reply["content"]
    reply, _, _ = client.predict(PESCO, "extractive", "", "", ["no-such-release"], api_name="/chat")
    assert "chat-error" in reply and "no-such-release" in reply
    answer = client.predict(PESCO, "extractive", "", "", [SEED_ID], api_name="/ask")
    assert answer["scope"].startswith("the release") and answer["citations"][0]["release_id"] == SEED_ID


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
    assert 3 <= len(bullets) <= 6 and all(line.rstrip().endswith("]</a>") for line in bullets)
    assert sources.count("<mark class='quote'>") >= 3
    # the release of the first cited sentence opens whole beside the answer
    assert f"data-release='{SEED.stem}'" in opened and "fourth Dialogue on Security and Defence" in opened


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
        # a chat's refusal says it searched only the conversation's release while the upload adds another
        assert text.split(" (Read as a follow-up to the last answer:")[0] == alone[question]


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
    "file={index}/catalog.sqlite3",
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
