"""The seed release among 1,000 real Senate releases: retrieval must find it; refusals still hold."""

import json

import pytest

from assistant.answer.pipeline import Conversation

from .conftest import SEED_ID, run_cli

pytestmark = pytest.mark.slow


def test_answers_come_from_the_right_release(distractor_assistant):
    answer = distractor_assistant.ask("Where will the next PESCO military mobility meeting be held?")
    assert not answer.abstained
    assert "Oslo" in answer.answer and "31 March to 2 April 2025" in answer.answer
    assert all(c.release_id == SEED_ID for c in answer.citations)


# Measured in the evaluation rather than asserted here: an out-of-corpus question close to some
# release's topic ("What is the capital of Japan?" beside releases on Japanese beef) is not reliably
# refused (the epoch-1 reader quoted a beef headline with confidence 0.61).
@pytest.mark.parametrize("question", [
    "What is the population of Iceland?",
    "Who won the 2022 World Cup?",
])
def test_refusals_hold_among_distractors(distractor_assistant, question):
    answer = distractor_assistant.ask(question)
    assert answer.abstained, answer.answer
    assert not answer.citations and answer.related


def test_follow_up_among_distractors(distractor_assistant):
    chat = Conversation(distractor_assistant)
    chat.ask("Who co-chaired the dialogue for the European External Action Service?")
    title = chat.ask("What is his title?")
    assert title.standalone_question == "What is Charles Fries's title?"
    assert "Deputy Secretary General" in title.answer


def test_senate_release_is_found_among_near_duplicates(distractor_env, distractor_assistant):
    row = next(r for r in distractor_env["rows"] if r["id"] == "19Jan2005Burns21")
    assert "West Helena Valley" in row["text"]
    answer = distractor_assistant.ask("How much will the West Helena Valley Volunteer Fire Department receive?")
    assert not answer.abstained and "$180,000" in answer.answer
    assert answer.citations[0].release_id == "19jan2005burns21"


def test_cli_on_the_distractor_corpus(distractor_env):
    run = run_cli("ask", "--json", "Where will the next PESCO military mobility meeting be held?",
                  "What is the population of Iceland?", env=distractor_env["env"])
    assert run.returncode == 0, run.stderr
    pesco, iceland = [json.loads(line) for line in run.stdout.splitlines()]
    assert "Oslo" in pesco["answer"] and pesco["citations"][0]["release_id"] == SEED_ID
    assert iceland["abstained"]
    feed = "".join(json.dumps({"question": q, "conversation": "c"}) + "\n" for q in
                   ["Who co-chaired the dialogue for the European External Action Service?", "What is his title?"])
    run = run_cli("chat", "--jsonl", env=distractor_env["env"], input=feed)
    assert run.returncode == 0, run.stderr
    follow = json.loads(run.stdout.splitlines()[1])
    assert follow["standalone_question"] == "What is Charles Fries's title?"
    assert "Deputy Secretary General" in follow["answer"]
