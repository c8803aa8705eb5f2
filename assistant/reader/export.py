"""Exports a trained CrossEncoder folder to ONNX and int8-quantises it, for serving without torch."""

from __future__ import annotations

import shutil
import warnings
from pathlib import Path

from assistant.embedding.onnx_model import quantize_int8

MODEL_FILE = "reader-int8.onnx"


def export_quantized(model, tokenizer, pick, outputs: list[str], target: Path) -> None:
    """Exports a transformers model over a question/sentence pair to ONNX (opset 17, batch and sequence
    dynamic) with `outputs` = `pick(model output)`, then int8-quantises it into `target`."""
    import torch

    sample = tokenizer(["a question?", "another question"], ["an answer sentence.", "a second, longer one."],
                       padding=True, return_tensors="pt")
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in sample]

    class Outputs(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *inputs):
            return pick(self.inner(**dict(zip(names, inputs))))

    fp32 = target.with_name(target.stem + "-fp32.tmp.onnx")
    axes = {n: {0: "batch", 1: "sequence"} for n in names} | {o: {0: "batch"} for o in outputs}
    if outputs != ["logits"]:  # token-level outputs vary with the sequence too
        axes |= {o: {0: "batch", 1: "sequence"} for o in outputs}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(Outputs(model), tuple(sample[n] for n in names), str(fp32), input_names=names,
                          output_names=outputs, dynamic_axes=axes, opset_version=17, dynamo=False)
    quantize_int8(fp32, target)
    fp32.unlink()


def export_int8(torch_dir: Path, out: Path) -> Path:
    """Writes `out/reader-int8.onnx` and `out/tokenizer.json`; returns the ONNX path."""
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    model = AutoModelForSequenceClassification.from_pretrained(str(torch_dir), attn_implementation="eager",
                                                               local_files_only=True).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(torch_dir), local_files_only=True)
    target = out / MODEL_FILE
    export_quantized(model, tokenizer, lambda result: result.logits, ["logits"], target)
    from assistant.reader.span_head import add_hidden_output  # the span head reads these token states

    add_hidden_output(target, target)
    shutil.copy2(torch_dir / "tokenizer.json", out / "tokenizer.json")
    return target
