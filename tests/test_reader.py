"""The shipped reader: loads with ONNX Runtime alone, ranks answering sentences first, reports
calibrated probabilities; the training script runs end to end on SQuAD-format data."""

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from assistant.errors import ConfigError
from assistant.reader.inputs import ReaderInput
from assistant.reader.onnx_reader import MODEL_DIR, Reader, ReaderConfig
from assistant.text import spoken_date

from .conftest import ROOT

# Written for these tests, not taken from any training or evaluation set.
CASES = [
    ("When does the new ferry line to Bergen open?",
     "The ferry company said the line to Bergen opens on 14 May 2026, with two crossings a day.",
     "The company was founded in 1962 and employs about 300 people along the coast."),
    ("Who chairs the regional water board?",
     "The regional water board is chaired by Ingrid Solheim, a former hydrologist.",
     "The water board meets four times a year to review the state of the reservoirs."),
    ("How much will the library renovation cost?",
     "The renovation of the central library is budgeted at 42 million kroner.",
     "The central library reopened its children's section after a week of repairs."),
]


@pytest.fixture(scope="module")
def reader():
    r = Reader()
    r.warm_up()
    return r


def test_the_model_ships_with_its_card_and_decision():
    for name in ("reader-int8.onnx", "tokenizer.json", "reader.json", "README.md"):
        assert (MODEL_DIR / name).is_file(), name
    size = (MODEL_DIR / "reader-int8.onnx").stat().st_size
    assert 5e6 < size < 60e6, size
    config = ReaderConfig.read(MODEL_DIR)
    assert 0 < config.threshold < 1 and config.candidates >= 4
    card = (MODEL_DIR / "README.md").read_text()
    assert "CC BY-SA 4.0" in card and "python -m assistant.reader.train" in card


@pytest.mark.parametrize("question, answer, other", CASES)
def test_the_answering_sentence_scores_higher(reader, question, answer, other):
    right, wrong = reader.probabilities([ReaderInput(question, answer), ReaderInput(question, other)])
    assert right > wrong, (right, wrong)
    assert right > reader.config.threshold  # the answering sentence is quoted


def test_a_sentence_scores_the_same_whatever_is_read_beside_it(reader):
    """Each candidate is read in a run of its own: int8 activations are scaled per run, so in a padded
    batch a sentence's score depended on the other candidates."""
    question, answer, _ = CASES[1]
    target = ReaderInput(question, answer)
    beside = [ReaderInput(question, a + " " + o + " " + a, "A much longer title for the regional board's news")
              for _, a, o in CASES]
    alone = reader.logits([target])[0]
    assert reader.logits([target, *beside])[0] == alone
    assert reader.logits([*beside, target])[-1] == alone
    logits, states = reader.read([*beside, target])
    assert logits[-1] == alone and len(states) == len(beside) + 1
    assert all(answer[a:b] for a, b in states[-1].offsets)  # the last states are the target sentence's


def test_reading_runs_side_by_side_changes_no_score(reader):
    """The candidates' runs go to one worker a core, one thread each: each score and token state is
    the one a run after another on ONNX Runtime's own threads gives, in the inputs' order."""
    inputs = [ReaderInput(q, s, "Regional news", o) for q, a, o in CASES for s in (a, o)]
    side_by_side = Reader(threads=2)
    logits, states = side_by_side.read(inputs)
    expected, expected_states = Reader(threads=1, session_threads=0).read(inputs)
    assert np.array_equal(logits, expected)
    assert all(np.array_equal(a.hidden, b.hidden) and a.offsets == b.offsets for a, b in zip(states, expected_states))
    assert side_by_side.logits(inputs[:1])[0] == logits[0]


def test_probabilities_are_calibrated_logits(reader):
    inputs = [ReaderInput(q, s) for q, a, o in CASES for s in (a, o)]
    logits = reader.logits(inputs)
    probabilities = reader.probabilities(inputs)
    assert np.all((probabilities > 0) & (probabilities < 1))
    assert list(np.argsort(logits)) == list(np.argsort(probabilities))  # a monotone map of the raw score
    # batching and order do not change a pair's score beyond quantisation noise
    again = reader.logits(inputs[::-1])[::-1]
    assert np.allclose(logits, again, atol=0.05), (logits, again)


def test_long_inputs_are_truncated_not_refused(reader):
    long = ReaderInput("Who chairs the regional water board?", CASES[1][1], "Water", " ".join(["word"] * 2000))
    assert 0 < reader.probabilities([long])[0] < 1
    assert reader.logits([]).shape == (0,)


def test_serving_loads_no_torch():
    code = ("import sys; from assistant.reader.onnx_reader import Reader; from assistant.reader.inputs import ReaderInput;"
            "p = Reader().probabilities([ReaderInput('Who?', 'Ingrid Solheim chairs the board.')]);"
            "print(float(p[0]), 'torch' in sys.modules, 'sentence_transformers' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert out.returncode == 0, out.stderr
    probability, torch_loaded, st_loaded = out.stdout.split()
    assert 0 < float(probability) < 1
    assert (torch_loaded, st_loaded) == ("False", "False")


def test_a_missing_model_is_a_clear_error(tmp_path):
    with pytest.raises(ConfigError, match="reader model is missing; build it with"):
        Reader(tmp_path).logits([ReaderInput("q", "s")])


def _squad_file(path: Path, title: str, n: int) -> None:
    paragraphs = []
    for i in range(n):
        context = (f"The town of Elm{i} lies on the river. It was founded in {1700 + i} by farmers. "
                   f"Its mayor is Anna Berg{i}. The town hosts a fair every June.")
        qas = [{"id": f"{title}-{i}-a", "question": f"When was Elm{i} founded?", "is_impossible": False,
                "answers": [{"text": str(1700 + i), "answer_start": context.index(str(1700 + i))}]},
               {"id": f"{title}-{i}-b", "question": f"Who is the mayor of Elm{i}?", "is_impossible": False,
                "answers": [{"text": f"Anna Berg{i}", "answer_start": context.index(f"Anna Berg{i}")}]},
               {"id": f"{title}-{i}-c", "question": f"How many people live in Elm{i}?", "is_impossible": True,
                "answers": []}]
        paragraphs.append({"context": context, "qas": qas})
    path.write_text(json.dumps({"data": [{"title": title, "paragraphs": paragraphs}]}))


@pytest.mark.slow
def test_training_script_runs_end_to_end(tmp_path):
    """A few steps on a tiny SQuAD-format set: the log, the metrics and an ONNX model that loads."""
    from assistant.reader.squad import FILES, TUNE_ARTICLES

    data = tmp_path / "qa"
    data.mkdir()
    _squad_file(data / FILES[0], "Towns", 12)
    _squad_file(data / FILES[1], TUNE_ARTICLES[0], 4)
    out = tmp_path / "reader"
    run = subprocess.run([sys.executable, "-m", "assistant.reader.train", "--data", str(data), "--out", str(out),
                          "--batch-size", "8", "--dev-questions", "6", "--evals", "1"],
                         capture_output=True, text=True, cwd=ROOT, timeout=600,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert run.returncode == 0, run.stderr[-2000:]
    log = [json.loads(line) for line in (out / "training_log.jsonl").read_text().splitlines()]
    assert log[0]["pairs"] > 0 and any("top1" in row for row in log) and log[-1]["done"]
    metrics = json.loads((out / "training_metrics.json").read_text())
    assert 0 <= metrics["dev"]["top1"] <= 1
    trained = Reader(out)
    assert trained.logits([ReaderInput("Who is the mayor of Elm3?", "Its mayor is Anna Berg3.")]).shape == (1,)


def test_each_epoch_after_the_first_sees_the_pairs_in_a_new_seeded_order():
    import random

    from assistant.reader.train import epoch_order

    pairs = list(range(50))
    order = epoch_order(pairs, 130, random.Random(3))
    assert len(order) == 130 and order[:50] == pairs
    assert sorted(order[50:100]) == pairs and order[50:100] != pairs and order[100:] != pairs[:30]
    assert order == epoch_order(pairs, 130, random.Random(3)) and order != epoch_order(pairs, 130, random.Random(4))


def test_list_reader_training_script_runs_end_to_end(tmp_path):
    """A few steps on three list questions over shipped Senate releases: the labels come from the items,
    the log has the held-out metrics, and the ONNX model loads."""
    from assistant.embedding.torch_model import resolve_model_path
    from assistant.settings import DEFAULT_EMBEDDING_MODEL
    from evals.senate import DATA, rows

    releases = [row for row, _ in zip(rows(DATA), range(12))]
    questions = tmp_path / "lists.jsonl"
    questions.write_text("".join(json.dumps({
        "id": f"list-{n}", "question": f"Which places does the release {row['id']} name?", "release_ids": [row["id"]],
        "items": [[word] for word in row["text"].split()[:3]]}) + "\n" for n, row in enumerate(releases[:3])))
    out = tmp_path / "list_reader"
    run = subprocess.run([sys.executable, "-m", "assistant.reader.train_list_reader", "--questions", str(questions),
                          "--releases", str(DATA), "--init", str(resolve_model_path(DEFAULT_EMBEDDING_MODEL)),
                          "--out", str(out), "--background", "9", "--dev", "1", "--epochs", "0.1", "--batch-size", "8"],
                         capture_output=True, text=True, cwd=ROOT, timeout=900,
                         env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert run.returncode == 0, run.stderr[-2000:]
    log = [json.loads(line) for line in (out / "training_log.jsonl").read_text().splitlines()]
    assert log[0]["pairs"] > 0 and "dev_question_auc" in log[1]
    metrics = json.loads((out / "training_metrics.json").read_text())
    assert metrics["questions"] == 3 and metrics["dev_questions"] == 1
    assert Reader(out).logits([ReaderInput("Which towns?", "Elm and Oak got grants.")]).shape == (1,)


@pytest.mark.parametrize("question, item, topical", [
    ("Which towns received water grants?", "The grants will go to the towns of Elmwood and Fairview.",
     "The water grant programme was created in 1998 to support rural infrastructure."),
    ("Which senators cosponsored the Rural Broadband Act?",
     "Senators Ann Reyes and Tom Hale joined as cosponsors of the Rural Broadband Act.",
     "The Rural Broadband Act would help bring fast internet to rural communities."),
    ("Which schools got computer lab funding?",
     "Lincoln Elementary School will receive $40,000 and Oak Ridge High School $55,000 for computer labs.",
     "Computer labs help students prepare for the jobs of the future."),
])
def test_the_list_reader_tells_a_sentence_naming_items_from_one_on_the_topic(question, item, topical):
    """Written for this test (towns, senators, schools no training question uses). The sentence reader
    scores the first pair 0.184 / 0.183: it cannot tell them apart. A bill's provisions are where the
    list reader is weakest (its model card)."""
    from assistant.reader.onnx_reader import LIST_MODEL_DIR

    named, general = Reader(LIST_MODEL_DIR).probabilities([ReaderInput(question, item), ReaderInput(question, topical)])
    assert named > general + 0.25, (named, general)


def test_release_question_training_script_runs_end_to_end(tmp_path):
    """A few steps on four one-fact questions over shipped Senate releases, one of them unanswerable: the
    candidates come from a temporary index, the log has the held-out writer's metrics, the ONNX model loads."""
    from assistant.embedding.torch_model import resolve_model_path
    from assistant.settings import DEFAULT_EMBEDDING_MODEL
    from evals.senate import DATA, rows

    releases = [row for row, _ in zip(rows(DATA), range(12))]
    lines = []
    for n, row in enumerate(releases[:3]):
        words = row["text"].split()[40:52]
        lines.append({"id": f"q{n}", "writer": "a" if n < 2 else "b", "release_ids": [row["id"]], "answerable": True,
                      "question": "What does the release say about " + " ".join(words[2:6]) + "?",
                      "evidence": " ".join(words), "answer": " ".join(words[6:9])})
    lines.append({"id": "q3", "writer": "a", "release_ids": [releases[3]["id"]], "answerable": False,
                  "question": "How many moons does Neptune have?", "why": "not a release's subject"})
    questions = tmp_path / "questions.jsonl"
    questions.write_text("".join(json.dumps(line) + "\n" for line in lines))
    out = tmp_path / "reader"
    run = subprocess.run([sys.executable, "-m", "assistant.reader.train_release_qa", "--questions", str(questions),
                          "--releases", str(DATA), "--init", str(resolve_model_path(DEFAULT_EMBEDDING_MODEL)),
                          "--out", str(out), "--background", "8", "--dev-writer", "b", "--squad-pairs", "0",
                          "--epochs", "1", "--batch-size", "4"],
                         capture_output=True, text=True, cwd=ROOT, timeout=900, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert run.returncode == 0, run.stderr[-2000:]
    metrics = json.loads((out / "training_metrics.json").read_text())
    assert metrics["release_pairs"] > metrics["positive_pairs"] > 0  # the evidence found among the candidates
    log = [json.loads(line) for line in (out / "training_log.jsonl").read_text().splitlines()]
    assert log[1]["top1"] is not None and log[-1]["answerable_auc"] is None  # one dev question, answerable
    assert Reader(out).logits([ReaderInput("Who is the mayor?", "Its mayor is Anna Berg.")]).shape == (1,)


def test_a_candidate_holds_the_answer_only_where_the_evidence_says_it():
    from assistant.reader.train_release_qa import holds_answer

    question = {"answerable": True, "answer": "$40,000",
                "evidence": "Lincoln Elementary School will receive $40,000 for a computer lab"}
    assert holds_answer("Lincoln Elementary School will receive $40,000 for a new computer lab this fall.", question)
    assert not holds_answer("The county paid $40,000 for road repairs in 2004.", question)  # the figure, elsewhere
    assert not holds_answer("Lincoln Elementary School will get a computer lab.", question)  # no answer
    assert not holds_answer("Lincoln Elementary School will receive $40,0000 for a computer lab", question)  # whole words
    assert not holds_answer("Lincoln Elementary School will receive $40,000 for a computer lab",
                            {"answerable": False, "question": "?"})


def test_quantization_aware_layers_compute_with_int8_rounded_weights_and_still_learn():
    """Fine-tuning from int8 weights moves each far less than one int8 step, so a plain export rounds the
    training away; the layers must compute with what the export will store, and pass gradients on."""
    import torch

    from assistant.reader.train import quantization_aware

    torch.manual_seed(0)
    net = torch.nn.Sequential(torch.nn.Embedding(10, 4), torch.nn.Linear(4, 3))
    linear = net[1]
    x = torch.randn(5, 4)
    scale = linear.weight.detach().abs().amax(dim=1, keepdim=True) / 127
    rounded = torch.round(linear.weight.detach() / scale) * scale
    quantization_aware(net)
    out = linear(x)
    assert torch.allclose(out, x @ rounded.T + linear.bias.detach(), atol=1e-6)
    assert not torch.allclose(out, x @ linear.weight.detach().T + linear.bias.detach(), atol=1e-6)
    out.sum().backward()
    assert linear.weight.grad is not None and linear.weight.grad.abs().sum() > 0
    assert not net[0].weight.requires_grad


def test_a_question_naming_the_release_period_is_read_with_the_release_date(reader):
    # The reader sees no front matter: without the release's date beside the sentence, a year in the
    # question reads as a detail the sentence lacks. Written for this test.
    question = "What did the port authority open in 2021?"
    sentence = "The port authority opened a new cruise terminal on the eastern quay."
    plain, right_year, wrong_year = reader.logits(
        [ReaderInput(question, sentence, "New cruise terminal")]
        + [ReaderInput(question, sentence, "New cruise terminal " + spoken_date(day)) for day in ("2021-06-15", "2015-06-15")])
    # the date is read as the release's period: the question's year helps, another year does not
    assert right_year > max(plain, wrong_year) + 1.0, (plain, right_year, wrong_year)


@pytest.mark.parametrize("iso, spoken", [("2023-03-01", "(1 March 2023)"), ("2024-12-31", "(31 December 2024)"),
                                         (None, ""), ("2023-13-01", ""), ("2023-02-31", ""),
                                         ("March 2023", "")])
def test_release_dates_are_spoken_as_a_release_writes_them(iso, spoken):
    assert spoken_date(iso) == spoken
