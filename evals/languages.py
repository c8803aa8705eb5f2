"""Measures the check for messages in another language than English (`assistant/answer/language.py`) as
the assistant applies it, before the small-talk model (whose English-trained vectors take many foreign
questions for small talk):

    python -m evals.languages [--split dev|test|all]

- `datasets/languages.jsonl`: per writer, 120 messages in twelve other languages (questions about press
  releases, short requests, chat) and 80 English ones made to look foreign (foreign names, places and
  titles, "pesco?", "tl;dr"); writer A's are `dev` (the bar of langid's English probability was chosen
  on them), writer B's `test`, in four languages writer A did not use (Czech, Romanian, Turkish, Tagalog);
- every message of the other evaluation sets (their questions, and the small-talk set's messages):
  English requests and chat, none of which should get the reply, but for the few greetings in other
  languages the small-talk set holds ("Merci beaucoup", "Hallo zusammen"), which the report lists.

Prints, per split, the English messages that get the reply, the other-language messages that get it
(and how many of those are named in the right language), those the small-talk model answers instead,
and those read as a question."""

from __future__ import annotations

import argparse
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from assistant.answer import language
from assistant.answer.smalltalk import SmalltalkModel
from assistant.answer.subject_train import embedder

DATASETS = Path(__file__).with_name("datasets")
DATA = DATASETS / "languages.jsonl"
EVALUATION_SETS = ("seed", "senate", "squad", "tasks", "seedtasks", "intents", "subjects", "followups", "compound")


@dataclass
class Outcomes:
    """What the assistant's first steps do with a set of messages."""

    replied: list[dict] = field(default_factory=list)  # "I read questions in English only ..."
    smalltalk: list[dict] = field(default_factory=list)  # the small-talk reply
    read: list[dict] = field(default_factory=list)  # read as a question


def evaluation_messages() -> list[str]:
    """Every question of the evaluation sets and every small-talk set message, once: English, all of them."""
    out: dict[str, None] = {}
    for name in EVALUATION_SETS:
        for line in (DATASETS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                item = json.loads(line)
                for text in [item.get("question"), *(t.get("question") for t in item.get("turns") or [])]:
                    if text:
                        out[text] = None
    for line in (DATASETS / "smalltalk.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip():
            out[json.loads(line)["text"]] = None
    return list(out)


def classify(messages: list[dict]) -> Outcomes:
    model, embeddings = SmalltalkModel.load(), embedder()
    vectors = embeddings.embed_documents([m["text"] for m in messages])
    out = Outcomes()
    for message, vector in zip(messages, vectors):
        taken = language.written_in(message["text"])
        if taken is not None:
            out.replied.append({**message, "taken": taken.code})
        elif model is not None and model.says(vector):
            out.smalltalk.append(message)
        else:
            out.read.append(message)
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    for split in ("dev", "test") if args.split == "all" else (args.split,):
        mine = [r for r in rows if r["split"] == split]
        english = classify([r for r in mine if r["english"]])
        other = classify([r for r in mine if not r["english"]])
        n_english, n_other = sum(r["english"] for r in mine), sum(not r["english"] for r in mine)
        right = sum(r["taken"] == r["language"] for r in other.replied)
        print(f"{split}: other languages replied to {len(other.replied)}/{n_other} "
              f"({len(other.replied) / n_other:.3f}; language named right {right}), small-talk reply "
              f"{len(other.smalltalk)}, read as a question {len(other.read)}; English replied to "
              f"{len(english.replied)}/{n_english}")
        kinds = Counter(r["kind"] for r in other.replied)
        totals = Counter(r["kind"] for r in mine if not r["english"])
        print("  replied to, by kind: " + ", ".join(f"{k} {kinds[k]}/{totals[k]}" for k in sorted(totals)))
        for r in english.replied:
            print(f"  English replied to ({r['taken']}): {r['text']}")
        for r in other.read:
            print(f"  read as a question ({r['language']}, {r['kind']}): {r['text']}")
    evaluation = classify([{"text": t} for t in evaluation_messages()])
    print(f"evaluation-set messages (English): replied to {len(evaluation.replied)} of "
          f"{len(evaluation.replied) + len(evaluation.smalltalk) + len(evaluation.read)}")
    for r in evaluation.replied:
        print(f"  ({r['taken']}): {r['text']}")


if __name__ == "__main__":
    main()
