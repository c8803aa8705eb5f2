"""Recovering a shipped int8 reader's weights as a float CrossEncoder, the start of a later round of
training: quantised again, the recovered weights must score as the shipped model does."""

import os
import re
import subprocess
import sys

from assistant.answer.intents import MODEL_DIR as INTENT_MODEL_DIR
from assistant.reader.onnx_reader import LIST_MODEL_DIR

from .conftest import ROOT


def _dequantize(onnx, out):
    return subprocess.run([sys.executable, "-m", "assistant.reader.dequantize", "--onnx", str(onnx), "--out", str(out)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600, env={**os.environ, "HF_HUB_OFFLINE": "1"})


def test_the_list_reader_is_recovered_as_served(tmp_path):
    out = tmp_path / "torch"
    run = _dequantize(LIST_MODEL_DIR / "reader-int8.onnx", out)
    assert run.returncode == 0, run.stderr[-2000:]
    assert (out / "config.json").exists() and any(out.glob("*.safetensors"))
    difference = float(re.search(r"max \|logit difference\| ([\d.]+)", run.stdout).group(1))
    # a weight matched to the wrong layer moves logits by whole units
    assert difference < 0.05, run.stdout


def test_a_model_without_a_reader_head_is_refused_by_name(tmp_path):
    onnx = INTENT_MODEL_DIR / "model-int8.onnx"  # a sentence encoder: no classifier to recover
    run = _dequantize(onnx, tmp_path / "torch")
    assert run.returncode != 0
    message = run.stderr.strip().splitlines()[-1]
    assert str(onnx) in message and "do not match" in message
    assert not (tmp_path / "torch").exists()


def test_a_file_that_is_not_onnx_is_refused_by_name(tmp_path):
    junk = tmp_path / "reader-int8.onnx"
    junk.write_bytes(b"\x00\x01 not a model")
    run = _dequantize(junk, tmp_path / "torch")
    assert run.returncode != 0
    message = run.stderr.strip().splitlines()[-1]
    assert str(junk) in message and "not a reader" in message
