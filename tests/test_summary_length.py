"""A summary as long as asked: "Give me three takeaways" quotes three sentences, "in one sentence" one."""

import pytest

from assistant.answer.summary_length import MAX_LENGTH, asked_length

from .conftest import SEED_ID


@pytest.mark.parametrize("question, length", [
    ("Boil the statement down to two sentences", 2),
    ("what are the 4 main takeaways?", 4),
    ("Give me five bullet points on the agreement", 5),
    ("a one-sentence recap please", 1),
    ("Sum it up in a single line", 1),
    ("one-liner on the budget?", 1),
    ("Top 3 highlights of the announcement", 3),
    ("List seven key points of this release", 7),
    ("Summarize the release on the 2 new bus lines in one sentence", 1),  # the bus lines are counted, not asked
    ("recap in 2-3 sentences", 3),
    ("Summarize it in 15 sentences", MAX_LENGTH),
])
def test_a_length_asked_in_sentences_points_or_lines_is_read(question, length):
    assert asked_length(question) == length


@pytest.mark.parametrize("question", [
    "Summarize the release about the 3 new hospitals",  # counts hospitals
    "Summarize the statement on the 10-point plan",  # names a plan
    "What did the mayor say about the two lines of credit?",
    "Summarize the release on the two sentences given to the defendants",  # sentences counted in the release
    "Overview of the 3 talking points",
    "Summarize the release on a new bus line",
    "Overview of releases on a bullet train",
    "What did the vote on a party-line basis change?",
    "Brief me on the line-item veto releases",
    "Summarize it in a few sentences",  # a length, but no number
    "more than two sentences on the budget",
])
def test_no_length_is_read_where_the_number_counts_or_names_something_else(question):
    assert asked_length(question) is None


def test_the_seed_release_summarised_as_long_as_asked(seed_assistant):
    usual = seed_assistant.ask("Summarize the release")
    three = seed_assistant.ask("Give me the three main takeaways of this release")
    one = seed_assistant.ask("Summarize the release in one sentence")
    assert usual.intent == three.intent == one.intent == "summary"
    assert len(usual.citations) > 3  # the configured length, more than asked below
    assert len(three.citations) == 3 and len(one.citations) == 1
    assert {c.release_id for c in three.citations + one.citations} == {SEED_ID}


def test_a_list_question_asking_for_so_many_points_gets_a_summary_that_long(seed_assistant):
    """Taken for a list (every sentence naming an item), "Enumerate five key points" got as many as the
    list reader found; it asks for a summary of five sentences."""
    asked = "Enumerate five key points"
    assert seed_assistant.intents.classify(asked).intent.value == "list"
    answer = seed_assistant.ask(asked)
    assert answer.intent == "summary" and len(answer.citations) == 5
