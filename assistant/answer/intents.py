"""What a question asks for: one fact, a summary, a list across releases, a search for releases, or
the latest news.

A small trained model (`intent_model/`, built by `python -m assistant.answer.intent_train`): the
packaged MiniLM fine-tuned on labelled example questions (`intent_examples.jsonl`) so that questions
of one intent lie close together whatever their topic, and a logistic-regression head. No phrase
rules: the examples teach it, and held-out phrasings written by someone else measure it
(`assistant eval --dataset intents`)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

import numpy as np

from assistant.embedding.torch_model import Lazy

EXAMPLES = Path(__file__).with_name("intent_examples.jsonl")
MODEL_DIR = Path(__file__).with_name("intent_model")
MODEL_FILE = "model-int8.onnx"
HEAD_FILE = "head.json"


class Intent(str, Enum):
    FACT = "fact"
    SUMMARY = "summary"
    LIST = "list"
    SEARCH = "search"
    LATEST = "latest"
    OVERVIEW = "overview"  # a summary of what the releases say about a topic, rather than of one release
    # when a release was issued, what it is called, who put it out: told by the release-facts model
    # (release_facts.py), never by the intent model
    METADATA = "metadata"

    @property
    def reported(self) -> "Intent":
        """The intent answers name: an overview is a kind of summary."""
        return Intent.SUMMARY if self is Intent.OVERVIEW else self


@dataclass(frozen=True)
class IntentGuess:
    intent: Intent
    probability: float  # the classifier's probability for it
    probabilities: dict[str, float]


def load_examples(path: Path = EXAMPLES) -> list[tuple[str, Intent]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(row["question"], Intent(row["intent"])) for row in rows]


class IntentClassifier:
    """Loads lazily (ONNX Runtime and numpy only); about 5 ms a question on one core."""

    def __init__(self, folder: Path = MODEL_DIR, threads: int = 1):
        self.folder = folder
        self.threads = threads
        self._loaded = Lazy(self._load)
        self._recent: dict[str, np.ndarray] = {}

    def _load(self):
        from assistant.embedding.onnx_model import OnnxEmbeddings

        encoder = OnnxEmbeddings(str(self.folder), threads=self.threads)
        encoder.warm_up()
        head = json.loads((self.folder / HEAD_FILE).read_text(encoding="utf-8"))
        return encoder, [Intent(c) for c in head["classes"]], np.asarray(head["coef"]), np.asarray(head["intercept"])

    def warm_up(self) -> None:
        self._loaded.get()

    def vector(self, question: str) -> np.ndarray:
        """The fine-tuned encoder's unit vector of the question (the part model reads it too: parts.py);
        the last few are kept, so classifying a question and reading its vector encode it once."""
        cached = self._recent.get(question)
        if cached is None:
            cached = self._loaded.get()[0].encode([question])[0]
            self._recent = {**dict(list(self._recent.items())[-7:]), question: cached}
        return cached

    def classify(self, question: str) -> IntentGuess:
        _, classes, coef, intercept = self._loaded.get()
        scores = coef @ self.vector(question) + intercept
        probabilities = np.exp(scores - scores.max())
        probabilities /= probabilities.sum()
        best = int(np.argmax(probabilities))
        return IntentGuess(classes[best], float(probabilities[best]),
                           {c.value: round(float(p), 4) for c, p in zip(classes, probabilities)})
