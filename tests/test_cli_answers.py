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


def test_shared_contract_checker_passes(env):
    exe = str(Path(sys.executable).with_name("assistant"))
    run = subprocess.run([sys.executable, str(CONTRACT), exe], capture_output=True, text=True, timeout=600,
                         env={**os.environ, **env})
    assert run.returncode == 0, run.stdout + run.stderr
    assert "contract kept" in run.stdout
