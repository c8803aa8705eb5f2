"""Whether a run of capitalised words names a person ("Charles Fries") or not ("North Korea", "European
Peace Facility"): two logistic regressions averaged, one over the run's words and their letters, one over
its vector from the default embedding model, trained by `python -m assistant.answer.person_train` on runs
labelled by the title or article before them in Senate releases (its docstring; numbers in
`person_model.json`). It replaced a word list of places and bodies drawn from the seed release."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable, Container
from functools import lru_cache
from pathlib import Path

import numpy as np

MODEL_FILE = Path(__file__).with_name("person_model.json")
POSSESSIVE = re.compile(r"['’]s$")
# words written only before a person's name: the training labeller's evidence of a person
HONORIFICS = frozenset("""Senator Sen Rep Representative Congressman Congresswoman Mr Mrs Ms Dr Governor Gov Mayor
    President Secretary Judge Justice Chairman Chairwoman Ambassador Commissioner Professor Admiral Sergeant
    Sgt Captain Capt Colonel Col Lt Lieutenant Corporal Cpl Pfc Reverend Rev Bishop Coach""".split())
# a title before a name, capitalised as written, left out of the name when serving ("State Secretary Hans
# Kjølseth" names Hans Kjølseth); these also open bodies' names ("General Services Administration")
TITLES = HONORIFICS | frozenset("""Vice State Minister Prime Deputy Assistant Under Executive Chief General Chair
    Director Administrator Officer Attorney""".split())


def features(run: str, known: Container[str]) -> list[str]:
    """The run's words (lower case, without a possessive 's), its first and last word, and the letter trigrams
    of its words, each word's shape (all capitals or not), and its length. A word not `known` (seen in
    training) is "?": a name is more often a word never seen than a body or a place is."""
    words = run_words(run)
    if not words:
        return []
    named = [w if w in known else "?" for w in words]
    shapes = ["X" if w.isupper() and len(w) > 1 else "x" for w in run.split()]
    return [f"w:{w}" for w in named] + [f"c:{g}" for w in words for g in _grams(w)] + [f"shape:{s}" for s in shapes] + \
        [f"first:{named[0]}", f"last:{named[-1]}", f"n:{min(len(words), 4)}"]


def run_words(run: str) -> list[str]:
    """The run's words as the model reads them: lower case, without a possessive 's."""
    return [POSSESSIVE.sub("", w.lower()) for w in run.split()]


def _grams(word: str) -> list[str]:
    padded = f"^{word}$"
    return [padded[i:i + 3] for i in range(len(padded) - 2)]


class PersonModel:
    """Two logistic regressions, averaged: one over the run's words and letters (`features`), which knows the
    bodies and places of its training releases, and one over the run's vector from the default embedding
    model, which knows names it never saw ("Ingrid Solheim"): alone they told people from the rest with a
    cross-validated balanced accuracy of 0.899 and 0.910, averaged 0.926 (the model file's `training`)."""

    def __init__(self, intercept: float, weights: dict[str, float], vocabulary: Container[str],
                 vector_intercept: float, vector_weights: np.ndarray, embed: Callable[[list[str]], list[list[float]]],
                 bar: float = 0.5):
        self.intercept = intercept
        self.weights = weights
        self.vocabulary = vocabulary
        self.vector_intercept = vector_intercept
        self.vector_weights = vector_weights
        self.embed = embed
        self.bar = bar  # chosen in training by cross-validated balanced accuracy

    @classmethod
    def from_json(cls, data: dict, embed: Callable[[list[str]], list[list[float]]]) -> "PersonModel":
        return cls(data["intercept"], data["weights"], frozenset(data["vocabulary"]), data["vector_intercept"],
                   np.asarray(data["vector_weights"], dtype=np.float32), embed, data.get("bar", 0.5))

    @staticmethod
    @lru_cache(maxsize=1)
    def load(path: Path = MODEL_FILE) -> "PersonModel":
        """The shipped model, reading vectors from the default embedding model (the one it was trained on,
        whatever model the index uses), loaded at the first run it reads."""
        return PersonModel.from_json(json.loads(path.read_text(encoding="utf-8")), _default_vectors)

    def probability(self, run: str) -> float:
        return self.probabilities([run])[0]

    def probabilities(self, runs: list[str]) -> list[float]:
        if not runs:
            return []
        vectors = np.asarray(self.embed(runs), dtype=np.float32)
        out = []
        for run, vector in zip(runs, vectors):
            words = self.intercept + sum(self.weights.get(f, 0.0) for f in set(features(run, self.vocabulary)))
            seen = self.vector_intercept + float(vector @ self.vector_weights)
            out.append((_sigmoid(words) + _sigmoid(seen)) / 2)
        return out

    def is_person(self, run: str) -> bool:
        return self.probability(run) >= self.bar


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z))


_shared: list = []  # the assistant's own embeddings, when they are the default model's (`share_embeddings`)


def share_embeddings(embeddings) -> None:
    """Read run vectors with `embeddings` when they are the default model's int8 build, the one the model
    was trained on, instead of loading a second copy of it."""
    from assistant.embedding.onnx_model import OnnxEmbeddings
    from assistant.settings import DEFAULT_EMBEDDING_MODEL

    if isinstance(embeddings, OnnxEmbeddings) and embeddings.base_model == DEFAULT_EMBEDDING_MODEL \
            and embeddings.variant == "int8":
        _shared[:] = [embeddings]


@lru_cache(maxsize=1)
def _own_embeddings():
    from assistant.embedding.onnx_model import OnnxEmbeddings

    return OnnxEmbeddings()


def _default_embeddings():
    return _shared[0] if _shared else _own_embeddings()


@lru_cache(maxsize=4096)
def _vector(run: str) -> tuple[float, ...]:
    return tuple(_default_embeddings().embed_documents([run])[0])


def _default_vectors(runs: list[str]) -> list[tuple[float, ...]]:
    return [_vector(run) for run in runs]
