"""Questions about a release itself: when it was issued, what it is called, who put it out."""

import json

import pytest

from assistant.answer.followup import Turn
from assistant.answer.release_facts import EXAMPLES, ReleaseField, long_date, names_issuer, stating, states_date, title_span
from assistant.answer.tasks import WHICH_RELEASE

from .test_intents import PHRASINGS


@pytest.mark.parametrize("text", [
    "On Thursday 5 December 2024, the European Union and Norway held their fourth Dialogue.",
    "Washington, D.C. - December 5, 2024 - Senator Doe announced",
    "WASHINGTON (Dec. 5, 2024) -- The senator said",
    "WASHINGTON, D.C. (December 05, 2024) -- The senator said",
    "Released 12/05/2024 by the office",
    "Brussels, 05.12.2024 - The Commission",
    "Dated 2024-12-05.",
    "On the 5th of December 2024 the council met.",
    "December 5  2024Contact: Jane Roe",
])
def test_a_sentence_naming_the_day_states_the_date(text):
    assert states_date(text, "2024-12-05")


def test_september_abbreviated_and_a_dateline_without_its_year():
    assert states_date("WASHINGTON (Sept. 5, 2006) -- Senator Doe", "2006-09-05")
    assert states_date("WASHINGTON, March 3 -- Senator Doe said", "2006-03-03", opening=True)
    assert not states_date("WASHINGTON, March 3 -- Senator Doe said", "2006-03-03")  # not at the release's head


@pytest.mark.parametrize("text", [
    "On 15 December 2024 the council met.",  # another day of that month
    "On 5 December 2023 the council met.",  # another year
    "Norway will host the meeting on 31 March to 2 April 2025.",
    "The 5 members met in December 2024.",  # the day's number, not beside the month
    "The 2024 report, released December 5, 2023, said",  # the year is another date's
    "Officials may 5 December 2024 plans",  # "may" is no month here, and December 5 has its year
])
def test_a_sentence_naming_another_day_does_not(text):
    if text.startswith("Officials"):
        assert not states_date(text, "2024-05-05")
    else:
        assert not states_date(text, "2024-12-05")


def test_the_fact_is_quoted_where_the_release_states_it():
    lines = ["SEN. DOE ANNOUNCES HARBOUR GRANT", "Sen. Jane Doe (D-Maine) today announced a grant.",
             "The grant was awarded on March 3, 2006, to the town."]
    assert stating(ReleaseField.TITLE, lines, "Sen. Doe Announces Harbour Grant", "2006-03-04", "Doe") == (0, 0, 32)
    assert stating(ReleaseField.ISSUER, lines, None, None, "Doe") == (1, 0, len(lines[1]))  # a statement first
    assert stating(ReleaseField.DATE, lines, None, "2006-03-04", None) is None  # the 3rd is the award's day
    assert not names_issuer("Sen. Doeman spoke.", "Doe")
    assert names_issuer("Sen. Nelson said the bill", "Office of Senator Ben Nelson")
    assert names_issuer("Senator Conrad  Burns said", "Conrad Burns")
    assert long_date("2006-03-04") == "4 March 2006"


def test_a_title_that_runs_into_the_first_sentence_is_quoted_alone():
    line = "Senator Bayh Announces $188,000 for Fire Station Washington-- U.S. Senator Evan Bayh today"
    start, end = title_span(line, "SENATOR BAYH ANNOUNCES $188,000 FOR FIRE STATION")
    assert line[start:end] == "Senator Bayh Announces $188,000 for Fire Station"
    assert title_span("Senator Bayh Announces Funds", "Senator Bayh Announces $188,000") is None


def test_the_seed_release_date_and_title_are_answered_from_the_release(seed_assistant):
    dated = seed_assistant.ask("when did this press release come out?")
    assert dated.intent == "metadata" and not dated.abstained, dated.answer
    assert "2024-12-05" in dated.answer and "5 December 2024" in dated.answer
    assert "On Thursday 5 December 2024" in dated.citations[0].quote  # the sentence that states the day
    titled = seed_assistant.ask("what is the headline of the release?")
    assert titled.intent == "metadata" and not titled.abstained, titled.answer
    assert titled.citations[0].quote == "EU-Norway Security and Defence Dialogue"


def test_an_issuer_the_corpus_does_not_record_is_refused_as_such(seed_assistant):
    answer = seed_assistant.ask("Who sent out this statement?")
    assert answer.intent == "metadata" and answer.abstained and not answer.citations
    assert "records no issuer" in answer.answer


def test_a_date_inside_the_text_is_still_read_as_one_fact(seed_assistant):
    answer = seed_assistant.ask("On which dates will Norway host the next PESCO project meeting?")
    assert answer.intent == "fact" and not answer.abstained
    assert "31 March to 2 April 2025" in answer.citations[0].quote


@pytest.mark.slow
def test_among_many_releases_the_release_must_be_named(distractor_assistant, senate_rows):
    unnamed = distractor_assistant.ask("When was this published?")
    assert unnamed.intent == "metadata" and unnamed.abstained and unnamed.answer == WHICH_RELEASE
    # the release the conversation cited is the one meant
    store = distractor_assistant.search.store
    row = next(r for r in senate_rows if r["id"] == "19Jan2005Burns21")
    release_id = next(r for r in store.current_versions() if r.lower() == row["id"].lower())
    followed = distractor_assistant.ask("When was it put out?", history=[
        Turn("Which fire department got a firefighting vehicle grant from Burns?", "", "…", False, (release_id,))])
    assert followed.intent == "metadata" and not followed.abstained, followed.answer
    assert row["date"] in followed.answer and followed.citations[0].release_id == release_id


CLEAR = [
    ("When was the lighthouse release issued?", ReleaseField.DATE),
    ("what date is on the ferry safety announcement", ReleaseField.DATE),
    pytest.param("What's the headline of the statement on fishing quotas?", ReleaseField.TITLE, marks=pytest.mark.xfail(
        strict=True, reason="missed: 0.33 against the bar 0.5 the training chose (\"What's the title of the release on "
                            "fishing quotas?\": 0.81); \"headline\" questions about a statement's figures were "
                            "written as near misses")),
    ("Which office put out the icebreaker announcement?", ReleaseField.ISSUER),
]


@pytest.mark.parametrize("question, field", [*CLEAR, *(pytest.param(q, None, id=q) for q, _ in PHRASINGS)])
def test_clear_questions_are_told_apart(seed_assistant, question, field):
    """Questions about a release's facts and, from the intent model's table, requests of every other kind;
    none of them a training example or an evaluation item (checked below)."""
    tasks = seed_assistant.tasks
    vector = seed_assistant.search.store.embeddings.embed_query(question)
    assert tasks.field_asked(question, vector) is field


def test_the_clear_questions_are_neither_examples_nor_evaluation_items():
    from assistant.answer.release_facts_train import held_out_questions, near, words

    examples = [json.loads(line)["question"] for line in EXAMPLES.read_text(encoding="utf-8").splitlines() if line.strip()]
    for question in [c.values[0] if hasattr(c, "values") else c[0] for c in CLEAR]:
        assert not near(question, held_out_questions()), question
        assert not near(question, [words(e) for e in examples]), question


def test_the_model_reads_the_shipped_intent_model():
    from assistant.answer.parts import intent_model_digest
    from assistant.answer.release_facts import MODEL_FILE

    assert json.loads(MODEL_FILE.read_text(encoding="utf-8"))["intent_model_sha256"] == intent_model_digest()


@pytest.mark.parametrize("split", ["dev", "test"])
def test_held_out_questions_about_a_release_are_told_from_the_rest(split):
    """On questions by writers who saw neither the model nor its examples, most questions about a release's
    facts are caught, with the right fact, and few of the evaluation sets' other questions are taken for
    them (measured 2026-12-07; dev, the split the hard negatives were written after: 31 of 44 caught, 30
    with the right fact, 0 of 24 near misses taken, 10 of 1,981 evaluation questions; test: 32, 32, 4 of 24,
    1 of 1,417). A regression guard: the bounds sit near the measured values."""
    from evals.measure_release_facts import load, measure_model

    result = measure_model([r for r in load() if r["split"] == split], split)
    assert result["asking_taken"] >= 0.7 * result["asking"], result["missed"]
    assert result["right_field"] >= 0.9 * result["asking_taken"], result["missed"]
    assert result["near_misses_taken"] <= 0.2 * result["near_misses"], result["near_misses_taken_list"]
    assert len(result["evaluation_taken"]) <= 0.01 * result["evaluation_questions"], result["evaluation_taken"]
