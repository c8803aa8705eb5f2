"""The salience model of release summaries: the shipped model prefers a release's news to its
boilerplate, the assistant's summaries use it, and its training script runs end to end."""

import json
import os
import subprocess
import sys

import numpy as np

from assistant.answer.salience import FEATURES, MODEL_FILE, SalienceModel
from assistant.answer.summary import summarise
from assistant.answer.tasks import TaskConfig

from .conftest import ROOT

# A release written for this test (no training or evaluation release is about Lakeview County).
RELEASE = [
    "Senator Jane Roe today announced that the Department of Energy has awarded $4.2 million to Lakeview County "
    "to replace its aging water treatment plant.",
    "The new plant will serve 12,000 residents and end the boil-water advisories that hit the county six times "
    "last year.",
    "Roe, who serves on the Appropriations Committee, has pressed for the funding since 2005.",
    "\"Clean water should never be a luxury for a rural family,\" Roe said.",
    "Construction is expected to begin in the spring and to finish by the end of 2009.",
    "Senator Roe is a member of the Senate Committee on Agriculture and the Committee on Veterans' Affairs.",
    "For more information, please contact Tom Smith in the Senator's press office at 202-555-0100.",
]
TITLE = "Roe Announces $4.2 Million for Lakeview County Water Plant"


def test_the_shipped_model_prefers_the_news_to_a_contact_line_and_a_biography(embeddings):
    model = SalienceModel.load()
    assert model is not None and TaskConfig.read().summary_salience
    vectors = np.asarray(embeddings.embed_documents(RELEASE), dtype=np.float32)
    title = np.asarray(embeddings.embed_query(TITLE), dtype=np.float32)
    p = model.probabilities(RELEASE, vectors, title)
    assert ((0 < p) & (p < 1)).all()
    news, contact, biography = p[0], p[-1], p[-2]
    assert news > max(contact, biography) and p[1] > max(contact, biography), p.round(3)


def test_a_release_summary_takes_its_salient_sentences(embeddings):
    """Three of seven sentences: the award and what it does, never the contact line."""
    from assistant.answer.summary import SummarySentence

    model = SalienceModel.load()
    vectors = np.asarray(embeddings.embed_documents(RELEASE), dtype=np.float32)
    p = model.probabilities(RELEASE, vectors, np.asarray(embeddings.embed_query(TITLE), dtype=np.float32))
    sentences = [SummarySentence(None, i, i + 1, text) for i, text in enumerate(RELEASE)]
    picked = [s.text for s in summarise(sentences, vectors, size=3, salience=p)]
    assert RELEASE[0] in picked and RELEASE[-1] not in picked, picked


def test_the_model_card_numbers_come_with_the_model():
    data = json.loads(MODEL_FILE.read_text(encoding="utf-8"))
    cv = data["training"]["cross_validation"]
    assert data["training"]["releases"] >= 300
    assert cv["chosen"] in cv["grid"] and cv["baselines"]
    assert len(data["model"]["weights"]) == len(FEATURES) + (384 if data["model"]["with_vectors"] else 0)


def test_salience_training_script_runs_end_to_end(tmp_path):
    """Six shipped Senate releases with two 'key points' each (openings of their second and fourth lines):
    the script indexes them, labels their sentences, cross-validates and writes a model that loads."""
    from evals.senate import DATA, rows

    items = []
    for n, row in enumerate([r for r, _ in zip(rows(DATA), range(40)) if len(r["text"].split()) > 150][:6]):
        lines = [line for line in row["text"].splitlines() if len(line.split()) >= 8] or [row["text"]]
        words = [" ".join(line.split()[:5]) for line in lines]
        items.append({"id": f"kp{'XY'[n % 2]}-{n}", "release_id": row["id"],  # two "writers"
                      "key_points": [[w] for w in words[1:5:2] or words[:1]]})
    data = tmp_path / "key_points.jsonl"
    data.write_text("".join(json.dumps(i) + "\n" for i in items))
    out = tmp_path / "salience.json"
    run = subprocess.run([sys.executable, "-m", "assistant.answer.salience_train", "--key-points", str(data),
                          "--releases", str(DATA), "--out", str(out), "--folds", "2"],
                         capture_output=True, text=True, cwd=ROOT, timeout=900, env={**os.environ, "HF_HUB_OFFLINE": "1"})
    assert run.returncode == 0, run.stderr[-2000:]
    written = json.loads(out.read_text())
    assert written["training"]["releases"] == 6 and written["training"]["key_point_sentences"] > 0
    assert len(written["training"]["cross_validation"]["grid"]) == 30
    assert set(written["training"]["leave_one_writer_out"]) == {"kpX", "kpY"}
    trained = SalienceModel.load(out)
    p = trained.probabilities(RELEASE[:2], np.eye(2, 384, dtype=np.float32), None)
    assert p.shape == (2,) and ((0 < p) & (p < 1)).all()
