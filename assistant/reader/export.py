"""Exports a trained CrossEncoder folder to ONNX and int8-quantises it, for serving without torch."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

from assistant.embedding.onnx_model import quantize_int8

MODEL_FILE = "reader-int8.onnx"


def export_int8(torch_dir: Path, out: Path) -> Path:
    """Writes `out/reader-int8.onnx` and `out/tokenizer.json`; returns the ONNX path."""
    import torch
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = AutoModelForSequenceClassification.from_pretrained(str(torch_dir), attn_implementation="eager",
                                                               local_files_only=True).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(torch_dir), local_files_only=True)
    sample = tokenizer(["a question?", "another question"], ["an answer sentence.", "a second, longer one."],
                       padding=True, return_tensors="pt")
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in sample]

    class Logits(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *inputs):
            return self.inner(**dict(zip(names, inputs))).logits

    fp32 = out / "reader-fp32.tmp.onnx"
    axes = {n: {0: "batch", 1: "sequence"} for n in names} | {"logits": {0: "batch"}}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(Logits(model), tuple(sample[n] for n in names), str(fp32), input_names=names,
                          output_names=["logits"], dynamic_axes=axes, opset_version=17, dynamo=False)
    target = out / MODEL_FILE
    quantize_int8(fp32, target)
    fp32.unlink()
    from assistant.reader.span_head import add_hidden_output  # the span head reads these token states

    add_hidden_output(target, target)
    shutil.copy2(torch_dir / "tokenizer.json", out / "tokenizer.json")
    return target
