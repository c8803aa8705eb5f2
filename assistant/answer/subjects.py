"""Whether a question names a subject ("What does the release say about climate change?", "Summarize
the release on the Fort Monmouth closure") or asks about a release only generically or by its sender and
date ("Summarize the release", "What did Senator Bayh announce in March 2006?").

A logistic model over the question's own embedding (the vector the search embeds anyway), trained on
labelled example questions (`subject_examples.jsonl`, by `python -m assistant.answer.subject_train`) and
measured on held-out phrasings (`evals/datasets/subjects.jsonl`). It reads the question alone, so it
holds for a subject the corpus does not cover: a test by the corpus's similarity to the question cannot
tell "climate change", which no release mentions, from "the release", which names nothing.

The same model, trained on whether a question names anything at all (a subject, a sender or a period:
`SPECIFICS_FILE`, `subject_train --target specific`), tells "What's new?" from "most recent Bennett
release", which the subject model alone takes alike."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).with_name("subject_model.json")
# the same kind of model, trained on whether a question names anything at all: a subject, a sender or a period
SPECIFICS_FILE = Path(__file__).with_name("specifics_model.json")


@dataclass(frozen=True)
class SubjectModel:
    embedding_model: str  # the vectors it was trained on; another model's vectors mean nothing to it
    weights: np.ndarray
    bias: float

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "SubjectModel | None":
        if not path.exists():
            return None
        return cls.from_json(json.loads(path.read_text(encoding="utf-8"))["model"])

    @classmethod
    def from_json(cls, data: dict) -> "SubjectModel":
        return cls(data["embedding_model"], np.asarray(data["weights"], dtype=np.float64), float(data["bias"]))

    def to_json(self) -> dict:
        return {"embedding_model": self.embedding_model, "weights": [float(f"{w:.6g}") for w in self.weights],
                "bias": float(f"{self.bias:.6g}")}

    def reads(self, embedding_model: str, dimensions: int) -> bool:
        """Whether it reads vectors of this embedding model."""
        return embedding_model == self.embedding_model and dimensions == len(self.weights)

    def probability(self, vector) -> float:
        """That the question whose (unit) vector this is names a subject (for the specifics model: names
        anything, a subject, a sender or a period)."""
        z = float(np.asarray(vector, dtype=np.float64) @ self.weights + self.bias)
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))
