"""`assistant ask` and `assistant chat` as scripts use them (DESIGN.md machine contract)."""

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SEED, run_cli

CONTRACT = ROOT.parent / "shared" / "tools" / "check_contract.py"


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    root = tmp_path_factory.mktemp("cli-answers")
    (root / "corpus").mkdir()
    shutil.copy(SEED, root / "corpus" / SEED.name)
    env = {"ASSISTANT_CORPUS_DIR": str(root / "corpus"), "ASSISTANT_INDEX_DIR": str(root / "index")}
    assert run_cli("index", env=env).returncode == 0
    return env


def test_ask_json_answers_and_abstains(env):
    run = run_cli("ask", "--json", "Where will the next PESCO military mobility meeting be held?",
                  "What is the population of Iceland?", env=env)
    assert run.returncode == 0, run.stderr
    pesco, iceland = [json.loads(line) for line in run.stdout.splitlines()]
    assert "Oslo" in pesco["answer"] and "31 March to 2 April 2025" in pesco["answer"]
    assert not pesco["abstained"] and pesco["citations"][0]["quote"].endswith("in Oslo.")
    text = SEED.read_text(encoding="utf-8")
    assert all(text[c["start"] : c["end"]] == c["quote"] for c in pesco["citations"])  # offsets survive JSON
    assert iceland["abstained"] and iceland["citations"] == [] and iceland["related"]
    assert not any(r["supported"] for r in iceland["related"])
    # the reader's calibrated probability: high for the answer, under the refusal threshold for the refusal
    from assistant.reader.onnx_reader import MODEL_DIR, ReaderConfig

    threshold = ReaderConfig.read(MODEL_DIR).threshold
    assert threshold <= pesco["confidence"] <= 1 and 0 <= iceland["confidence"] < threshold


def test_ask_readable_output_shows_sources(env):
    run = run_cli("ask", "Where will the next PESCO military mobility meeting be held?", env=env)
    assert run.returncode == 0
    assert "Sources:" in run.stdout and "EU-Norway Security and Defence Dialogue (2024-12-05)" in run.stdout


def test_ask_shows_the_short_answer(env):
    """The short answer (dates here) in the readable output, marked in bold inside the quote, and in the
    JSON with its offsets in the release on the citation that quotes it. (Until the reader was trained on
    press-release questions this asked when the cyber consultations are held, "in early 2025", a date
    that reader no longer marks.)"""
    question = "When will the next meeting of the PESCO military mobility project take place?"
    answer = json.loads(run_cli("ask", "--json", question, env=env).stdout)
    short = answer["short_answer"]
    assert short and "2025" in short and short in "on 31 March to 2 April 2025 in Oslo"
    c = next(c for c in answer["citations"] if c.get("answer_start") is not None)
    text = SEED.read_text(encoding="utf-8")
    assert text[c["answer_start"] : c["answer_end"]] == short and short in c["quote"]
    run = run_cli("ask", question, env=env)
    assert run.returncode == 0, run.stderr
    assert f"Short answer: {short}" in run.stdout and f"**{short}**" in run.stdout


def test_ask_on_a_new_checkout_indexes_the_corpus_first(tmp_path):
    """Right after set-up the index is empty; `ask` builds it from the corpus folder, as `serve` does,
    rather than answering that the releases don't say. The next `ask` reads the index as it is."""
    (tmp_path / "corpus").mkdir()
    shutil.copy(SEED, tmp_path / "corpus" / SEED.name)
    env = {"ASSISTANT_CORPUS_DIR": str(tmp_path / "corpus"), "ASSISTANT_INDEX_DIR": str(tmp_path / "index")}
    question = "Where will the next PESCO military mobility meeting be held?"
    first = run_cli("ask", "--json", question, env=env)
    assert first.returncode == 0, first.stderr
    assert "the index is empty: indexing" in first.stderr and "added as" in first.stderr
    answer = json.loads(first.stdout)
    assert not answer["abstained"] and "Oslo" in answer["citations"][0]["quote"]
    again = run_cli("ask", "--json", question, env=env)
    assert again.returncode == 0 and "indexing" not in again.stderr, again.stderr
    assert json.loads(again.stdout)["answer"] == answer["answer"]


def test_ask_bad_question_is_one_line(env):
    run = run_cli("ask", "", env=env)
    assert run.returncode == 1
    assert run.stderr.strip().splitlines()[-1] == "error: question: empty; ask something about the releases"


def test_chat_jsonl_keeps_history_per_conversation(env):
    feed = "".join(json.dumps(x) + "\n" for x in [
        {"question": "Who co-chaired the dialogue for the European External Action Service?", "conversation": "a"},
        {"question": "Which naval operation is Norway interested in contributing to?", "conversation": "b"},
        {"question": "What is his title?", "conversation": "a"},
        {"question": "Where does it operate?", "conversation": "b"},
    ])
    run = run_cli("chat", "--jsonl", env=env, input=feed)
    assert run.returncode == 0, run.stderr
    answers = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(answers) == 4
    assert answers[2]["standalone_question"] == "What is Charles Fries's title?"
    assert "Deputy Secretary General" in answers[2]["answer"]
    assert "Red Sea" in answers[3]["answer"]


def test_chat_jsonl_reports_bad_lines_and_goes_on(env):
    feed = 'not json\n{"question": 3}\n{"question": "Where was the fourth dialogue held?"}\n'
    run = run_cli("chat", "--jsonl", env=env, input=feed)
    assert run.returncode == 1
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    assert lines[0] == {"line": 1, "error": "line 1: not JSON"}
    assert lines[1]["error"].startswith("line 2: expected an object")
    assert "Brussels" in lines[2]["answer"]


CONVERSATION = [
    {"question": "Where will the next PESCO military mobility meeting be held?", "conversation": "a"},
    {"question": "What is the population of Iceland?", "conversation": "b"},
    {"question": "Who co-chaired the dialogue for the European External Action Service?", "conversation": "c"},
    {"question": "What is his title?", "conversation": "c"},
    {"question": "Summarize the release", "conversation": "d"},
    {"question": "when did this press release come out?", "conversation": "e"},
]


def test_answers_keep_the_repository_contract_schema(env):
    """The contract as the repository defines it (evals/contract/answer.schema.json), plus what a schema
    cannot say: each quote is the release text at its offsets."""
    import jsonschema

    schema = json.loads((ROOT / "evals" / "contract" / "answer.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    run = run_cli("chat", "--jsonl", env=env, input="".join(json.dumps(q) + "\n" for q in CONVERSATION))
    assert run.returncode == 0, run.stderr[-2000:]
    answers = [json.loads(line) for line in run.stdout.splitlines()]
    assert len(answers) == len(CONVERSATION)
    text = SEED.read_text(encoding="utf-8")
    for answer in answers:
        errors = [f"{list(e.path)}: {e.message}" for e in validator.iter_errors(answer)]
        assert not errors, (answer["question"], errors)
        for c in answer["citations"] + answer["related"]:
            assert text[c["start"] : c["end"]] == c["quote"]
    assert [a["abstained"] for a in answers] == [False, True, False, False, False, False]
    assert answers[5]["intent"] == "metadata" and answers[5]["citations"][0]["supported"]
    assert answers[3]["other_readings"]  # "his" after three co-chairs: the other readings are offered
    # the schema is not vacuous: a broken object fails it
    broken = dict(answers[0], citations=[], abstained=False)
    assert list(validator.iter_errors(broken))
    assert list(validator.iter_errors({k: v for k, v in answers[0].items() if k != "timings_ms"}))


def test_shared_contract_checker_passes(env):
    """The outside checker of ../shared, when that folder is there (the repository's own schema test
    above needs nothing outside the repository)."""
    if not CONTRACT.exists():
        pytest.skip(f"{CONTRACT} is not beside this checkout")
    exe = str(Path(sys.executable).with_name("assistant"))
    run = subprocess.run([sys.executable, str(CONTRACT), exe], capture_output=True, text=True, timeout=600,
                         env={**os.environ, **env})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "contract kept" in run.stdout
