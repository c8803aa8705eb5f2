"""The web app in a real browser: Debian's chromium driven by Playwright. Screenshots of each tab are
saved under artifacts/screenshots/."""

import pytest

from .ui_support import (ANSWERS, CO_CHAIR, DONE, FOLLOW_UP, FRIES, PESCO, SHOTS, answers, ask,
                         fill_new_field, last_answer, new_chat, served_page)

pytestmark = pytest.mark.browser

HOSTILE = """Community notice

On 2 March 2025 the harbour office in Tromsø published new opening hours.
<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2">
The harbour office in Tromsø will open at 07:30 every weekday <b onmouseover="window.__pwned=3">from April</b>.
"""
# notes when an answer is being searched for, however briefly (to see that a retry asked again)
WATCH_SEARCHING = """() => { window.__searched = false; new MutationObserver(() => {
    if (document.querySelector('#chatbot').innerText.includes('Searching the releases')) window.__searched = true;
}).observe(document.querySelector('#chatbot'), {subtree: true, childList: true, characterData: true}); }"""


@pytest.fixture(scope="module")
def page(tmp_path_factory, embeddings):
    with served_page(tmp_path_factory.mktemp("browser"), embeddings, {"harbour-notice.txt": HOSTILE}) as (page, _, _):
        yield page


def test_an_example_runs_from_the_empty_chat(page):
    examples = page.locator("#chatbot button.example")
    assert examples.count() == 4
    page.screenshot(path=str(SHOTS / "chat-empty-with-examples.png"))
    examples.filter(has_text="next meeting of the PESCO").click()
    page.wait_for_function(DONE, arg=1, timeout=60_000)
    page.wait_for_selector("#sources mark.quote", timeout=30_000)
    assert "31 March to 2 April 2025" in last_answer(page) and "[1]" in last_answer(page)
    assert page.locator("#chatbot button.example").count() == 0  # examples only on an empty chat


def test_question_answer_citation_and_highlighted_quote(page):
    new_chat(page)
    assert "Sources of the answer appear here" in page.inner_text("#sources")  # New chat clears the panel
    ask(page, PESCO)
    page.wait_for_selector("#sources mark.quote", timeout=60_000)
    assert "Oslo" in last_answer(page) and "[1]" in last_answer(page)
    assert "Taken as: one fact" in last_answer(page)
    quote = page.inner_text("#sources mark.quote")
    assert quote.startswith("Norway is a valued partner") and quote.endswith("in Oslo.")
    assert "EU-Norway Security and Defence Dialogue" in page.inner_text("#sources")
    assert "Reader confidence" in page.inner_text("#sources")
    page.screenshot(path=str(SHOTS / "chat-answer-with-sources.png"), full_page=True)


def test_follow_up_undo_and_retry(page):
    """A follow-up shows the question searched; after undoing an answer the follow-up refers to the
    answer before it (the Conversation forgot the undone one); retry asks the last question again."""
    new_chat(page)
    ask(page, CO_CHAIR)
    page.wait_for_selector("#sources mark.quote", timeout=30_000)
    assert "Charles Fries" in page.inner_text("#sources mark.quote")
    ask(page, PESCO)
    assert answers(page) == 2
    page.locator("#chatbot button[aria-label=Undo]").last.click()
    page.wait_for_function("() => document.querySelectorAll('#chatbot .bot-row').length === 1", timeout=10_000)
    assert page.input_value("#question textarea") == PESCO  # undo gives the question back to edit
    page.wait_for_function("() => !!document.querySelector('#sources .empty')", timeout=10_000)
    ask(page, FOLLOW_UP)  # about the co-chair again: without the undo it would be "PESCO's title"
    assert FRIES in last_answer(page) and "[1]" in last_answer(page)
    page.screenshot(path=str(SHOTS / "chat-follow-up-after-undo.png"), full_page=True)
    page.evaluate(WATCH_SEARCHING)
    page.locator("#chatbot button[aria-label=Retry]").last.click()
    page.wait_for_function("() => window.__searched", timeout=30_000)  # the question was asked again
    page.wait_for_function(DONE, arg=2, timeout=60_000)
    page.wait_for_selector("#sources mark.quote", timeout=30_000)
    assert answers(page) == 2 and page.locator("#chatbot .user-row").count() == 2
    assert FRIES in last_answer(page)
    page.screenshot(path=str(SHOTS / "chat-follow-up-retried.png"), full_page=True)


def test_summary_and_search_are_labelled_lists_and_a_cited_release_opens(page):
    new_chat(page)
    ask(page, "Summarize the EU-Norway security and defence release")
    last = page.locator(ANSWERS).last
    assert "Taken as: summary" in last.inner_text()
    assert 3 <= last.locator("li").count() <= 6  # a readable list, one cited sentence a bullet
    page.wait_for_selector("#release-view #opened-quote", timeout=30_000)
    assert "fourth Dialogue on Security and Defence" in page.inner_text("#release-view")
    page.screenshot(path=str(SHOTS / "chat-summary-and-opened-release.png"), full_page=True)
    ask(page, "Which releases mention Tromsø?")
    last = page.locator(ANSWERS).last
    assert "Taken as: finding releases" in last.inner_text()
    assert "harbour" in last.inner_text().lower() and last.locator("li").count() >= 1
    page.screenshot(path=str(SHOTS / "chat-search-releases.png"), full_page=True)


def test_refusal_is_shown_as_such(page):
    ask(page, "What is the population of Iceland?")
    assert "don't say" in last_answer(page)
    sources = page.inner_text("#sources")
    assert "Related passages" in sources and "not sources" in sources
    assert page.locator("#sources mark").count() == 0  # no quote highlight on what is no source
    page.screenshot(path=str(SHOTS / "chat-refusal-related-passages.png"), full_page=True)


def test_a_bad_date_filter_is_one_line(page):
    page.get_by_text("Filter: releases and dates", exact=True).click()
    fill_new_field(page, "#since input", "2024-13-01")
    ask(page, PESCO)
    assert last_answer(page).strip() == "⚠ since: '2024-13-01' is not a date (use YYYY-MM-DD)"
    page.screenshot(path=str(SHOTS / "chat-date-filter-error.png"), full_page=True)
    page.fill("#since input, #since textarea", "")


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
    page.wait_for_function("() => /glacier-survey.md\\s+added/.test("
                           "document.querySelector('#upload-results').innerText)", timeout=120_000)
    assert "added" in page.inner_text("#upload-results")
    page.screenshot(path=str(SHOTS / "corpus-after-upload.png"), full_page=True)
    page.click("button[role=tab]:has-text('Chat')")
    ask(page, "How much thinner was the Jostedalsbreen glacier found to be?")
    assert "40 metres thinner" in last_answer(page)
    page.screenshot(path=str(SHOTS / "chat-about-uploaded-release.png"), full_page=True)


def test_evaluation_tab(page):
    page.click("button[role=tab]:has-text('Evaluation')")
    page.click("#run-eval")
    page.wait_for_function("() => document.querySelector('#eval-table').innerText.includes('correctness')",
                           timeout=600_000)
    table = page.inner_text("#eval-table")
    assert "assistant" in table and "tutorial" in table
    assert "95% interval" in table and "less each baseline" in table  # how far each number could move
    page.wait_for_timeout(1500)
    page.screenshot(path=str(SHOTS / "evaluation-tab.png"), full_page=True)
