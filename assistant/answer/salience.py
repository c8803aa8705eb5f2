"""How likely a sentence of a release is to hold one of its key points: a logistic model trained on key
points people chose for press releases (`python -m assistant.answer.salience_train`), applied with
numpy at serving time.

Its inputs say where a sentence sits (news writing puts the news first), how central it is among the
release's sentences, how near the title it is, how long it is, whether it holds figures or a quote,
and, when the training chose to, the sentence vector itself (so it can learn kinds of sentence, such as
contact lines or a biography, that no summary needs). No word list: every input is measured."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).with_name("salience.json")
FEATURES = ("position", "lead", "first", "centrality", "centrality_rank", "title_similarity", "title_rank",
            "first_similarity", "log_words", "digits", "quote")
_DIGIT = re.compile(r"\d")
_QUOTE = re.compile(r"[\"“”]")


def features(texts: Sequence[str], vectors: np.ndarray, title_vector: np.ndarray | None) -> np.ndarray:
    """One row per sentence (in reading order) of the FEATURES above; `vectors` are unit sentence vectors."""
    n = len(texts)
    if not n:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    index = np.arange(n, dtype=np.float64)
    similarity = vectors @ vectors.T
    central = (similarity.sum(axis=1) - 1.0) / (n - 1) if n > 1 else np.ones(n)
    title = vectors @ title_vector if title_vector is not None and np.any(title_vector) else np.zeros(n)
    words = np.array([len(t.split()) for t in texts], dtype=np.float64)
    return np.column_stack([
        index / max(n - 1, 1),
        1.0 / (1.0 + index),
        index == 0,
        central,
        _rank(central),
        title,
        _rank(title),
        similarity[0],  # nearness to the opening sentence, where a release states its news
        np.log1p(words),
        [len(_DIGIT.findall(t)) / max(len(t), 1) * 10 for t in texts],
        [bool(_QUOTE.search(t)) for t in texts],
    ]).astype(np.float32)


def _rank(values: np.ndarray) -> np.ndarray:
    """1 for the highest value, falling to 0 for the lowest: comparable across releases of any length."""
    if len(values) < 2:
        return np.ones(len(values))
    return 1.0 - np.argsort(np.argsort(-values)) / (len(values) - 1)


@dataclass(frozen=True)
class SalienceModel:
    mean: np.ndarray  # standardisation of the inputs, from the training data
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    with_vectors: bool  # the sentence vector is an input too
    novelty: float = 0.3  # MMR's weight on not repeating a chosen sentence, chosen with the model

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "SalienceModel | None":
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))["model"]
        return cls(np.asarray(data["mean"], dtype=np.float64), np.asarray(data["scale"], dtype=np.float64),
                   np.asarray(data["weights"], dtype=np.float64), float(data["bias"]), bool(data["with_vectors"]),
                   float(data.get("novelty", cls.novelty)))

    def to_json(self) -> dict:
        return {"mean": [float(f"{v:.6g}") for v in self.mean], "scale": [float(f"{v:.6g}") for v in self.scale],
                "weights": [float(f"{v:.6g}") for v in self.weights], "bias": float(f"{self.bias:.6g}"),
                "with_vectors": self.with_vectors, "novelty": self.novelty}

    @staticmethod
    def inputs(texts: Sequence[str], vectors: np.ndarray, title_vector: np.ndarray | None, with_vectors: bool) -> np.ndarray:
        rows = features(texts, vectors, title_vector)
        return np.hstack([rows, vectors]) if with_vectors and len(rows) else rows

    def probabilities(self, texts: Sequence[str], vectors: np.ndarray, title_vector: np.ndarray | None) -> np.ndarray:
        x = (self.inputs(texts, vectors, title_vector, self.with_vectors) - self.mean) / self.scale
        return 1.0 / (1.0 + np.exp(-np.clip(x @ self.weights + self.bias, -50, 50)))
