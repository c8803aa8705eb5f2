"""Measures whether a question names a subject, on held-out phrasings (`datasets/subjects.jsonl`: the
summary, latest and search questions of the intents, tasks and seedtasks sets, labelled by a writer who
saw neither the subject model's examples nor its numbers):

    python -m evals.subjects [--split test|dev|all]

The tests, each on the corpus a question is about (the 1,101 releases of `tasks`; the seed release for
`seedtasks` and for the intents set, whose questions are about no corpus: the web chat's):
- served: the subject model (`assistant/answer/subjects.py`) on the question less the words of its
  period and of an issuer of the corpus, or the corpus's nearest sentence to that topic at
  `subject_similarity` (tasks.json), a subject the corpus holds;
- each alone, and the model on the whole question.
Prints accuracy and, per label, how many are right; then what it changes for a user of the web chat: the
intents set's summary questions asked of the seed release, refused or answered, with the served test and
with the similarity alone (the test before the model)."""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

from assistant.answer.query import Question
from assistant.factory import build_assistant, build_library
from assistant.settings import Settings

from .harness import prepare

DATA = Path(__file__).with_name("datasets") / "subjects.jsonl"
CORPUS = {"tasks": "tasks", "seedtasks": "seedtasks", "intents": "seedtasks"}  # source -> prepared corpus


def judged(assistant, question: str) -> dict[str, bool]:
    """Whether each test takes the question to name a subject."""
    asked = Question(question)
    retrieval = assistant.retrieve(asked, question)
    request = assistant.task_request(asked, retrieval)
    request = assistant.issuer_request(request) or request  # as answered first
    tasks = assistant.tasks
    return {"served": tasks.names_subject(request),
            "model alone": tasks.subjects.probability(tasks.topic_vector(request)) >= 0.5,
            "model on the whole question": tasks.subjects.probability(request.vector) >= 0.5,
            "similarity alone (before)": tasks.topic_similarity(request) >= tasks.config.subject_similarity}


def seed_refusals(assistant, rows: list[dict]) -> dict[tuple[str, str], list]:
    """Per subject test and split: questions naming a subject, how many refused, naming none, how many
    answered, and the questions naming a subject that were answered."""
    out: dict[tuple[str, str], list] = {}
    model = assistant.tasks.subjects
    for test, subjects in (("served", model), ("similarity alone (before)", None)):
        assistant.tasks.subjects = subjects
        for row in rows:
            tally = out.setdefault((test, row["split"]), [0, 0, 0, 0, []])
            refused = assistant.ask(row["question"]).abstained
            if row["subject"]:
                tally[0] += 1
                tally[1] += refused
                if not refused:
                    tally[4].append(row["question"])
            else:
                tally[2] += 1
                tally[3] += not refused
    assistant.tasks.subjects = model
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", default="test", choices=("dev", "test", "all"))
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if args.split == "all" or r["split"] == args.split]
    base = Settings.load()
    tally: dict[tuple[str, str], dict[str, list[int]]] = defaultdict(lambda: defaultdict(lambda: [0, 0, 0, 0]))
    misses: list[str] = []
    for corpus in sorted(set(CORPUS.values())):
        settings = prepare(corpus, base)
        library = build_library(settings)
        list(library.sync())
        assistant = build_assistant(settings, library=library)
        if assistant.tasks.subjects is None:
            raise SystemExit("no subject model: run python -m assistant.answer.subject_train")
        for row in (r for r in rows if CORPUS[r["source"]] == corpus):
            for test, said in judged(assistant, row["question"]).items():
                counts = tally[(row["source"], row["split"])][test]
                counts[0 if row["subject"] else 2] += 1
                counts[1 if row["subject"] else 3] += said == row["subject"]
                if test == "served" and said != row["subject"]:
                    misses.append(f"  {row['source']} {row['id']} labelled {row['subject']}: {row['question']}")
        if corpus == CORPUS["intents"]:
            refusals = seed_refusals(assistant, [r for r in rows if r["source"] == "intents" and r["intent"] == "summary"])
    print("| source | split | test | accuracy | subject named: right | none named: right |")
    print("|---|---|---|---|---|---|")
    for (source, split), tests in sorted(tally.items()):
        for test, (named, named_right, none, none_right) in tests.items():
            print(f"| {source} | {split} | {test} | {(named_right + none_right) / max(named + none, 1):.3f} "
                  f"| {named_right}/{named} | {none_right}/{none} |")
    print("\nThe intents set's summary questions (written about other press offices' releases) asked of the seed "
          "release alone; a question naming a subject should be refused unless the seed release is about it, "
          "one naming none is answered with its summary:")
    print("| subject test | split | naming a subject: refused | naming none: answered |")
    print("|---|---|---|---|")
    for (test, split), (named, named_refused, none, none_answered, answered) in sorted(refusals.items()):
        print(f"| {test} | {split} | {named_refused}/{named} | {none_answered}/{none} |")
    for (test, split), (*_, answered) in sorted(refusals.items()):
        print(f"naming a subject, answered ({test}, {split}):")
        print("\n".join(f"  {q}" for q in answered))
    print("served, wrong:")
    print("\n".join(misses))


if __name__ == "__main__":
    main()
