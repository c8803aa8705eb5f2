"""What correcting typos (`assistant/answer/spelling.py`) is worth on questions with typos in them: each
dev question of the one-fact datasets gets one typo, made by a fixed-seed noise model, in one of its
lower-case words of five or more letters (two neighbouring letters swapped, one dropped, one doubled,
or one replaced by a neighbour on the keyboard), and is asked with and without the correction.

    python -m evals.measure_spelling [--datasets seed,senate,squad] [--seed 7]

Prints, per dataset, how often the speller gave back the word as written before the typo, changed it
to another word or left it; and correctness, false refusals and right refusals of the typo'd questions
without and with the correction (the clean questions' numbers are those of `assistant eval --split dev`).
The speller's first rule (only words the corpus holds) was set before this was first run; its second
(or one of English's 10,000 commonest words) after it, so this measures it on data it was chosen on."""

from __future__ import annotations

import argparse
import random
import re

from assistant.factory import build_assistant, build_library
from assistant.settings import Settings
from evals.dataset import load
from evals.harness import _run_item, prepare
from evals.runner import summarise

KEYBOARD = ["qwertyuiop", "asdfghjkl", "zxcvbnm"]
_WORD = re.compile(r"\b[a-z]{5,}\b")


def neighbours(letter: str) -> str:
    for row in KEYBOARD:
        if letter in row:
            i = row.index(letter)
            return row[max(i - 1, 0):i] + row[i + 1:i + 2]
    return ""


def with_typo(question: str, rng: random.Random) -> tuple[str, str, str] | None:
    """(the question with one typo, the word as written, the word with the typo); None without a word to change."""
    words = list(_WORD.finditer(question))
    if not words:
        return None
    match = rng.choice(words)
    word = match.group(0)
    i = rng.randrange(1, len(word) - 1)  # the first letter stays, as it mostly does in real typos
    kind = rng.choice(("swap", "drop", "double", "near"))
    if kind == "swap":
        typo = word[:i] + word[i + 1] + word[i] + word[i + 2:]
    elif kind == "drop":
        typo = word[:i] + word[i + 1:]
    elif kind == "double":
        typo = word[:i] + word[i] + word[i:]
    else:
        typo = word[:i] + (rng.choice(neighbours(word[i])) if neighbours(word[i]) else word[i]) + word[i + 1:]
    if typo == word:
        return None
    return question[:match.start()] + typo + question[match.end():], word, typo


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="seed,senate,squad")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    for dataset in args.datasets.split(","):
        rng = random.Random(args.seed)
        settings = prepare(dataset, Settings.load())
        library = build_library(settings)
        list(library.sync())
        on = build_assistant(settings, library=library)
        off = build_assistant(settings.model_copy(update={"spelling": False}), library=library)
        on.warm_up()
        items, restored, other, kept = [], 0, 0, 0
        for item in load(dataset):
            if item.split != "dev" or item.question is None:
                continue
            made = with_typo(item.question, rng)
            if made is None:
                continue
            question, word, typo = made
            items.append(item.model_copy(update={"question": question}))
            corrected = on.speller.correct(question)
            if corrected == question:
                kept += 1
            elif corrected == item.question:
                restored += 1
            else:
                other += 1
        print(f"{dataset}: {len(items)} dev questions with one typo; the speller restored {restored}, "
              f"changed {other} to another word, left {kept}")
        for name, system in (("without correction", off), ("with correction", on)):
            summary = summarise([_run_item("assistant", system, item) for item in items])
            print(f"  {name}: correct {summary['correctness']:.3f}, false refusals "
                  f"{summary['false_refusal_rate']:.3f}, unanswerable refused {summary['refusal_recall']:.3f}")


if __name__ == "__main__":
    main()
