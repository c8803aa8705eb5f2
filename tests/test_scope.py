"""The release picker and date filter (the caller's scope): every intent answers from the chosen releases
only, the answer names the scope, and a refusal under a scope says that only part of the corpus was
searched. Run on the seed release among 1,100 Senate releases, so a scope has something to exclude."""

import pytest

from .conftest import SEED_ID

pytestmark = pytest.mark.slow

# one question per intent; phrasings of this file only
QUESTIONS = {
    "fact": "Where is the next gathering of the military mobility project going to be?",
    "summary": "Give me the main points of these releases",
    "list": "What did the senators announce for fire departments?",
    "search": "Which releases talk about grants?",
    # with a subject: "What is the most recent news here?" names none, so unscoped it is the newest release,
    # the seed, which the scope holds too (the check below would prove nothing)
    "latest": "What is the most recent news on fire departments?",
}


@pytest.fixture(scope="module")
def chosen(distractor_assistant):
    """The seed release and the Senate release the unscoped search for grants cites first: a scope that
    excludes releases which would otherwise be cited."""
    unscoped = distractor_assistant.ask(QUESTIONS["search"])
    other = next(c.release_id for c in unscoped.citations if c.release_id != SEED_ID)
    return (SEED_ID, other)


@pytest.mark.parametrize("intent", sorted(QUESTIONS))
def test_every_intent_answers_from_the_chosen_releases_only(distractor_assistant, chosen, intent):
    unscoped = distractor_assistant.ask(QUESTIONS[intent])
    scoped = distractor_assistant.ask(QUESTIONS[intent], release_ids=chosen)
    assert scoped.scope == "2 chosen releases"
    assert unscoped.scope is None
    cited = {c.release_id for c in scoped.citations} | {c.release_id for c in scoped.related}
    assert cited <= set(chosen), (intent, cited - set(chosen))
    if intent != "fact":  # the unscoped answer reaches outside the two releases (else the check proves nothing)
        outside = {c.release_id for c in unscoped.citations} - set(chosen)
        assert outside or unscoped.abstained, intent


def test_a_refusal_under_a_scope_says_so_and_names_it(distractor_assistant, chosen):
    senate_only = chosen[1]
    title = distractor_assistant.search.store.release(senate_only).title
    question = "When will the next meeting of the PESCO military mobility project take place?"
    assert not distractor_assistant.ask(question).abstained  # the whole corpus answers it
    answer = distractor_assistant.ask(question, release_ids=(senate_only,))
    assert answer.abstained and not answer.citations
    assert answer.scope == f'the release "{title}"'
    assert answer.scope in answer.answer and "without the filter" in answer.answer


def test_a_date_scope_is_named_in_words(distractor_assistant):
    answer = distractor_assistant.ask("What did the EU and Norway agree on?", since="2030-01-01")
    assert answer.abstained and answer.scope == "dated from 2030-01-01"
    assert "dated from 2030-01-01" in answer.answer
