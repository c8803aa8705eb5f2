"""Questions about a release itself rather than about what it says: when it was issued ("When was this
published?"), what it is called ("What's the headline?"), who put it out ("Who sent this?"). Read as one
fact, the reader looked for a sentence answering them and refused: the date is the release's, kept with
it, and few releases say "this release was published on".

Two kinds of logistic model over the question's embedding (the subject model's kind, `subjects.py`),
trained by `python -m assistant.answer.release_facts_train` on questions written for them against the
requests the intent model learned from and questions about dates, names and titles inside the text
("When will the next meeting be held?", "What is Charles Fries's title?"): whether the question asks
about its release, and, one against the others, which of its facts. No list of phrasings: "date on
this?", "when did this go out" and "who's behind this statement" are told by their meaning. Measured on
questions by two other writers (`python -m evals.measure_release_facts`)."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from enum import Enum
from pathlib import Path

import numpy as np

from assistant.answer.subjects import SubjectModel
from assistant.answer.summary import is_statement

MODEL_FILE = Path(__file__).with_name("release_facts_model.json")
EXAMPLES = Path(__file__).with_name("release_facts_examples.jsonl")


class ReleaseField(str, Enum):
    DATE = "date"
    TITLE = "title"
    ISSUER = "issuer"


@dataclass(frozen=True)
class ReleaseFactsModel:
    """Reads the question's embedding and the intent model's vector of it, side by side: either alone
    caught fewer such questions at the same share of others taken (cross-validated, `release_facts_train`)."""

    asks: SubjectModel  # the question asks about its release's facts
    bar: float  # the probability from which it does, chosen in training
    fields: dict[ReleaseField, SubjectModel]  # each field against the others, on questions that ask

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "ReleaseFactsModel | None":
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))["model"]
        return cls(SubjectModel.from_json(data["asks"]), float(data["bar"]),
                   {ReleaseField(name): SubjectModel.from_json(m) for name, m in data["fields"].items()})

    def to_json(self) -> dict:
        return {"asks": self.asks.to_json(), "bar": self.bar,
                "fields": {field.value: model.to_json() for field, model in self.fields.items()}}

    def reads(self, embedding_model: str, dimensions: int) -> bool:
        """Whether it reads this embedding model's vectors of `dimensions` values (with the intent model's)."""
        return all(m.embedding_model == embedding_model and len(m.weights) > dimensions
                   for m in (self.asks, *self.fields.values()))

    def field_asked(self, vector, intent_vector) -> ReleaseField | None:
        """Which fact of its release the question asks for (its query vector, and the intent model's vector
        of it); None when it asks about what a release says."""
        both = inputs(vector, intent_vector)
        if self.asks.probability(both) < self.bar:
            return None
        return max(self.fields, key=lambda field: self.fields[field].probability(both))


def inputs(vector, intent_vector) -> np.ndarray:
    """The models' input: the two vectors of the question side by side."""
    return np.concatenate([np.asarray(vector, dtype=np.float64), np.asarray(intent_vector, dtype=np.float64)])


MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")


def long_date(iso: str) -> str:
    """"2024-12-05" -> "5 December 2024" (as given when it is no ISO date)."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {MONTHS[day.month - 1].capitalize()} {day.year}"


def states_date(text: str, iso: str) -> bool:
    """Whether the sentence names the day `iso` in words or figures: "On Thursday 5 December 2024",
    "December 5, 2024", "Dec. 5, 2004", "12/05/2024", "2024-12-05"."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return False
    lower = text.lower()
    if iso in lower or re.search(rf"\b0?{day.month}/0?{day.day}/(?:{day.year}|{day.year % 100:02d})\b", lower):
        return True
    if not re.search(rf"\b{day.year}\b", lower):
        return False
    month = MONTHS[day.month - 1]
    named = rf"(?:{month}|{month[:3]}\.?)"
    return bool(re.search(rf"\b{day.day}(?:st|nd|rd|th)?\s+(?:of\s+)?{named}(?![a-z])", lower)
                or re.search(rf"\b{named}\s+{day.day}(?:st|nd|rd|th)?\b", lower))


def names_issuer(text: str, issuer: str) -> bool:
    """Whether the sentence names the issuer ("Burns" in "Sen. Conrad Burns (R-Mont.) today announced")."""
    return bool(issuer) and re.search(rf"(?<!\w){re.escape(issuer)}(?!\w)", text, re.IGNORECASE) is not None


def same_text(a: str, b: str) -> bool:
    def normal(s: str) -> str:
        return " ".join(re.findall(r"\w+", s.lower()))
    return normal(a) == normal(b)


def stating(field: ReleaseField, texts: Sequence[str], title: str | None, day: str | None,
            issuer: str | None) -> int | None:
    """The first of the release's sentences (`texts`, in reading order) that states the fact asked for: its
    title line, or the first statement (else line: a headline, a dateline) naming its date or its issuer;
    None when none does."""
    if field is ReleaseField.TITLE:
        return next((i for i, text in enumerate(texts) if title and same_text(text, title)), None)
    if field is ReleaseField.DATE:
        holds = [i for i, text in enumerate(texts) if day and states_date(text, day)]
    else:
        holds = [i for i, text in enumerate(texts) if issuer and names_issuer(text, issuer)]
    return next((i for i in holds if is_statement(texts[i])), holds[0] if holds else None)


def fact_heading(field: ReleaseField, title: str, day: str | None, issuer: str | None) -> str | None:
    """The answer's statement of the fact, from what the corpus records of the release; None when it records
    none (an undated release, or no issuer)."""
    named = f"“{title}”"
    if field is ReleaseField.DATE:
        return f"{named} is dated **{long_date(day)}** ({day})." if day else None
    if field is ReleaseField.TITLE:
        return f"The release is titled **{title}**" + (f" ({day})." if day else ".")
    return f"{named} was put out by **{issuer}**." if issuer else None
