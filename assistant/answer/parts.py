"""Summaries of one part of a release ("In Brown's energy release, what was said about ethanol?"): whether
a summary question asks about a part of its release rather than the whole of it, and which of the
release's sentences hold that part.

Two logistic models, trained by `python -m assistant.answer.part_train` on summary questions people wrote
about releases no evaluation uses (`summary_data/part_questions.jsonl.gz`), applied with numpy:

- **the question model** reads the intent model's vector of the question (the encoder fine-tuned to
  tell kinds of request apart) and gives the probability that it asks about a part;
- **the sentence model** gives each sentence of the release the probability that it holds a point of
  that part, from how near it is to the question's topic, how much nearer than to the release's title
  (the part is what the release says beyond its headline), and how near it is to the sentence nearest
  the topic (a release treats a part in neighbouring sentences), and how many of the question's rarer
  words it holds; and the same nearness to the question's **focus**: of the question's clauses (split at
  its punctuation), the one least like the release title ("In the March 2007 release on the veterans'
  claims backlog, | what's said about the state of VA hospitals?": the second), and the topic with the
  title's direction taken out. A part question describes its release as well as the part it asks about,
  and the whole question's vector leans to the description. No position in the release: the
  writers were asked for parts after the opening, and the model is not to learn that."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.text import content_terms

MODEL_FILE = Path(__file__).with_name("part_model.json")
FEATURES = ("similarity", "title_similarity", "beyond_title", "similarity_rank", "neighbour_similarity",
            "distance_to_nearest", "next_to_nearest", "near_nearest", "below_nearest", "naming", "names_all",
            "focus_similarity", "focus_below_best", "focus_neighbour", "off_title_similarity", "off_title_below_best")
# a question this near its release's title (cosine) asks about the whole release, whatever its wording: 98% of
# part_train's 200 part questions are farther from their title (10% of its 200 whole-release questions are nearer)
TITLE_LIKE = 0.756
MIN_OFF_TITLE = 0.05  # the norm of the topic's part off the title under which that part is noise
# a question's clauses end at its punctuation: not a comma or colon inside a figure ("$2,500,000", "3:30"), a
# hyphen or a dash within a word ("EU–Norway"), nor a full stop after an initial or a short capitalised
# abbreviation ("U.S. beef", "Sen. Craig", "Mount St. Helens", "S. Con. Res. 99")
CLAUSE_END = re.compile(r"[;?!()\u2014\u2026]|(?<!\d)[,:]|[,:](?!\d)|\s[-\u2013]+\s|--"
                        r"|(?<![A-Z])(?<!\b[A-Z][a-z])(?<!\b[A-Z][a-z]{2})\.+(?:\s|$)")


def clauses(question: str) -> list[str]:
    """The question's clauses that name something: at least one content word that is not a request word
    ("as a short summary", "per the release" name nothing, `asking.request_words`); the whole question
    when fewer than two do."""
    from assistant.answer.asking import request_words

    requesting = request_words()
    found = [c.strip() for c in CLAUSE_END.split(question)
             if any(term not in requesting for term in content_terms(c))]
    return found if len(found) > 1 else [question]


def focus_of(question: str, topic: np.ndarray, title_vector: np.ndarray | None,
             embed: Callable[[Sequence[str]], list[list[float]]]) -> np.ndarray:
    """The unit vector of the question's clause least like the release title (`clauses`); `topic`, the whole
    question's, when it has one clause or the release no title. `embed`: texts to vectors."""
    parts = clauses(question)
    if len(parts) < 2 or title_vector is None or not np.any(title_vector):
        return topic
    vectors = _unit(np.asarray(embed(parts), dtype=np.float64))
    return vectors[int(np.argmin(vectors @ title_vector))].astype(np.float32)


def features(vectors: np.ndarray, topic: np.ndarray, title_vector: np.ndarray | None, naming: np.ndarray,
             focus: np.ndarray | None = None) -> np.ndarray:
    """One row per sentence (in reading order) of the FEATURES above; unit vectors. `naming`: the share of
    the question's words that name a subject in the corpus each sentence holds (`TaskAnswerer.naming_share`):
    a long sentence on several matters names the one asked about, though its vector is far from it.
    `focus`: the question's clause least like the title (`focus_of`); None: the topic."""
    n = len(vectors)
    if not n:
        return np.zeros((0, len(FEATURES)))
    similarity = vectors @ topic
    has_title = title_vector is not None and np.any(title_vector)
    title = vectors @ title_vector if has_title else np.zeros(n)
    nearest = int(np.argmax(similarity))
    padded = np.pad(similarity, 1, constant_values=-1.0)  # the first and last sentences have one neighbour
    distance = np.abs(np.arange(n) - nearest)
    on_focus = vectors @ (topic if focus is None else focus)
    focus_padded = np.pad(on_focus, 1, constant_values=-1.0)
    # the topic less its component along the title: what the question asks beyond the release's headline
    residual = topic - (topic @ title_vector) * title_vector if has_title else topic
    # a question that only restates the title leaves no direction of its own: the topic stands for it
    off_title = _unit(residual) if np.linalg.norm(residual) >= MIN_OFF_TITLE else topic
    beyond = vectors @ off_title
    return np.column_stack([
        similarity,
        title,
        similarity - title,
        _rank(similarity),
        np.maximum(padded[:-2], padded[2:]),  # the nearer of its two neighbours
        distance / max(n - 1, 1),
        distance <= 1,
        distance <= 3,
        similarity - similarity[nearest],
        naming,
        naming >= 1.0,
        on_focus,
        on_focus - on_focus.max(),
        np.maximum(focus_padded[:-2], focus_padded[2:]),
        beyond,
        beyond - beyond.max(),
    ]).astype(np.float64)


def _unit(values: np.ndarray) -> np.ndarray:
    norms = np.linalg.norm(values, axis=-1, keepdims=True)
    return values / np.where(norms > 0, norms, 1.0)


def intent_model_digest() -> str:
    """SHA-256 of the shipped intent encoder, whose question vectors the question model was fitted on."""
    from assistant.answer.intents import MODEL_DIR, MODEL_FILE as INTENT_FILE

    return hashlib.sha256((MODEL_DIR / INTENT_FILE).read_bytes()).hexdigest()


def _rank(values: np.ndarray) -> np.ndarray:
    """0 for the highest value, rising to 1 for the lowest."""
    order = np.empty(len(values))
    order[np.argsort(-values, kind="stable")] = np.arange(len(values))
    return order / max(len(values) - 1, 1)


def _logistic(z: np.ndarray | float) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


@dataclass(frozen=True)
class PartModel:
    question_weights: np.ndarray  # over the intent model's question vector
    question_bias: float
    bar: float  # a question this likely to ask about a part gets a summary of that part
    mean: np.ndarray  # the sentence model: standardisation of its inputs, from the training data
    scale: np.ndarray
    weights: np.ndarray
    bias: float
    novelty: float = 0.1  # MMR's weight on not repeating a chosen sentence
    # a part summary holds first this many of the sentences naming every subject word of the question
    # (the likeliest ones; `naming_first`), chosen by `part_train`
    naming_first_count: int = 0

    def __post_init__(self):
        sizes = {len(self.mean), len(self.scale), len(self.weights)}
        if sizes != {len(FEATURES)}:
            raise ValueError(f"part model: the sentence model has {sorted(sizes)} inputs, parts.FEATURES {len(FEATURES)}")

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "PartModel | None":
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))["model"]
        question, sentence = data["question"], data["sentence"]
        return cls(np.asarray(question["weights"]), float(question["bias"]), float(question["bar"]),
                   np.asarray(sentence["mean"]), np.asarray(sentence["scale"]), np.asarray(sentence["weights"]),
                   float(sentence["bias"]), float(sentence["novelty"]), int(sentence.get("naming_first", 0)))

    def to_json(self) -> dict:
        def short(values) -> list[float]:
            return [float(f"{v:.6g}") for v in values]

        return {"question": {"weights": short(self.question_weights), "bias": float(f"{self.question_bias:.6g}"),
                             "bar": self.bar},
                "sentence": {"mean": short(self.mean), "scale": short(self.scale), "weights": short(self.weights),
                             "bias": float(f"{self.bias:.6g}"), "novelty": self.novelty,
                             "naming_first": self.naming_first_count}}

    def naming_first(self, probabilities: np.ndarray, naming: np.ndarray) -> list[int]:
        """The sentences a part summary holds whatever their probability: the likeliest of those naming
        every word of the question that names a subject ("What does the release say about Kosovo?" quotes
        the one sentence naming Kosovo, a long one on several missions whose vector is far from it)."""
        named = [int(i) for i in np.argsort(-probabilities, kind="stable") if naming[i] >= 1.0]
        return named[:self.naming_first_count]

    def part_probability(self, question_vector: np.ndarray) -> float:
        """The probability that a summary question asks about one part of its release."""
        vector = np.asarray(question_vector)
        if vector.shape != self.question_weights.shape:
            raise ValueError(f"part model: a question vector of {vector.shape[-1]} values, the model reads "
                             f"{len(self.question_weights)} (retrain it with the shipped intent model: part_train)")
        return float(_logistic(vector @ self.question_weights + self.question_bias))

    def asks_part(self, question_vector: np.ndarray) -> bool:
        return self.part_probability(question_vector) >= self.bar

    def probabilities(self, vectors: np.ndarray, topic: np.ndarray, title_vector: np.ndarray | None,
                      naming: np.ndarray, focus: np.ndarray) -> np.ndarray:
        """Each sentence's probability of holding a point of the part the topic names (`features`); `focus`
        from `focus_of` (the topic itself for a question of one clause), as the model was trained."""
        x = (features(vectors, topic, title_vector, naming, focus) - self.mean) / self.scale
        return _logistic(x @ self.weights + self.bias)
