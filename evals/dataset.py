"""Evaluation datasets: JSON Lines, one item a line, validated on load.

An answerable item names its evidence, which must be a verbatim substring of its release: the
loader checks that against the corpus so a dataset cannot drift from the text it is about."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, model_validator

DATASETS = Path(__file__).resolve().parent / "datasets"


class CitedSpan(BaseModel):
    """A sentence a right answer cites, by release id and character offsets in the release text."""

    release_id: str = Field(min_length=1)
    start: int = Field(ge=0)
    end: int = Field(gt=0)
    quote: str | None = None  # the text at those offsets, for the report

    def cited_by(self, citations: list[dict]) -> bool:
        """Some citation of the same release overlaps the span (a quote may take in a neighbouring sentence)."""
        return any(c.get("release_id") == self.release_id and c["start"] < self.end and self.start < c["end"]
                   for c in citations)


class Turn(BaseModel):
    question: str = Field(min_length=1)
    answerable: bool = True
    key_facts: list[list[str]] = Field(default_factory=list)  # every group must match; any variant of a group
    evidence: str | None = None
    release_id: str | None = None
    reference: str | None = None
    cites: list[CitedSpan] = Field(default_factory=list)  # when set, correct = not refused and every span cited
    # a follow-up's gold referents (`<dataset>.referents.jsonl`): what its standalone rewrite must name, one
    # group per thing the follow-up leaves implicit, any string of a group (case-insensitive)
    must_mention: list[list[str]] | None = None
    verdict: Literal["yes", "no"] | None = None  # a yes/no question's answer, where the release settles it

    @model_validator(mode="after")
    def _answerable_has_evidence(self) -> "Turn":
        if self.answerable and not (self.key_facts and self.evidence and self.release_id):
            raise ValueError("an answerable item needs key_facts, evidence and release_id")
        return self


# items of several turns asked in one chat: conversations, and topic changes (evals.runner.topic_changes)
CHAT_KINDS = ("conversation", "topic_change")


class Item(BaseModel):
    id: str
    split: Literal["dev", "test"]
    kind: str
    question: str | None = None
    answerable: bool | None = None
    reference: str | None = None
    key_facts: list[list[str]] = Field(default_factory=list)
    evidence: str | None = None
    release_id: str | None = None
    cites: list[CitedSpan] = Field(default_factory=list)
    verdict: Literal["yes", "no"] | None = None
    turns: list[Turn] = Field(default_factory=list)

    @model_validator(mode="after")
    def _shape(self) -> "Item":
        if self.kind in CHAT_KINDS:
            if len(self.turns) < 2:
                raise ValueError("a conversation needs at least two turns")
        elif self.question is None or self.answerable is None:
            raise ValueError("a single item needs question and answerable")
        else:
            Turn(question=self.question, answerable=self.answerable, key_facts=self.key_facts,
                 evidence=self.evidence, release_id=self.release_id)
        return self

    def as_turns(self) -> list[Turn]:
        if self.kind in CHAT_KINDS:
            return self.turns
        return [Turn(question=self.question, answerable=self.answerable, key_facts=self.key_facts,
                     evidence=self.evidence, release_id=self.release_id, reference=self.reference,
                     cites=self.cites, verdict=self.verdict)]


class DatasetError(ValueError):
    pass


def load(name_or_path: str | Path, release_texts: dict[str, str] | None = None) -> list[Item]:
    path = Path(name_or_path)
    if not path.suffix:
        path = DATASETS / f"{name_or_path}.jsonl"
    if not path.exists():
        raise DatasetError(f"{path}: no such dataset")
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = Item.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{path}:{number}: not JSON ({exc.msg})") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first.get("loc", ()))
            message = first["msg"].removeprefix("Value error, ")
            raise DatasetError(f"{path}:{number}: {where + ': ' if where else ''}{message}") from None
        if release_texts is not None:
            for turn in item.as_turns():
                if turn.answerable and turn.evidence not in release_texts.get(turn.release_id, ""):
                    raise DatasetError(f"{path}:{number}: evidence of {item.id} is not verbatim in release {turn.release_id}")
        items.append(item)
    ids = [i.id for i in items]
    if len(set(ids)) != len(ids):
        raise DatasetError(f"{path}: duplicate item ids")
    _add_referents(items, path.with_name(f"{path.name.split('.')[0]}.referents.jsonl"))
    return items


def _add_referents(items: list[Item], path: Path) -> None:
    """Each follow-up turn's `must_mention`, from the labels of `path` (keyed "<item id>#<turn number>")."""
    if not path.exists():
        return
    labels = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if line.strip():
            try:
                row = json.loads(line)
                labels[row["id"]] = [[str(s) for s in group] for group in row["must_mention"]]
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise DatasetError(f"{path}:{number}: not a referent label ({exc})") from None
    for item in items:
        for n, turn in enumerate(item.turns, start=1):
            turn.must_mention = labels.get(f"{item.id}#{n}", turn.must_mention)
