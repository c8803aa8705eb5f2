"""The Corpus and Evaluation tabs in a real browser (Debian's chromium) at a 1280 px wide window: tables
that fit, rejection reasons on screen, upload results that belong to the last upload (including one
Gradio refuses in the browser), a metric legend and one-line messages instead of "Error" badges.
Screenshots: artifacts/screenshots/corpus-*.png and eval-*.png."""

import time

import pytest

from assistant.feedback import FeedbackLog
from ui.corpus import PENDING

from .ui_support import PESCO, SHOTS, served_page

pytestmark = pytest.mark.browser

WIDTH = 1280
LIMIT = 50_000  # this app's upload limit (ASSISTANT_MAX_FILE_BYTES): small enough to exceed in a test
# long ids and titles, as real releases have: the table must still show the chunk count
WIND = ("2025-03-14-joint-statement-on-the-long-term-partnership-for-offshore-wind-energy-and-grid-"
        "interconnection.txt")
WIND_TEXT = ("Joint Statement of the Ministers of Energy of the Kingdom of Norway and the European Union on the "
             "Long-Term Partnership for Offshore Wind Energy and Grid Interconnection in the North Sea Region\n\n"
             "Brussels, 14 March 2025\n\nThe ministers agreed to build three interconnectors by 2030.\n")

# every cell of a Gradio Dataframe with its box and whether its text is cut off
CELLS = """id => {
  const root = document.getElementById(id), frame = root.getBoundingClientRect();
  const box = c => { const b = c.getBoundingClientRect();
    return {text: c.innerText.trim(), left: b.left, right: b.right, cut: c.scrollWidth > c.clientWidth + 1}; };
  return {left: frame.left, right: frame.right,
          headers: [...root.querySelectorAll('th[role=columnheader]')].map(box),
          rows: [...root.querySelectorAll('[role=row].virtual-row')].map(r => [...r.querySelectorAll('[role=gridcell]')].map(box))};
}"""

# nothing in the corpus tab is loading any more (Gradio hides a component's status tracker when done)
SETTLED = """() => ['releases', 'view-id', 'delete-id'].every(id =>
  !document.querySelector(`#${id} [data-testid=status-tracker]:not(.hide)`))"""


@pytest.fixture(scope="module")
def served(tmp_path_factory, embeddings):
    with served_page(tmp_path_factory.mktemp("tabs"), embeddings, {WIND: WIND_TEXT}, WIDTH, 900,
                     max_file_bytes=LIMIT) as served:
        yield served


@pytest.fixture
def page(served):
    return served[0]


def table(page, elem_id: str) -> dict:
    return page.evaluate(CELLS, elem_id)


def on_screen(cell: dict, frame: dict) -> bool:
    """Inside the table's frame and the window, text not cut off: readable without scrolling sideways."""
    return cell["left"] >= frame["left"] - 1 and cell["right"] <= min(frame["right"], WIDTH) + 1 and not cell["cut"]


def rows(page, elem_id: str) -> list[dict[str, dict]]:
    data = table(page, elem_id)
    names = [h["text"] for h in data["headers"]]
    return [dict(zip(names, r)) for r in data["rows"]]


def open_tab(page, name: str) -> None:
    page.click(f"button[role=tab]:has-text('{name}')")


def upload(page, *paths, expect: str) -> list[dict[str, dict]]:
    """Choose files in the upload box; wait until the results table's cells are no longer the ones before
    (which may name `expect` already: on a loaded machine they were read before the new choice reached
    the server), name `expect` and hold no pending row. Each call here changes the table."""
    def cells() -> list[tuple[str, ...]]:
        return [tuple(cell["text"] for cell in row.values()) for row in rows(page, "upload-results")]

    before = cells()
    page.set_input_files("#upload input[type=file]", [str(p) for p in paths])
    deadline = time.monotonic() + 120
    while (now := cells()) == before or not any(expect in c for row in now for c in row) \
            or any(PENDING in row for row in now):
        assert time.monotonic() < deadline, f"the upload results never showed {expect!r}: {now}"
        page.wait_for_timeout(100)
    # the upload box empties itself after an upload, ready for the next choice
    page.wait_for_function("() => !document.querySelector('#upload .file-preview-holder')", timeout=30_000)
    return rows(page, "upload-results")


def test_releases_table_shows_the_chunk_count_at_1280px(page):
    open_tab(page, "Corpus")
    page.wait_for_selector("#releases [role=gridcell]", timeout=30_000)
    page.wait_for_function(SETTLED, timeout=30_000)
    data = table(page, "releases")
    found = rows(page, "releases")
    assert len(found) == 2
    chunks = next(h for h in data["headers"] if h["text"] == "chunks")
    assert on_screen(chunks, data), chunks
    for row in found:
        assert row["chunks"]["text"].isdigit() and on_screen(row["chunks"], data), row["chunks"]
        assert on_screen(row["date"], data), row["date"]
    page.screenshot(path=str(SHOTS / "corpus-releases-1280.png"), full_page=True)


def test_a_rejected_file_shows_its_reason(page, tmp_path):
    open_tab(page, "Corpus")
    scanned = tmp_path / "2025-03-17-annual-report-of-the-joint-committee-on-fisheries-scanned-copy.txt"
    scanned.write_bytes(b"\x00\x01\x02PK\x03\x04" * 200)  # binary: rejected with a reason
    good = tmp_path / "2025-05-03-glacier-survey-of-the-jostedalsbreen-national-park.md"
    good.write_text("# Glacier survey\n\nScientists measured the Jostedalsbreen glacier on 3 May 2025.\n")
    found = upload(page, scanned, good, expect="glacier-survey")
    frame = table(page, "upload-results")
    assert [r["result"]["text"] for r in found] == ["rejected", "added"]
    reason = found[0]["reason"]
    assert reason["text"] and on_screen(reason, frame), reason
    assert on_screen(found[1]["chunks"], frame), found[1]["chunks"]
    page.screenshot(path=str(SHOTS / "corpus-upload-rejected-reason.png"), full_page=True)


def test_a_second_upload_replaces_the_first_ones_rows(page, tmp_path):
    open_tab(page, "Corpus")
    first, second = tmp_path / "harbour-hours.txt", tmp_path / "ferry-timetable.txt"
    first.write_text("Harbour hours\n\nThe harbour office in Tromsø opens at 07:30 from April 2025.\n")
    second.write_text("Ferry timetable\n\nThe ferry to Bodø leaves at 09:15 every weekday from May 2025.\n")
    assert [r["file"]["text"] for r in upload(page, first, expect="harbour-hours")] == ["harbour-hours.txt"]
    assert [r["file"]["text"] for r in upload(page, second, expect="ferry-timetable")] == ["ferry-timetable.txt"]


def test_a_file_the_browser_refuses_gets_a_row_instead_of_the_last_uploads(page, tmp_path):
    """Gradio refuses a file of another type in the browser (a toast; no upload, no event): the table
    shows a row for it instead of still showing the previous upload's rows."""
    open_tab(page, "Corpus")
    before = tmp_path / "wind-tender.txt"
    before.write_text("Wind tender\n\nNorway opened the Utsira Nord tender on 1 April 2025.\n")
    upload(page, before, expect="wind-tender")
    memo = tmp_path / "minutes.docx"
    memo.write_bytes(b"PK\x03\x04 not a release")
    found = upload(page, memo, expect="minutes.docx")
    assert [(r["file"]["text"], r["result"]["text"]) for r in found] == [("minutes.docx", "refused")]
    assert ".docx" in found[0]["reason"]["text"] and on_screen(found[0]["reason"], table(page, "upload-results"))
    page.screenshot(path=str(SHOTS / "corpus-upload-refused-type.png"), full_page=True)


def test_an_oversized_file_stops_its_whole_choice_and_every_file_gets_a_row(page, tmp_path):
    """Gradio sends none of the files chosen with one over the limit (a toast): each gets a row saying so."""
    open_tab(page, "Corpus")
    big = tmp_path / "all-minutes-2024.txt"
    big.write_text("Minutes\n\n" + "The committee met and agreed on the agenda. " * 2000)
    small = tmp_path / "short-notice.txt"
    small.write_text("Short notice\n\nThe Oslo office is closed on 17 May 2025.\n")
    found = upload(page, big, small, expect="short-notice")
    by_file = {r["file"]["text"]: r for r in found}
    assert set(by_file) == {"all-minutes-2024.txt", "short-notice.txt"}, by_file
    assert [r["result"]["text"] for r in found] == ["refused", "refused"]
    assert "over the upload limit of 48.8 KB" in by_file["all-minutes-2024.txt"]["reason"]["text"]
    assert "all-minutes-2024.txt" in by_file["short-notice.txt"]["reason"]["text"]
    page.screenshot(path=str(SHOTS / "corpus-upload-refused-size.png"), full_page=True)
    found = upload(page, small, expect="short-notice")  # on its own it goes through
    assert [(r["file"]["text"], r["result"]["text"]) for r in found] == [("short-notice.txt", "added")]


def run_evaluation(page, dataset: str) -> None:
    open_tab(page, "Evaluation")
    page.click("#eval-dataset input")
    page.fill("#eval-dataset input", dataset)
    page.keyboard.press("Enter")
    assert page.input_value("#eval-dataset input") == dataset  # one of the tab's datasets
    page.click("#run-eval")
    page.wait_for_function("() => document.querySelector('#eval-table').innerText.trim().length > 0 && "
                           "!document.querySelector('#run-eval').disabled", timeout=600_000)


def test_a_dataset_that_cannot_be_built_gets_one_line(page):
    run_evaluation(page, "feedback")  # nobody has voted yet
    page.wait_for_function("() => document.querySelector('#eval-table').innerText.includes('no feedback yet')",
                           timeout=120_000)
    message = page.inner_text("#eval-table").strip()
    assert message.startswith("⚠ Cannot evaluate feedback:") and "\n" not in message, message
    assert "Error" not in page.inner_text("#evaluation-tab")  # no bare error badge anywhere in the tab
    page.screenshot(path=str(SHOTS / "eval-feedback-missing.png"), full_page=True)


def test_feedback_results_come_with_a_legend(served):
    page, app, settings = served
    assistant = app.handlers.assistant
    log = FeedbackLog(settings.index_dir)
    log.record(assistant.ask(PESCO), liked=True)
    log.record(assistant.ask("Who is the Prime Minister of Iceland?"), liked=True)
    log.record(assistant.ask("Who co-chaired the dialogue?"), liked=False, comment="wanted both co-chairs")
    run_evaluation(page, "feedback")
    page.wait_for_function("() => document.querySelector('#eval-table').innerText.includes('correctness')",
                           timeout=300_000)
    shown = page.locator("#eval-table table tbody tr td:first-child").all_inner_texts()
    legend = page.inner_text("#eval-legend")
    assert "correctness" in shown and "mrr" in shown
    for metric in shown:
        assert f"{metric}:" in legend, (metric, legend)
    for column in ("correct", "cited", "refused"):
        assert f"{column}:" in legend
    assert "1 disliked answer to review (line 3 of" in page.inner_text("#eval-table")  # no expected outcome yet
    page.wait_for_function("() => document.querySelector('#eval-per-question').innerText.includes('line-3')",
                           timeout=30_000)
    assert "line-1 (liked answer)" in page.inner_text("#eval-per-question")
    assert "line-3 (to review)" in page.inner_text("#eval-per-question")
    page.screenshot(path=str(SHOTS / "eval-feedback-legend.png"), full_page=True)
