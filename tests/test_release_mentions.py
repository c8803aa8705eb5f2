"""A question naming a release by the id the assistant shows for it."""

import pytest

from assistant.answer.release_mentions import find_release_mention

IDS = {"28aug2007alexander99", "28feb2006alexander107", "2024-12-05-eu-norway-security-and-defence-dialogue",
       "budget", "covid-19", "anti-corruption"}


@pytest.mark.parametrize("question, ids, read_as", [
    ("Summarize 28aug2007alexander99", ("28aug2007alexander99",), "Summarize this release"),
    ("Summarize 28Aug2007Alexander99.", ("28aug2007alexander99",), "Summarize this release."),
    ("What does release 28Aug2007Alexander99 say about the dam?", ("28aug2007alexander99",),
     "What does this release say about the dam?"),
    ("Summarize the 28aug2007alexander99 release", ("28aug2007alexander99",), "Summarize this release"),
    ("In the press release “28aug2007alexander99”, who is quoted?", ("28aug2007alexander99",),
     "In this release, who is quoted?"),
    ("gist of release id: 28aug2007alexander99", ("28aug2007alexander99",), "gist of this release"),
    ("What does 2024-12-05-eu-norway-security-and-defence-dialogue.txt say about space?",
     ("2024-12-05-eu-norway-security-and-defence-dialogue",), "What does this release say about space?"),
    ("Compare 28aug2007alexander99 and 28feb2006alexander107", ("28aug2007alexander99", "28feb2006alexander107"),
     "Compare these releases"),
    # every place the id stands, not the first string that holds it
    ("Summarize 28aug2007alexander99 (see 28aug2007alexander99.txt)", ("28aug2007alexander99",),
     "Summarize this release (see this release)"),
    ("Compare 28aug2007alexander99x and 28aug2007alexander99", ("28aug2007alexander99",),
     "Compare 28aug2007alexander99x and this release"),
    ("What's in 28aug2007alexander99's summary?", ("28aug2007alexander99",), "What's in this release's summary?"),
    ("Summarize it (see 28aug2007alexander99) briefly", ("28aug2007alexander99",),
     "Summarize it (see this release) briefly"),
    ("What did Clothe 28aug2007alexander99 say?", ("28aug2007alexander99",), "What did Clothe this release say?"),
    ("What did this release and 28aug2007alexander99 say?", ("28aug2007alexander99",),
     "What did this release and this release say?"),
])
def test_an_id_the_corpus_holds_names_its_release_and_is_read_as_this_release(question, ids, read_as):
    mention = find_release_mention(question, IDS)
    assert mention is not None and mention.release_ids == ids and mention.text == read_as


@pytest.mark.parametrize("question", [
    "What's in the budget?",  # an id that is a plain word is read as the word
    "What did they say about anti-corruption?",  # a hyphenated word, no digit and one hyphen
    "What does the covid-19 release say?",  # too short to tell from a word of the question
    "Summarize 28aug2007alexander9",  # no such id
    "What did Alexander say in Aug 2007?",
    "Summarize 28aug2007alexander99x",  # a longer word holding an id names nothing
])
def test_words_that_are_no_id_of_the_corpus_name_no_release(question):
    assert find_release_mention(question, IDS) is None
