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

from assistant.answer.periods import MONTHS
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
    caught fewer such questions at the same share of others taken (cross-validated; docs/tasks.md)."""

    asks: SubjectModel  # the question asks about its release's facts
    bar: float  # the probability from which it does, chosen in training
    fields: dict[ReleaseField, SubjectModel]  # each field against the others, on questions that ask

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "ReleaseFactsModel | None":
        """None without the file. It records the intent model it was fitted on (`intent_model_sha256`, checked
        by a test as the part model's is: hashing 23 MB at every start-up would check it too late)."""
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))["model"]
        return cls(SubjectModel.from_json(data["asks"]), float(data["bar"]),
                   {ReleaseField(name): SubjectModel.from_json(m) for name, m in data["fields"].items()})

    def to_json(self) -> dict:
        return {"asks": self.asks.to_json(), "bar": self.bar,
                "fields": {field.value: model.to_json() for field, model in self.fields.items()}}

    def reads(self, embedding_model: str, dimensions: int) -> bool:
        """Whether it reads this embedding model's vectors beside the intent model's, `dimensions` values in
        all."""
        return all(m.reads(embedding_model, dimensions) for m in (self.asks, *self.fields.values()))

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


def month_names(month: int) -> list[str]:
    """The month's name and its abbreviations as the period parser reads them, longest first."""
    return sorted((name for name, number in MONTHS.items() if number == month), key=len, reverse=True)


def long_date(iso: str) -> str:
    """"2024-12-05" -> "5 December 2024" (as given when it is no ISO date)."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return iso
    return f"{day.day} {month_names(day.month)[0].capitalize()} {day.year}"


def states_date(text: str, iso: str, opening: bool = False) -> bool:
    """Whether the sentence names the day `iso` in words or figures, with its year beside it: "On Thursday
    5 December 2024", "December 5, 2024", "Sept. 5, 2006", "03 March 2006", "Dec. 5, '24", "12/05/2024" or
    "05.12.2024" (either order of day and month), "2024-12-05". `opening`: a line at the head of the
    release, where a dateline may leave the year out ("WASHINGTON, March 3 --")."""
    try:
        day = date.fromisoformat(iso)
    except ValueError:
        return False
    lower = " ".join(text.lower().split())
    years = rf"(?:{day.year}|'{day.year % 100:02d})(?!\d)"
    figures = [rf"0?{day.month}[/.-]0?{day.day}", rf"0?{day.day}[/.-]0?{day.month}"]
    if iso in lower or any(re.search(rf"(?<![\d/.-]){f}[/.-](?:{day.year}|{day.year % 100:02d})(?![\d/])", lower)
                           for f in figures):
        return True
    named = rf"(?:{'|'.join(month_names(day.month))})\.?(?![a-z])"
    number = rf"0?{day.day}(?:st|nd|rd|th)?(?!\d)"
    year = rf",?\s+{years}" if not opening else rf"(?:,?\s+{years})?"
    return bool(re.search(rf"(?<!\d){number}\s+(?:of\s+)?{named},?{year}", lower)
                or re.search(rf"(?<![a-z]){named}\s+{number}{year}", lower))


HONORIFICS = re.compile(r"^(?:(?:the\s+)?office\s+of\s+)?(?:(?:u\.?s\.?\s+)?sen(?:ator|\.)?\s+|rep(?:resentative|\.)?\s+)?",
                        re.IGNORECASE)


def names_issuer(text: str, issuer: str) -> bool:
    """Whether the sentence names the issuer: "Burns" in "Sen. Conrad Burns (R-Mont.) today announced",
    "Office of Senator Ben Nelson" where it says "Sen. Nelson" (a person's surname is enough)."""
    name = HONORIFICS.sub("", " ".join(issuer.split()))
    words = name.split()
    if not words:
        return False
    patterns = [r"\s+".join(re.escape(w) for w in words)]
    if 2 <= len(words) <= 3 and all(w[:1].isupper() for w in words) and len(words[-1]) > 2:
        patterns.append(re.escape(words[-1]))  # a person named by surname ("Sen. Nelson")
    return any(re.search(rf"(?<!\w){p}(?!\w)", text, re.IGNORECASE) for p in patterns)


def title_span(text: str, title: str) -> tuple[int, int] | None:
    """Where the title stands in the line: the whole line, or its head when the title runs into the first
    sentence ("Senator Bayh Announces $188,000 … Washington-- U.S. Senator …"); words and their order as in
    the title, any case, spacing or punctuation between them."""
    words = re.findall(r"\w+", title)
    if not words:
        return None
    found = re.match(r"\W*(?P<title>" + r"\W+".join(re.escape(w) for w in words) + r")(?!\w)", text, re.IGNORECASE)
    return found.span("title") if found else None


def stating(field: ReleaseField, texts: Sequence[str], title: str | None, day: str | None,
            issuer: str | None, opening: int = 3) -> tuple[int, int, int] | None:
    """Where the release's sentences (`texts`, in reading order) state the fact asked for, as (sentence,
    start, end) within its text: the title line (or its head), the first line naming the date (its first
    `opening` lines may leave out the year), the first statement naming the issuer (else line: a headline);
    None when none does."""
    if field is ReleaseField.TITLE:
        return next(((i, *span) for i, text in enumerate(texts) if title and (span := title_span(text, title))),
                    None)
    if field is ReleaseField.DATE:
        holds = [i for i, text in enumerate(texts) if day and states_date(text, day, opening=i < opening)]
        first = holds[0] if holds else None
    else:
        holds = [i for i, text in enumerate(texts) if issuer and names_issuer(text, issuer)]
        first = next((i for i in holds if is_statement(texts[i])), holds[0] if holds else None)
    return None if first is None else (first, 0, len(texts[first]))


def fact_heading(field: ReleaseField, release_id: str, title: str | None, day: str | None,
                 issuer: str | None) -> str | None:
    """The answer's statement of the fact, from what the corpus records of the release; None when it records
    none (no date, title or issuer)."""
    named = f"“{title}”" if title else f"The release {release_id}"
    if field is ReleaseField.DATE:
        return f"{named} is dated **{long_date(day)}** ({day})." if day else None
    if field is ReleaseField.TITLE:
        return (f"The release is titled **{title}**" + (f" ({day})." if day else ".")) if title else None
    return f"{named} was put out by **{issuer}**." if issuer else None
