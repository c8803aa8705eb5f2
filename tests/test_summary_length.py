"""A summary as long as asked: "Give me three takeaways" quotes three sentences, "in one sentence" one."""

import pytest

from assistant.answer.summary_length import asked_length

SEED_ID = "2024-12-05-eu-norway-security-and-defence-dialogue"


@pytest.mark.parametrize("question, length", [
    ("Boil the statement down to two sentences", 2),
    ("what are the 4 main takeaways?", 4),
    ("Give me five bullet points on the agreement", 5),
    ("a one-sentence recap please", 1),
    ("Sum it up in a single line", 1),
    ("one-liner on the budget?", 1),
    ("Top 3 highlights of the announcement", 3),
    ("List seven key points of this release", 7),
])
def test_a_length_asked_in_sentences_points_or_lines_is_read(question, length):
    assert asked_length(question) == length


@pytest.mark.parametrize("question", [
    "Summarize the release about the 3 new hospitals",  # counts hospitals
    "Summarize the statement on the 10-point plan",  # names a plan
    "What did the mayor say about the two lines of credit?",  # lines of credit are things
    "Summarize the vote on a party-line basis",
    "Brief me on the line-item veto releases",
    "Summarize it in a few sentences",  # no number
    "Give me 40 points from the budget",  # no summary is that long: a count of something else
    "What are the key points?",
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
    for answer in (three, one):
        assert {c.release_id for c in answer.citations} == {SEED_ID}
        # the shorter summaries keep the release's most salient sentences: each is among the usual summary's
        assert {c.quote for c in answer.citations} <= {c.quote for c in usual.citations}
