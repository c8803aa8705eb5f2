"""Measures whether a question names a subject, on held-out phrasings (`datasets/subjects.jsonl`: the
summary, latest and search questions of the intents, tasks and seedtasks sets, labelled by a writer who
saw neither the subject model's examples nor its numbers):

    python -m evals.subjects [--split test|dev|all]

The tests, each on the corpus a question is about (the 1,101 releases of `tasks`; the seed release for
`seedtasks` and for the intents set, whose questions are about no corpus: the web chat's), as a summary
reads a question (`names_subject`: the subject model, or the corpus's nearest sentence at
`subject_similarity`), served and before the subject model (the similarity alone), and the model alone.
Prints accuracy and, per label, how many are right; then what it changes for a user of the web chat:
the intents set's summary, latest and search questions asked of the seed release (searches and "the
latest" do not read the model: this shows that they are unchanged), refused or answered, served and before."""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

from assistant.answer.query import Question
from assistant.factory import build_assistant, build_library
from assistant.settings import Settings

from .harness import prepare

DATA = Path(__file__).with_name("datasets") / "subjects.jsonl"
CORPUS = {"tasks": "tasks", "seedtasks": "seedtasks", "intents": "seedtasks"}  # source -> prepared corpus


@contextmanager
def subject_model(tasks, model):
    """The task answerer with `model` as its subject model (None: the corpus's tests alone), then as it was."""
    shipped, tasks.subjects = tasks.subjects, model
    try:
        yield
    finally:
        tasks.subjects = shipped


def judged(assistant, question: str) -> dict[str, bool]:
    """Whether each test takes the question to name a subject as a summary reads it (`names_subject`):
    served, before the subject model (the similarity alone), and the model alone."""
    asked = Question(question)
    retrieval = assistant.retrieve(asked, question)
    request = assistant.task_request(asked, retrieval)
    request = assistant.issuer_request(request) or request  # as answered first
    tasks = assistant.tasks
    with subject_model(tasks, None):
        before = tasks.names_subject(request)
    return {"model alone": tasks.model_names_subject(request), "served: summaries": tasks.names_subject(request),
            "before: summaries": before}


def seed_refusals(assistant, rows: list[dict]) -> dict[tuple[str, str, str], list]:
    """Per subject test, intent and split, three counts as (right, of): questions naming a subject refused,
    questions naming only a sender or a period (none of them the seed release's) refused, questions naming
    nothing (`generic`) answered; and the questions naming a subject that were answered."""
    out: dict[tuple[str, str, str], list] = {}
    for test, model in (("served", assistant.tasks.subjects), ("before", None)):
        with subject_model(assistant.tasks, model):
            for row in rows:
                tally = out.setdefault((test, row["intent"], row["split"]), [[0, 0], [0, 0], [0, 0], []])
                refused = assistant.ask(row["question"]).abstained
                kind = 0 if row["subject"] else 2 if row.get("generic") else 1
                tally[kind][1] += 1
                tally[kind][0] += (not refused) if kind == 2 else refused
                if kind == 0 and not refused:
                    tally[3].append(row["question"])
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
                if test.startswith("served") and said != row["subject"]:
                    misses.append(f"  {test}: {row['source']} {row['id']} labelled {row['subject']}: {row['question']}")
        if corpus == CORPUS["intents"]:
            refusals = seed_refusals(assistant, [r for r in rows if r["source"] == "intents"])
    print("| source | split | test | accuracy | subject named: right | none named: right |")
    print("|---|---|---|---|---|---|")
    for (source, split), tests in sorted(tally.items()):
        for test, (named, named_right, none, none_right) in tests.items():
            print(f"| {source} | {split} | {test} | {(named_right + none_right) / max(named + none, 1):.3f} "
                  f"| {named_right}/{named} | {none_right}/{none} |")
    print("\nThe intents set's summary, latest and search questions (written about other press offices' releases) "
          "asked of the seed release alone: one naming a subject should be refused unless the seed release is "
          "about it, one naming only a sender or a period (none of them the seed release's) refused, one "
          "naming nothing answered from the seed release:")
    print("| subject tests | intent | split | naming a subject: refused | a sender or period only: refused | nothing: answered |")
    print("|---|---|---|---|---|---|")
    for (test, intent, split), (named, sender, generic, _) in sorted(refusals.items()):
        print(f"| {test} | {intent} | {split} | {named[0]}/{named[1]} | {sender[0]}/{sender[1]} | {generic[0]}/{generic[1]} |")
    for (test, intent, split), (*_, answered) in sorted(refusals.items()):
        print(f"naming a subject, answered ({test}, {intent}, {split}):")
        print("\n".join(f"  {q}" for q in answered))
    print("served, wrong:")
    print("\n".join(misses))


if __name__ == "__main__":
    main()
