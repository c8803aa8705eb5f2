"""The verdict reader, run by ONNX Runtime: does the quoted sentence answer a yes/no question yes or no?

A three-way CrossEncoder (yes / no / settles nothing) trained by `python -m assistant.reader.train_verdict`
(model card in verdict_model/README.md). A verdict is given only when the model is at least `bar` sure
of it; `rescue_bar` (or none) is how sure it must be that a candidate the sentence reader refused
settles the question (both in verdict.json, chosen by `python -m evals.tune_verdict` on held-out
questions); otherwise the answer quotes the sentence and lets it speak."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.embedding.onnx_model import cpu_session
from assistant.embedding.torch_model import Lazy
from assistant.reader.export import MODEL_FILE
from assistant.reader.inputs import MAX_LENGTH, ReaderInput

LABELS = ("yes", "no", "none")  # the model's outputs, in order
VERDICT_DIR = Path(__file__).resolve().parent / "verdict_model"
CONFIG_FILE = "verdict.json"


@dataclass(frozen=True)
class Verdict:
    label: str  # "yes", "no" or "none"
    probability: float  # the model's probability for that label


class VerdictReader:
    def __init__(self, folder: Path | str = VERDICT_DIR):
        self.folder = Path(folder)
        config = self.folder / CONFIG_FILE
        chosen = json.loads(config.read_text(encoding="utf-8")) if config.exists() else {}
        self.bar: float | None = chosen.get("bar")  # None: no verdict is ever sure enough
        self.reader_sure: float = chosen.get("reader_sure") or 0.0  # the sentence reader's probability it also needs
        self.rescue_bar: float | None = chosen.get("rescue_bar")
        self._loaded = Lazy(self._load)

    @property
    def available(self) -> bool:
        return (self.folder / MODEL_FILE).exists()

    def _load(self) -> tuple:
        from tokenizers import Tokenizer

        session = cpu_session(self.folder / MODEL_FILE, 1)
        tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_LENGTH, strategy="longest_first")
        tokenizer.no_padding()
        return session, tokenizer, {i.name for i in session.get_inputs()}

    def warm_up(self) -> None:
        if self.available:
            self._loaded.get()

    def probabilities(self, inputs: list[ReaderInput]) -> np.ndarray:
        """(len(inputs), 3) probabilities of LABELS; each input in a run of its own (the int8 graph scales
        its activations per run, as the sentence reader's does)."""
        session, tokenizer, names = self._loaded.get()
        out = np.zeros((len(inputs), len(LABELS)), dtype=np.float64)
        for row, encoding in enumerate(tokenizer.encode_batch([i.pair() for i in inputs])):
            feed = {"input_ids": np.array([encoding.ids], dtype=np.int64),
                    "attention_mask": np.ones((1, len(encoding.ids)), dtype=np.int64)}
            if "token_type_ids" in names:
                feed["token_type_ids"] = np.array([encoding.type_ids], dtype=np.int64)
            logits = session.run(["logits"], feed)[0][0].astype(np.float64)
            exp = np.exp(logits - logits.max())
            out[row] = exp / exp.sum()
        return out

    def judge(self, given: ReaderInput, bar: float | None = None) -> Verdict:
        """Yes or no when the model is at least `bar` (default: the chosen one) sure of it, else "none"."""
        return verdict(self.probabilities([given])[0], self.bar if bar is None else bar)


def verdict(probabilities: np.ndarray, bar: float | None) -> Verdict:
    """Yes or no, whichever is likelier, when its probability reaches `bar`; else "none"."""
    best = 0 if probabilities[0] >= probabilities[1] else 1
    if bar is not None and probabilities[best] >= bar:
        return Verdict(LABELS[best], round(float(probabilities[best]), 4))
    return Verdict("none", round(float(probabilities[2]), 4))
