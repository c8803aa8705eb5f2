"""Whether a question asks for a number (a date, an amount, a count, a score): a logistic model over the
question's own vector, the one the search embeds anyway.

The short answer (short_answer.py) shows only spans that hold a number, found by how much removing each
costs the reader's probability. Asked "What is PESCO?" of a sentence that gives a meeting's dates, the
dates cost it most and were shown in bold as the answer; the model tells such a question from "When
will the PESCO project meet?", so a number span is shown only where one is asked for.

Trained by `python -m assistant.answer.numbers_train` on the answerable questions of the SQuAD training
articles and of the press-release training questions (`reader/release_data/`), each labelled by whether
its gold answer holds a number; measured on the SQuAD tune articles (`python -m
evals.measure_short_answer`). The model card is `numbers_model.md`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from assistant.answer.subjects import SubjectModel

MODEL_FILE = Path(__file__).with_name("numbers_model.json")


@dataclass(frozen=True)
class NumbersAsked:
    model: SubjectModel  # the same kind of logistic model over a question's vector as the subject model's
    bar: float  # the probability under which a question is taken to ask for no number

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "NumbersAsked | None":
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(SubjectModel.from_json(data["model"]), float(data["bar"]))

    def probability(self, vector) -> float:
        return self.model.probability(vector)

    def asks_none(self, vector, embedding_model: str) -> bool:
        """Whether the question whose vector this is asks for no number; False when the vector is of another
        embedding model than the one the model was trained on (it cannot read it, so it holds nothing back)."""
        if vector is None or not self.model.reads(embedding_model, len(vector)):
            return False
        return self.probability(vector) < self.bar
