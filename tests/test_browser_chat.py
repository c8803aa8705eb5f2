"""The chat tab in a real browser (Debian's chromium, a served app over the seed release and a harbour
notice): citations open their release at the quote, the release picker and a filtered refusal, related
passages apart from sources, paragraph breaks, the toolbar clear of the messages, saved chats across a
reload, like/dislike feedback. Screenshots: artifacts/screenshots/chat-*.png."""

import json
import re

import pytest

from assistant.feedback import FeedbackLog
from ui.release_view import CitationRef

from .conftest import SEED, SEED_ID
from .ui_support import ANSWERS, CO_CHAIR, DONE, FOLLOW_UP, FRIES, PESCO, SHOTS, ask, last_answer, new_chat, \
    served_page

pytestmark = pytest.mark.browser

HARBOUR = """Harbour office notice

On 2 March 2025 the harbour office in Tromsø published new opening hours.

The harbour office in Tromsø will open at 07:30 every weekday from April.
"""
OPENED_QUOTE = "#release-view #opened-quote"


@pytest.fixture(scope="module")
def served(tmp_path_factory, embeddings):
    with served_page(tmp_path_factory.mktemp("browser-chat"), embeddings, {"harbour-notice.txt": HARBOUR}) as (
            page, _, settings):
        yield page, settings


@pytest.fixture
def page(served):
    return served[0]


def opened_quote(page, containing: str) -> str:
    page.wait_for_function("([sel, text]) => (document.querySelector(sel)?.innerText || '').includes(text)",
                           arg=[OPENED_QUOTE, containing], timeout=30_000)
    return page.inner_text(OPENED_QUOTE)


def quote_is_in_view(page) -> bool:
    """The opened quote lies inside the visible part of the release panel's scrolled body."""
    return page.evaluate("""() => { const q = document.querySelector('#opened-quote').getBoundingClientRect();
        const b = document.querySelector('#release-view .body').getBoundingClientRect();
        return q.top >= b.top - 1 && q.top < b.bottom; }""")


def test_a_marker_and_a_source_passage_open_the_release_at_the_quote(page):
    new_chat(page)
    ask(page, CO_CHAIR)
    ask(page, PESCO)
    assert "in Oslo." in opened_quote(page, "Norway is a valued partner")  # the last answer's first quote
    page.locator(ANSWERS).first.locator("a.cite", has_text="[1]").click()  # [1] of the earlier answer
    assert "Charles Fries" in opened_quote(page, "co-chaired")
    assert page.evaluate("document.querySelector('#release-view .body').scrollTop") > 0  # scrolled down to it
    assert quote_is_in_view(page)
    assert "Joint Press Release" in page.inner_text("#release-view .body")  # the whole release, not the passage
    page.screenshot(path=str(SHOTS / "chat-citation-opened-from-marker.png"), full_page=True)
    page.locator("#sources a.cite", has_text="open in release").first.click()
    assert opened_quote(page, "Norway is a valued partner").endswith("in Oslo.")
    assert quote_is_in_view(page)
    page.screenshot(path=str(SHOTS / "chat-citation-opened-from-sources.png"), full_page=True)


def test_the_short_answer_is_marked_more_strongly_inside_the_quote(page):
    """A citation with the short answer's offsets (constructed here: the reader fills them elsewhere),
    opened through a link in the page as a marker would be."""
    text = SEED.read_text()
    start = text.index("Norway is a valued partner")
    end = text.index("in Oslo.", start) + len("in Oslo.")
    short = text.index("31 March to 2 April 2025")
    href = CitationRef(SEED_ID, start, end, short, short + len("31 March to 2 April 2025")).href()
    page.evaluate("""href => { const a = document.createElement('a'); a.href = href; a.className = 'cite';
        a.id = 'constructed-citation'; a.textContent = '[9]'; document.querySelector('#sources').prepend(a); }""",
                  href)
    page.click("#constructed-citation")
    # the quote opened before may still show its own answer's mark ("... in Oslo") until this one replaces it
    page.wait_for_function("([sel, text]) => document.querySelector(sel)?.innerText === text",
                           arg=[f"{OPENED_QUOTE} mark.short-answer", "31 March to 2 April 2025"], timeout=30_000)
    assert page.inner_text(f"{OPENED_QUOTE} mark.short-answer") == "31 March to 2 April 2025"
    colours = page.evaluate("""() => [getComputedStyle(document.querySelector('#opened-quote')).backgroundColor,
        getComputedStyle(document.querySelector('#opened-quote mark.short-answer')).backgroundColor]""")
    assert colours[0] != colours[1]
    page.locator(OPENED_QUOTE).scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "chat-short-answer-in-quote.png"), full_page=True)
    page.evaluate("document.querySelector('#constructed-citation').remove()")


def choose_release(page, label: str) -> None:
    page.click("#release-picker input")
    page.locator("ul[role=listbox] li", has_text=label).first.click()
    page.keyboard.press("Escape")


def test_the_release_picker_scopes_the_chat_and_a_filtered_refusal_searches_all_releases(page):
    new_chat(page)
    page.get_by_text("Filter: releases and dates", exact=True).click()
    choose_release(page, "Harbour office notice (2025-03-02)")
    ask(page, PESCO)
    refusal = last_answer(page)
    assert "don't say" in refusal and 'Searched only: the release "Harbour office notice"' in refusal  # its scope
    search_all = page.locator("#chatbot .options button", has_text="Search all releases")
    assert search_all.is_visible()
    assert "Only part of the corpus was searched" in page.inner_text("#sources")
    page.screenshot(path=str(SHOTS / "chat-filtered-refusal-offers-all.png"), full_page=True)
    search_all.click()
    page.wait_for_function(DONE, arg=2, timeout=60_000)
    assert "Oslo" in last_answer(page) and "Searched only" not in last_answer(page)
    assert page.locator("#release-picker .token").count() == 0  # the filter is off for what follows
    page.screenshot(path=str(SHOTS / "chat-search-all-releases-answered.png"), full_page=True)


def test_the_picker_follows_the_corpus(page, tmp_path):
    release = tmp_path / "glacier-survey.md"
    release.write_text("---\ndate: 2025-05-03\n---\n# Glacier survey\n\n"
                       "Scientists measured the Jostedalsbreen glacier on 3 May 2025 and found it 40 metres thinner.\n")
    page.click("button[role=tab]:has-text('Corpus')")
    page.set_input_files("#upload input[type=file]", str(release))
    page.wait_for_function("() => /glacier-survey.md\\s+added/.test("
                           "document.querySelector('#upload-results').innerText)", timeout=120_000)
    page.click("button[role=tab]:has-text('Chat')")
    page.click("#release-picker input")
    page.locator("ul[role=listbox] li", has_text="Glacier survey (2025-05-03)").wait_for(timeout=30_000)
    page.keyboard.press("Escape")


def test_related_passages_are_apart_from_sources_and_not_highlighted(page):
    ask(page, "What is the population of Iceland?")
    assert "don't say" in last_answer(page)
    assert page.locator("#sources .related .passage").count() >= 1
    assert page.locator("#sources mark").count() == 0
    assert "not sources" in page.inner_text("#sources .related")
    page.screenshot(path=str(SHOTS / "chat-related-passages-not-highlighted.png"), full_page=True)


def test_passages_keep_their_paragraph_breaks(page):
    new_chat(page)
    ask(page, "Summarize the EU-Norway security and defence release")
    first = page.inner_text("#sources .passage .text >> nth=0")
    assert re.search(r"Joint Press Release\n+EU-Norway Security and Defence Dialogue\n+On Thursday", first), first
    assert re.search(r"Dialogue\n+On Thursday", page.inner_text("#release-view .body"))
    page.screenshot(path=str(SHOTS / "chat-passages-with-paragraphs.png"), full_page=True)


def test_the_chat_toolbar_does_not_cover_the_top_message(page):
    ask(page, CO_CHAIR)
    ask(page, PESCO)  # three answers: the chat scrolls
    page.locator("#chatbot .bubble-wrap").evaluate("e => { e.scrollTop = e.scrollHeight / 3; }")
    page.wait_for_timeout(300)
    toolbar, messages = page.evaluate("""() => [document.querySelector('#chatbot .top-panel'),
        document.querySelector('#chatbot .bubble-wrap')].map(e => { const r = e.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom}; })""")
    assert toolbar["bottom"] <= messages["top"] + 1  # the clear button sits above the messages, not on them
    page.locator("#chatbot").screenshot(path=str(SHOTS / "chat-scrolled-toolbar-clear.png"))


def test_saved_chats_survive_a_reload_and_each_continues_its_own_turns(page):
    new_chat(page)
    ask(page, CO_CHAIR)
    new_chat(page)
    ask(page, PESCO)
    page.reload()
    page.wait_for_selector("#question textarea", timeout=60_000)
    saved = page.get_by_text("Who co-chaired the dialogue for the Euro", exact=False)
    saved.first.wait_for(timeout=30_000)
    page.screenshot(path=str(SHOTS / "chat-saved-chats-after-reload.png"), full_page=True)
    saved.first.click()
    page.wait_for_function(DONE, arg=1, timeout=30_000)
    assert "Charles Fries" in last_answer(page)
    ask(page, FOLLOW_UP)  # continues the restored chat, not the PESCO chat that was asked last
    assert FRIES in last_answer(page)
    page.screenshot(path=str(SHOTS / "chat-restored-chat-follow-up.png"), full_page=True)


def test_other_readings_of_an_ambiguous_follow_up_are_one_click_questions(page):
    new_chat(page)
    ask(page, CO_CHAIR)
    ask(page, FOLLOW_UP)  # "his": the sentence names three people
    readings = page.locator("#chatbot .options button")
    assert readings.count() >= 2 and "could also mean" in last_answer(page)
    page.screenshot(path=str(SHOTS / "chat-other-readings-offered.png"), full_page=True)
    other = readings.filter(has_text="Petersson").first
    question = other.inner_text().strip()
    other.click()
    page.wait_for_function(DONE, arg=3, timeout=60_000)
    assert page.locator("#chatbot .user-row").last.inner_text().strip() == question
    assert "Petersson" in last_answer(page)
    page.screenshot(path=str(SHOTS / "chat-other-reading-asked.png"), full_page=True)


def test_like_and_dislike_are_written_to_the_feedback_log(served):
    page, settings = served
    new_chat(page)
    ask(page, CO_CHAIR)
    ask(page, PESCO)
    log = FeedbackLog(settings.index_dir)
    before = len(log.read())
    page.locator("#chatbot button[aria-label='Like']").last.click()  # under each answer: its like and dislike
    page.wait_for_function("() => document.body.innerText.includes('your feedback was saved')", timeout=30_000)
    page.screenshot(path=str(SHOTS / "chat-feedback-liked.png"), full_page=True)
    page.locator("#chatbot button[aria-label='Dislike']").first.click()
    for _ in range(50):  # the dislike is written without a toast to wait for
        if len(votes := log.read()[before:]) == 2:
            break
        page.wait_for_timeout(200)
    assert [v.liked for v in votes] == [True, False]
    assert votes[0].question == PESCO and votes[0].answer["citations"][0]["quote"].endswith("in Oslo.")
    assert votes[1].question == CO_CHAIR and "Charles Fries" in votes[1].answer["citations"][0]["quote"]
    assert json.loads(log.path.read_text().splitlines()[-1])["answer"]["citations"]  # as a person reads it
