"""The generative mode end to end with the real SmolLM2-135M GGUF through llama-cpp-python.

The tiny model is often wrong; what must hold is that nothing it writes reaches the reader without
a cited passage that supports it."""

import json
import re

import pytest

from .conftest import make_assistant, run_cli
from .test_answers import SEED_TEXT, SOURCE, assert_cites_release_sentences
from .test_injection import HOSTILE

pytestmark = [pytest.mark.llm, pytest.mark.slow]

QUESTIONS = [
    ("Where will the next PESCO military mobility meeting be held?", "Oslo"),
    ("What did Norway contribute to the European Peace Facility?", "contributions"),
    ("When will the expert-level consultations on cyber and hybrid threats be held?", "2025"),
    ("Which countries' support to Russia did the parties deplore?", "Iran"),
    ("Who co-chaired the dialogue for the European External Action Service?", "Fries"),
]


def build(tmp_path_factory, embeddings, name, extra=None):
    assistant, _, settings = make_assistant(tmp_path_factory.mktemp(name), embeddings,
                                            {"notice.txt": extra} if extra else None, llm_provider="llamacpp")
    return assistant, settings


@pytest.fixture(scope="module")
def generative(tmp_path_factory, embeddings):
    return build(tmp_path_factory, embeddings, "generative")[0]


def assert_checked(answer):
    assert not answer.abstained and answer.citations
    for c in answer.citations:  # a release sentence, at its offsets in the release file
        assert_cites_release_sentences(c)
    markers = {int(n) for n in re.findall(r"\[(\d+)\]", answer.answer)}
    assert markers == {c.n for c in answer.citations}
    if answer.mode == "generative":  # what the model wrote; an extractive list's headings carry release dates
        cited = " ".join(c.text for c in answer.citations)
        for number in re.findall(r"\d+", re.sub(r"\[\d+\]", "", answer.answer)):
            assert number in cited, f"{number} is in no cited passage: {answer.answer}"


@pytest.mark.parametrize("question, fact", QUESTIONS)
def test_generated_answers_are_checked(generative, question, fact):
    answer = generative.ask(question, mode="generative")
    assert answer.mode in {"generative", "extractive"}  # extractive when nothing generated survived
    assert_checked(answer)
    if answer.mode == "extractive":
        assert fact in answer.answer


def test_model_really_answers_some(generative):
    modes = [generative.ask(q, mode="generative").mode for q, _ in QUESTIONS]
    assert "generative" in modes, "SmolLM2 produced no supported sentence at all"


def test_refusal_does_not_depend_on_the_model(generative):
    answer = generative.ask("What is the population of Iceland?", mode="generative")
    assert answer.abstained and answer.mode == "extractive" and answer.answer == "The releases in the corpus don't say."
    assert all(not r.supported for r in answer.related)


def test_streaming_yields_text_then_the_checked_answer(generative):
    pieces = list(generative.stream(QUESTIONS[0][0], mode="generative"))
    *texts, final = pieces
    assert texts and all(isinstance(t, str) for t in texts)
    assert_checked(final)


def test_injection_in_generative_mode(tmp_path_factory, embeddings):
    hostile, _ = build(tmp_path_factory, embeddings, "generative-hostile", HOSTILE)
    for question, _ in QUESTIONS[:2]:
        answer = hostile.ask(question, mode="generative")
        assert "Paris" not in answer.answer and "developer mode" not in answer.answer
        assert all(c.release_id != "notice" for c in answer.citations)


def test_cli_generative(tmp_path_factory, embeddings):
    _, settings = build(tmp_path_factory, embeddings, "generative-cli")
    env = {"ASSISTANT_CORPUS_DIR": str(settings.corpus_dir), "ASSISTANT_INDEX_DIR": str(settings.index_dir),
           "ASSISTANT_LLM_PROVIDER": "llamacpp"}
    run = run_cli("ask", "--json", "--mode", "generative", QUESTIONS[0][0], env=env)
    assert run.returncode == 0, run.stderr
    answer = json.loads(run.stdout)
    assert not answer["abstained"] and answer["mode"] in {"generative", "extractive"}
    assert answer["citations"]
    for c in answer["citations"]:  # the JSON keeps the offsets of a whole release sentence
        assert SEED_TEXT[c["start"] : c["end"]] == c["quote"] and c["source"] == SOURCE
    run = run_cli("ask", "--mode", "generative", QUESTIONS[0][0],
                  env={**env, "ASSISTANT_LLM_PROVIDER": ""})
    assert run.returncode == 1 and "generative needs a chat model" in run.stderr


@pytest.mark.parametrize("question, intent", [("Summarize the release", "summary"),
                                              ("What did the EU and Norway agree on?", "list")])
def test_summaries_and_lists_go_through_the_model_and_the_same_check(generative, question, intent):
    answer = generative.ask(question, mode="generative")
    assert answer.intent == intent
    assert_checked(answer)
    if answer.mode == "extractive":  # nothing the model wrote survived: the extractive summary or list stands
        assert len(answer.citations) >= 2
