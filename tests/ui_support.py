"""What the two UI test modules share: the questions they ask and how they read the chat's replies."""

import re
import shutil
from contextlib import contextmanager
from pathlib import Path

import pytest

from .conftest import ROOT, free_port, make_assistant

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"

PESCO = "Where will the next PESCO military mobility meeting be held?"
CO_CHAIR = "Who co-chaired the dialogue for the European External Action Service?"
FOLLOW_UP = "What is his title?"
FRIES = "Searched: What is Charles Fries's title?"

ANSWERS = "#chatbot .bot-row"
# an answer is done when the question box is usable again and no answer is still being searched for
DONE = ("n => document.querySelectorAll('#chatbot .bot-row').length >= n && "
        "!document.querySelector('#question textarea').disabled && "
        "!document.querySelector('#chatbot').innerText.includes('Searching the releases')")


@contextmanager
def served_page(root, embeddings, files: dict[str, str] | None = None, width: int = 1300, height: int = 950,
                **settings_extra):
    """The app served over the seed release plus `files` (name -> text) in `root`, and a browser page on
    it; yields (page, app, settings) and closes both."""
    app, url, settings = serve(root, embeddings, files=files, **settings_extra)
    try:
        with browser_page(url, width, height) as page:
            yield page, app, settings
    finally:
        app.close()


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
    """The answer itself, without the "Searched:", "Searched only:" and "Taken as:" lines above it, its
    [n] markers without their links."""
    text = content(reply).rsplit("</span>\n\n", 1)[-1].replace("**", "")
    return re.sub(r"<a class='cite' [^>]*>(\[\d+\])</a>", r"\1", text)


@contextmanager
def browser_page(url: str, width: int = 1300, height: int = 950):
    """A Playwright page in Debian's chromium (Playwright's own browser download does not work here),
    opened on the app at `url` once its question box is there."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium is not installed at {CHROMIUM}: scripts/test installs it with apt-get")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        try:
            page = browser.new_page(viewport={"width": width, "height": height})
            page.goto(url)
            page.wait_for_selector("#question textarea", timeout=60_000)
            page.url_base = url
            yield page
        finally:
            browser.close()


def answers(page) -> int:
    return page.locator(ANSWERS).count()


def last_answer(page) -> str:
    return page.locator(ANSWERS).last.inner_text()


def ask(page, question: str) -> None:
    before = answers(page)
    page.fill("#question textarea", question)
    page.click("#question button:has-text('Ask')")
    page.wait_for_function(DONE, arg=before + 1, timeout=60_000)


def fill_new_field(page, selector: str, text: str) -> None:
    """Type into a field that has just appeared: an accordion's fields are created when it first opens,
    and text typed while one is still being set up is lost (measured: its input existed ~75 ms after
    the click, and about one fill in two, made at once, ended empty), so fill until the text stays."""
    field = page.locator(selector)
    for _ in range(5):
        field.fill(text)
        page.wait_for_timeout(200)
        if field.input_value() == text:
            return
    raise AssertionError(f"{selector} does not keep the text typed into it")


def new_chat(page) -> None:
    """Gradio's New chat (the chat's saved-history column)."""
    page.click("#new-chat")
    page.wait_for_function("() => document.querySelectorAll('#chatbot .bot-row').length === 0 && "
                           "!!document.querySelector('#sources .empty')", timeout=10_000)
