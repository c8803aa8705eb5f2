"""Where sentences end in text that lost its punctuation: a logistic model over the gaps between words.

Half the Senate collection was scraped with every punctuation mark turned into a space ("... on state
economies   This bill poses serious challenges for   Wyoming  s economy  Barrasso said  Our state
is ..."). Cutting such text at every wide gap cut inside sentences where a link or a name had been,
and left sentences joined where only two spaces were. The model reads each gap between two words: its
width, the words either side and the word before those, and their shapes (capitalised, upper case,
figures). It was trained by `python -m assistant.ingest.boundary_train` on releases that kept their
punctuation, with the punctuation turned into spaces the same way (a length-preserving change, so the
sentence ends the punctuated text shows are the labels); the weights ship in `boundary_model.json.gz`.
No word list: each word's weight is learned from where sentences end in real releases."""

from __future__ import annotations

import gzip
import json
import math
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).with_name("boundary_model.json.gz")
_NON_WORD = re.compile(r"\W")
_WORD = re.compile(r"\w+")
MAX_WIDTH = 6  # wider gaps read as this wide


def degraded(text: str) -> str:
    """The text as the scraper left it: every character but letters, digits and "_" a space (same length)."""
    return _NON_WORD.sub(" ", text)


def _shape(word: str) -> str:
    if word.isdigit():
        return "d"
    if any(ch.isdigit() for ch in word):
        return "d+"
    if word.isupper():
        return "X" if len(word) == 1 else "XX"
    if word[:1].isupper():
        return "Xx"
    return "x"


@dataclass(frozen=True)
class Gap:
    start: int  # offset of the first character after the word before
    end: int  # offset of the word after
    features: tuple[str, ...]


def gaps(text: str) -> list[Gap]:
    """Every gap between two words of `text` with its features (read on the degraded text)."""
    words = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(degraded(text))]
    out = []
    for i in range(len(words) - 1):
        (_, a_end, a), (b_start, _, b) = words[i], words[i + 1]
        before = words[i - 1][2].lower() if i else "<start>"
        after_shape = _shape(words[i + 2][2]) if i + 2 < len(words) else "<end>"
        width = f"{min(b_start - a_end, MAX_WIDTH)}"
        a_shape, b_shape = _shape(a), _shape(b)
        out.append(Gap(a_end, b_start, (
            f"w={width}", f"a={a.lower()}", f"b={b.lower()}", f"pa={before}", f"as={a_shape}", f"bs={b_shape}",
            f"abw={a_shape}|{b_shape}|{width}", f"bb={b_shape}|{after_shape}", f"ab={a.lower()}|{b_shape}")))
    return out


@dataclass(frozen=True)
class BoundaryModel:
    weights: dict[str, float]
    bias: float
    bar: float  # a gap of this probability or more ends a sentence

    @classmethod
    @lru_cache(maxsize=1)
    def load(cls, path: Path = MODEL_FILE) -> "BoundaryModel":
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            data = json.load(handle)
        return cls(data["weights"], data["bias"], data["bar"])

    def probability(self, gap: Gap) -> float:
        z = self.bias + sum(self.weights.get(f, 0.0) for f in gap.features)
        return 1.0 / (1.0 + math.exp(-max(min(z, 30.0), -30.0)))

    def cuts(self, text: str) -> list[tuple[Gap, float]]:
        """Each gap of `text` with its probability of ending a sentence."""
        return [(gap, self.probability(gap)) for gap in gaps(text)]
