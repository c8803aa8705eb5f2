"""The web app in a real browser: Debian's chromium driven by Playwright. Screenshots of each tab are
saved under artifacts/screenshots/."""

import shutil
from pathlib import Path

import pytest

from .conftest import ROOT
from .test_ui import PESCO, serve

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = ROOT / "artifacts" / "screenshots"
HOSTILE = """Community notice

On 2 March 2025 the harbour office in Tromsø published new opening hours.
<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">
The harbour office in Tromsø will open at 07:30 every weekday <b onmouseover="window.__pwned=3">from April</b>.
"""


@pytest.fixture(scope="module")
def page(tmp_path_factory, embeddings):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"chromium is not installed at {CHROMIUM}: scripts/test installs it with apt-get")
    from playwright.sync_api import sync_playwright

    root = tmp_path_factory.mktemp("browser")
    (root / "corpus").mkdir()
    (root / "corpus" / "harbour-notice.txt").write_text(HOSTILE)
    app, url, _ = serve(root, embeddings)
    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1300, "height": 950})
        page.goto(url)
        page.wait_for_selector("#question textarea", timeout=60_000)
        page.url_base = url
        yield page
        browser.close()
    app.close()


def ask(page, question: str) -> None:
    before = page.locator("#chatbot .message").count()
    page.fill("#question textarea", question)
    page.click("#ask")
    page.wait_for_function(
        "n => document.querySelectorAll('#chatbot .message').length >= n + 2 && "
        "!document.querySelector('#sources .empty')", arg=before, timeout=60_000)


def test_question_answer_citation_and_highlighted_quote(page):
    page.screenshot(path=str(SHOTS / "chat-empty-with-examples.png"))
    ask(page, PESCO)
    page.wait_for_selector("#sources mark.quote", timeout=60_000)
    assert "Oslo" in page.inner_text("#chatbot")
    assert "[1]" in page.inner_text("#chatbot")
    quote = page.inner_text("#sources mark.quote")
    assert quote.startswith("Norway is a valued partner") and quote.endswith("in Oslo.")
    assert "EU-Norway Security and Defence Dialogue" in page.inner_text("#sources")
    page.screenshot(path=str(SHOTS / "chat-answer-with-sources.png"), full_page=True)


def test_summary_and_search_are_labelled_lists_and_a_cited_release_opens(page):
    ask(page, "Summarize the EU-Norway security and defence release")
    last = page.locator("#chatbot .message").last
    assert "Taken as: summary" in last.inner_text()
    assert 3 <= last.locator("li").count() <= 6  # a readable list, one cited sentence a bullet
    page.wait_for_function("document.querySelector('#opened-release textarea').value.length > 500", timeout=30_000)
    assert "fourth Dialogue on Security and Defence" in page.input_value("#opened-release textarea")
    page.screenshot(path=str(SHOTS / "chat-summary-and-opened-release.png"), full_page=True)
    ask(page, "Which releases mention Tromsø?")
    last = page.locator("#chatbot .message").last
    assert "Taken as: finding releases" in last.inner_text()
    assert "harbour" in last.inner_text().lower() and last.locator("li").count() >= 1
    page.screenshot(path=str(SHOTS / "chat-search-releases.png"), full_page=True)


def test_follow_up_shows_the_standalone_question(page):
    ask(page, "Who co-chaired the dialogue for the European External Action Service?")
    ask(page, "What is his title?")
    assert "Searched: What is Charles Fries's title?" in page.inner_text("#chatbot")


def test_refusal_is_shown_as_such(page):
    ask(page, "What is the population of Iceland?")
    assert "don't say" in page.inner_text("#chatbot")
    sources = page.inner_text("#sources")
    assert "Related passages" in sources and "not sources" in sources
    page.screenshot(path=str(SHOTS / "chat-refusal-related-passages.png"), full_page=True)


def test_no_script_from_a_release_runs(page):
    ask(page, "When will the harbour office in Tromsø open every weekday?")
    assert "07:30" in page.inner_text("#sources")
    page.hover("#sources")
    assert page.evaluate("window.__pwned") is None
    assert page.locator("#sources script").count() == 0 and page.locator("#sources img").count() == 0


def test_upload_a_release_then_ask_about_it(page, tmp_path):
    page.click("button[role=tab]:has-text('Corpus')")
    page.wait_for_selector("#releases", timeout=30_000)
    release = tmp_path / "glacier-survey.md"
    release.write_text("---\ndate: 2025-05-03\n---\n# Glacier survey\n\n"
                       "Scientists measured the Jostedalsbreen glacier on 3 May 2025 and found it 40 metres thinner.\n")
    page.set_input_files("#upload input[type=file]", str(release))
    page.wait_for_function("() => document.querySelector('#upload-results').innerText.includes('glacier-survey')",
                           timeout=120_000)
    assert "added" in page.inner_text("#upload-results")
    page.screenshot(path=str(SHOTS / "corpus-after-upload.png"), full_page=True)
    page.click("button[role=tab]:has-text('Chat')")
    ask(page, "How much thinner was the Jostedalsbreen glacier found to be?")
    assert "40 metres thinner" in page.inner_text("#chatbot")
    page.screenshot(path=str(SHOTS / "chat-about-uploaded-release.png"), full_page=True)


def test_evaluation_tab(page):
    page.click("button[role=tab]:has-text('Evaluation')")
    page.click("#run-eval")
    page.wait_for_function("() => document.querySelector('#eval-table').innerText.includes('correctness')",
                           timeout=600_000)
    table = page.inner_text("#eval-table")
    assert "assistant" in table and "tutorial" in table
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SHOTS / "evaluation-tab.png"), full_page=True)
