"""Feedback votes as an evaluation set: the log in the index folder, its one-line errors, and
`assistant eval --dataset feedback` grading the real assistant on the seed release against the votes."""

import json

import pytest
from click.testing import CliRunner

from assistant.feedback import FeedbackError, FeedbackLog
from assistant.settings import Settings
from evals.dataset import DatasetError
from evals.harness import evaluate

from .conftest import SEED_ID, make_assistant

PESCO = "Where will the next PESCO military mobility meeting be held?"
OSLO = ("Norway is a valued partner in the PESCO project on military mobility and the EU welcomes Norway hosting "
        "the next meeting of the project on 31 March to 2 April 2025 in Oslo.")
SPACE = "Both Norway and the EU recognise space as a strategic domain."
ICELAND = "What is the population of Iceland?"


@pytest.fixture(scope="module")
def seed(tmp_path_factory, embeddings):
    """(assistant, settings) over the seed release in a temporary index."""
    assistant, _, settings = make_assistant(tmp_path_factory.mktemp("feedback"), embeddings)
    return assistant, settings


@pytest.fixture
def log(seed):
    log = FeedbackLog(seed[1].index_dir)
    log.path.unlink(missing_ok=True)  # every test starts with nobody having voted
    return log


def edit_line(log: FeedbackLog, number: int, **fields) -> None:
    """What a person does to grade a vote: add fields to its line."""
    lines = log.path.read_text(encoding="utf-8").splitlines()
    lines[number - 1] = json.dumps({**json.loads(lines[number - 1]), **fields}, ensure_ascii=False)
    log.path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def by_id(report) -> dict[str, dict]:
    return {r["id"]: r for r in report.systems["assistant"]["questions"]}


def test_a_vote_is_one_line_with_the_question_answer_and_cited_offsets(seed, log):
    assistant, settings = seed
    answer = assistant.ask(PESCO)
    log.record(answer, liked=True)
    log.record(assistant.ask(ICELAND), liked=False, comment="should say so")
    assert log.path.parent == settings.index_dir
    first, second = (json.loads(line) for line in log.path.read_text(encoding="utf-8").splitlines())
    assert first["liked"] is True and first["question"] == PESCO
    cited = first["answer"]["citations"][0]
    assert cited["release_id"] == SEED_ID and cited["quote"] == OSLO and cited["end"] - cited["start"] == len(OSLO)
    assert first["expected_quote"] is None and first["unanswerable"] is None  # there for a person to fill in
    assert second["liked"] is False and second["comment"] == "should say so" and second["answer"]["abstained"]
    assert [v.liked for v in log.read()] == [True, False]


@pytest.mark.parametrize("line, message", [
    ("{not json", r":2: not JSON"),
    ('{"liked": "yes", "question": "Q?", "answer": {}, "at": "2026-12-01T10:00:00+00:00"}', r":2: liked: input should"),
    ('{"liked": true, "question": "Q?", "answer": {}, "at": "2026", "expected_qoute": "x"}', r":2: expected_qoute: unknown field"),
    ('{"liked": true, "question": "Q?", "answer": {}}', r":2: at: field required"),
    ('{"liked": true, "question": "Q?", "answer": {}, "at": "2026", "expected_quote": "x", "unanswerable": true}',
     r":2: expected_quote and unanswerable"),
])
def test_a_malformed_line_is_named_by_its_number(log, line, message):
    log.path.parent.mkdir(parents=True, exist_ok=True)
    log.path.write_text('{"liked": true, "question": "Q?", "answer": {}, "at": "2026"}\n' + line + "\n")
    with pytest.raises(FeedbackError, match=message):
        log.numbered()
    with pytest.raises(DatasetError, match=message):  # and so is the dataset
        evaluate("feedback", settings=Settings(index_dir=log.path.parent))  # refused before any model loads


def test_a_vote_being_written_is_not_read_yet_and_an_edit_without_a_last_newline_is(log):
    """The web chat appends while a script (or a test) reads: half a line at the end is no vote yet."""
    log.path.parent.mkdir(parents=True, exist_ok=True)
    vote = '{"liked": true, "question": "Q?", "answer": {}, "at": "2026"}'
    log.path.write_text(vote + "\n" + vote[:30])
    assert len(log.numbered()) == 1
    log.path.write_text(vote + "\n" + vote)  # a person's edit, no final newline
    assert len(log.numbered()) == 2
    log.path.write_text(vote[:30] + "\n" + vote + "\n")  # half a line before others is malformed
    with pytest.raises(FeedbackError, match=r":1: not JSON"):
        log.numbered()


def test_votes_become_graded_items_on_the_current_index(seed, log):
    assistant, _ = seed
    log.record(assistant.ask(PESCO), liked=True)                                    # 1: keep this answer
    log.record(assistant.ask(ICELAND), liked=True)                                  # 2: keep refusing
    log.record(assistant.ask("Who co-chaired the dialogue?"), liked=False)          # 3: to review
    log.record(assistant.ask("In which city is the next PESCO meeting?"), liked=False)  # 4: graded below
    log.record(assistant.ask("Who co-chaired the dialogue for Norway's defence ministry?"), liked=False)  # 5
    edit_line(log, 4, expected_quote=OSLO)
    edit_line(log, 5, unanswerable=True)  # a person's (wrong) grading: the release does say
    report = evaluate("feedback", assistant=assistant)
    rows = by_id(report)
    assert rows["line-1"]["kind"] == "liked answer" and rows["line-1"]["correct"] is True
    assert rows["line-2"]["kind"] == "liked refusal" and rows["line-2"]["correct"] is True
    assert rows["line-3"]["kind"] == "to review" and rows["line-3"]["correct"] is None
    assert "Charles Fries" in rows["line-3"]["voted_answer"] and rows["line-3"]["answer"]
    assert rows["line-4"]["kind"] == "expected quote" and rows["line-4"]["correct"] is True
    assert rows["line-5"]["kind"] == "unanswerable" and rows["line-5"]["correct"] is False  # it answered
    summary = report.summary()
    assert summary["items"] == 4  # the vote to review is shown, not scored
    assert summary["correctness"] == 1.0 and summary["refusal_recall"] == 0.5
    assert set(report.systems) == {"assistant", "top_sentence", "tutorial", "bm25", "dense"}
    assert report.corpus["releases"] == 1 and report.corpus["feedback"] == str(log.path)


def test_a_liked_answer_fails_when_the_new_answer_cites_another_sentence(seed, log):
    """The regression check is by release id and offsets: here the liked answer had cited the space
    sentence (as if the assistant had changed since), so today's PESCO answer no longer matches."""
    assistant, _ = seed
    log.record(assistant.ask(PESCO), liked=True)
    vote = json.loads(log.path.read_text())
    text = assistant.search.store.settings.corpus_dir.joinpath(f"{SEED_ID}.txt").read_text(encoding="utf-8")
    start = text.index(SPACE)
    vote["answer"]["citations"][0].update(start=start, end=start + len(SPACE), quote=SPACE)
    log.path.write_text(json.dumps(vote) + "\n")
    rows = by_id(evaluate("feedback", assistant=assistant, baselines=False))
    assert rows["line-1"]["correct"] is False and "Oslo" in rows["line-1"]["answer"]


def test_an_expected_quote_must_be_in_a_release(seed, log):
    assistant, _ = seed
    log.record(assistant.ask(PESCO), liked=False)
    edit_line(log, 1, expected_quote="The next meeting will be held in Bergen.")
    with pytest.raises(DatasetError, match=r"feedback.jsonl:1: expected_quote is not verbatim in any release"):
        evaluate("feedback", assistant=assistant)
    edit_line(log, 1, expected_quote=OSLO.replace(" in Oslo", "\nin Oslo"), expected_release_id="no-such-release")
    with pytest.raises(DatasetError, match=r":1: expected_quote is not verbatim in release no-such-release"):
        evaluate("feedback", assistant=assistant)


def cli():
    from assistant.cli.main import cli as group
    from evals.cli import eval_command

    group.add_command(eval_command, "eval")
    return group


def test_eval_feedback_command(seed, log):
    assistant, settings = seed
    folders = ["--corpus-dir", str(settings.corpus_dir), "--index-dir", str(settings.index_dir)]
    result = CliRunner().invoke(cli(), [*folders, "eval", "--dataset", "feedback"])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [f"Error: {log.path}: no feedback yet (like or dislike answers "
                                                   "in the web chat first)"]
    log.record(assistant.ask(PESCO), liked=True)
    log.record(assistant.ask("Who co-chaired the dialogue?"), liked=False)
    result = CliRunner().invoke(cli(), [*folders, "eval", "--dataset", "feedback", "--json", "--no-baselines"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["dataset"] == "feedback" and data["summary"]["assistant"]["correctness"] == 1.0
    assert "1 disliked answer to review (line 2 of" in result.stderr
    edit_line(log, 2, expected_quote=OSLO)  # graded, wrongly for this question: a gate that fails
    result = CliRunner().invoke(cli(), [*folders, "eval", "--dataset", "feedback", "--no-baselines", "--gate"])
    assert result.exit_code == 1
    assert "gate missed: feedback: line-2 (expected quote) is no longer right: Who co-chaired" in result.stderr
    assert "line-1" not in result.stderr  # the liked answer still holds
