"""Chat messages that ask nothing of the releases: "hi", "thanks!", "what can you do?". Read as a
question, "hi" got the sentence the reader found nearest, the release's title, at 29%; such a message
now gets a reply saying what the assistant does, and cites nothing.

A logistic model over the message's embedding (the same kind of model as `subjects.SubjectModel`),
trained by `python -m assistant.answer.smalltalk_train` on small-talk messages written for it against
the requests the intent model learned from; measured on held-out messages by another writer and on
every question of the evaluation sets (`python -m evals.smalltalk`). No list of greetings: "hola",
"thx!!" and "are you a bot?" are told by their meaning, as "thanks! and who chaired it?" is a question."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from assistant.answer.subjects import SubjectModel
from assistant.records import ReleaseInfo

MODEL_FILE = Path(__file__).with_name("smalltalk_model.json")
EXAMPLES = Path(__file__).with_name("smalltalk_examples.jsonl")  # the small talk it learned from
NEAR_EXAMPLES = Path(__file__).with_name("smalltalk_requests.jsonl")  # requests near the boundary it learned from
SQUAD_REQUESTS = Path(__file__).with_name("smalltalk_squad.jsonl")  # SQuAD 2.0 train questions it learned from


@dataclass(frozen=True)
class SmalltalkModel:
    model: SubjectModel  # the logistic model over the message's vector
    bar: float  # the probability from which a message is small talk, chosen in training

    @classmethod
    def load(cls, path: Path = MODEL_FILE) -> "SmalltalkModel | None":
        if not path.exists():
            return None
        data = json.loads(path.read_text(encoding="utf-8"))["model"]
        return cls(SubjectModel.from_json(data), float(data["bar"]))

    def reads(self, embedding_model: str, dimensions: int) -> bool:
        return self.model.reads(embedding_model, dimensions)

    def says(self, vector) -> bool:
        """Whether the message whose (unit) vector this is asks nothing of the releases."""
        return self.model.probability(vector) >= self.bar


def reply_text(releases: Sequence[ReleaseInfo]) -> str:
    """What the assistant does, over this corpus."""
    if not releases:
        return ("I answer questions about press releases, quoting and citing the sentences that say so, "
                "but the corpus holds none yet: add some with `assistant add FILE`.")
    n = len(releases)
    dated = sorted(r.date for r in releases if r.date)
    newest = next((r for r in releases if r.date == dated[-1]), releases[0]) if dated else releases[0]
    span = f", dated {dated[0]} to {dated[-1]}" if len(dated) > 1 and dated[0] != dated[-1] else ""
    about = f"the press release “{newest.title or newest.id}”" if n == 1 else \
        f"the {n:,} press releases in the corpus{span}; the newest is “{newest.title or newest.id}”"
    return (f"I answer questions about {about}, quoting the sentences that say so and citing their "
            "release. Ask me for one fact, a summary (“Summarize the release”), a list across releases, "
            "the releases about a subject (“Which releases mention …?”) or the latest on a subject.")
