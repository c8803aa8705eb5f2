"""Measures whether a question names a subject, and whether it names anything at all, on held-out
phrasings (`datasets/subjects.jsonl`: the summary, latest and search questions of the intents, tasks and
seedtasks sets, labelled by a writer who saw neither the subject model's examples nor its numbers, the
short chat requests `short2-*`, labelled by another, and the list and summary questions `generic-*`,
asking for a kind of a release's content with or without naming a subject, by a third):

    python -m evals.subjects [--split test|dev|all]

The tests, each on the corpus a question is about (the 1,101 releases of `tasks`; the seed release for
`seedtasks`, for the intents set and for the short requests, whose questions are about no corpus: the
web chat's), as a summary reads a question (`names_subject`: the subject model, or the corpus's nearest
sentence at `subject_similarity`), served and before the subject model (the similarity alone), and the
model alone. Prints accuracy and, per label, how many are right; then whether the subject and
specifics models together take a question to name nothing (`generic` in the data: no subject, sender or
period); then what it changes for a user of the web chat: the summary, latest and search questions of
the intents set, the short requests and the `generic` questions asked of the seed release, refused or
answered, served and before the models (without the subject model, searches and "the latest" do not
read the specifics model either: `TaskAnswerer.names_nothing` needs both); and the `generic` questions
as follow-ups in a chat about the seed release among the tasks corpus, answered from which releases."""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path

from assistant.answer.pipeline import Conversation
from assistant.answer.query import Question
from assistant.answer.tasks import Request
from assistant.settings import Settings

from .harness import prepared_assistant

DATA = Path(__file__).with_name("datasets") / "subjects.jsonl"
# source -> prepared corpus; the intents set's questions and the short chat requests (`short2-*`) are about
# no corpus: they are asked of the web chat's, the seed release
CORPUS = {"tasks": "tasks", "seedtasks": "seedtasks", "intents": "seedtasks", "short": "seedtasks", "generic": "seedtasks"}
ABOUT_NO_CORPUS = ("intents", "short", "generic")
# the `generic` questions are asked too as follow-ups in a chat about the seed release among the tasks corpus
FOLLOW_UPS = ("generic",)
FIRST_QUESTION = "Where will the next PESCO military mobility meeting be held?"
SEED_RELEASE = "2024-12-05-eu-norway-security-and-defence-dialogue"


@contextmanager
def subject_model(tasks, model):
    """The task answerer with `model` as its subject model (None: the corpus's tests alone), then as it was."""
    shipped, tasks.subjects = tasks.subjects, model
    try:
        yield
    finally:
        tasks.subjects = shipped


def request_of(assistant, question: str) -> Request:
    """The question as a task answerer is asked it, its issuer's releases first as when answered."""
    asked = Question(question)
    request = assistant.task_request(asked, assistant.retrieve(asked, question))
    return assistant.issuer_request(request) or request


def judged(tasks, request: Request) -> dict[str, bool]:
    """Whether each test takes the question to name a subject as a summary reads it (`names_subject`):
    served, before the subject model (the similarity alone), and the model alone."""
    with subject_model(tasks, None):
        before = tasks.names_subject(request)
    return {"model alone": tasks.model_names_subject(request), "served: summaries": tasks.names_subject(request),
            "before: summaries": before}


def nothing_named(tasks, request: Request) -> bool:
    """Whether the subject and specifics models both take the question to name nothing."""
    return [tasks.model_says(m, request.vector) for m in (tasks.subjects, tasks.specifics)] == [False, False]


def seed_refusals(assistant, rows: list[dict]) -> dict[tuple[str, str, str, str], list]:
    """Per subject test, source, intent and split, three counts as (right, of): questions naming a subject refused,
    questions naming only a sender or a period (none of them the seed release's) refused, questions naming
    nothing (`generic`) answered; and the questions naming a subject that were answered."""
    out: dict[tuple[str, str, str, str], list] = {}
    for test, model in (("served", assistant.tasks.subjects), ("before", None)):
        with subject_model(assistant.tasks, model):
            for row in rows:
                tally = out.setdefault((test, row["source"], row["intent"], row["split"]), [[0, 0], [0, 0], [0, 0], []])
                refused = assistant.ask(row["question"]).abstained
                kind = 0 if row["subject"] else 2 if row.get("generic") else 1
                tally[kind][1] += 1
                tally[kind][0] += (not refused) if kind == 2 else refused
                if kind == 0 and not refused:
                    tally[3].append(row["question"])
    return out


def follow_up_answers(assistant, rows: list[dict]) -> dict[tuple[str, bool, str], int]:
    """Each question asked as the follow-up of one answered from the seed release among the tasks corpus's
    1,101 releases: per split, label and outcome, how many are answered from the seed release alone (right
    for one naming nothing: it asks of the release in view), from it and others, from others only, or refused."""
    opening = Conversation(assistant)  # asked once: each follow-up reads its turn as history
    first = opening.ask(FIRST_QUESTION)
    if not first.citations or first.citations[0].release_id != SEED_RELEASE:
        raise SystemExit(f"{FIRST_QUESTION!r} is no longer answered from {SEED_RELEASE}")
    out: dict[tuple[str, bool, str], int] = defaultdict(int)
    for row in rows:
        answer = assistant.ask(row["question"], history=opening.turns)
        cited = {c.release_id for c in answer.citations}
        outcome = "refused" if answer.abstained else "seed only" if cited == {SEED_RELEASE} else \
            "others only" if SEED_RELEASE not in cited else "seed and others"
        out[(row["split"], bool(row["subject"]), outcome)] += 1
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
    nothing: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0, 0, 0])  # generic: of, right; others: of, right
    for corpus in sorted(set(CORPUS.values())):
        assistant = prepared_assistant(corpus, base)
        if assistant.tasks.subjects is None or assistant.tasks.specifics is None:
            raise SystemExit("no subject or specifics model: run python -m assistant.answer.subject_train "
                             "[--target specific]")
        for row in (r for r in rows if CORPUS[r["source"]] == corpus):
            request = request_of(assistant, row["question"])
            generic = nothing[(row["source"], row["split"])]
            generic[0 if row.get("generic") else 2] += 1
            generic[1 if row.get("generic") else 3] += nothing_named(assistant.tasks, request) == bool(row.get("generic"))
            for test, said in judged(assistant.tasks, request).items():
                counts = tally[(row["source"], row["split"])][test]
                counts[0 if row["subject"] else 2] += 1
                counts[1 if row["subject"] else 3] += said == row["subject"]
                if test.startswith("served") and said != row["subject"]:
                    misses.append(f"  {test}: {row['source']} {row['id']} labelled {row['subject']}: {row['question']}")
        if corpus == CORPUS["intents"]:
            refusals = seed_refusals(assistant, [r for r in rows if r["source"] in ABOUT_NO_CORPUS])
        if corpus == "tasks":
            follow_ups = follow_up_answers(assistant, [r for r in rows if r["source"] in FOLLOW_UPS])
    print("| source | split | test | accuracy | subject named: right | none named: right |")
    print("|---|---|---|---|---|---|")
    for (source, split), tests in sorted(tally.items()):
        for test, (named, named_right, none, none_right) in tests.items():
            print(f"| {source} | {split} | {test} | {(named_right + none_right) / max(named + none, 1):.3f} "
                  f"| {named_right}/{named} | {none_right}/{none} |")
    print("\nWhether a question names nothing at all (no subject, sender or period), by the subject and "
          "specifics models together:")
    print("| source | split | naming nothing: right | naming something: right |")
    print("|---|---|---|---|")
    for (source, split), (generic, generic_right, other, other_right) in sorted(nothing.items()):
        print(f"| {source} | {split} | {generic_right}/{generic} | {other_right}/{other} |")
    print("\nThe summary, latest and search questions of the intents set and the short chat requests (written "
          "about other press offices' releases) asked of the seed release alone: one naming a subject should be "
          "refused unless the seed release is about it, one naming only a sender or a period (none of them the "
          "seed release's) refused, one naming nothing answered from the seed release:")
    print("| subject tests | source | intent | split | naming a subject: refused | a sender or period only: refused "
          "| nothing: answered |")
    print("|---|---|---|---|---|---|---|")
    for (test, source, intent, split), (named, sender, generic, _) in sorted(refusals.items()):
        print(f"| {test} | {source} | {intent} | {split} | {named[0]}/{named[1]} | {sender[0]}/{sender[1]} "
              f"| {generic[0]}/{generic[1]} |")
    for (test, source, intent, split), (*_, answered) in sorted(refusals.items()):
        print(f"naming a subject, answered ({test}, {source}, {intent}, {split}):")
        print("\n".join(f"  {q}" for q in answered))
    print(f"\nThe `generic` questions as follow-ups of {FIRST_QUESTION!r}, answered from the seed release, among "
          "the tasks corpus's 1,101 releases: one naming nothing asks of the seed release (seed only is right), "
          "one naming a subject asks of what none of these releases is about (refused is right, though a "
          "Senate release may speak to it):")
    print("| split | names a subject | seed only | seed and others | others only | refused |")
    print("|---|---|---|---|---|---|")
    for split in sorted({k[0] for k in follow_ups}):
        for named in (False, True):
            counts = [follow_ups.get((split, named, o), 0) for o in ("seed only", "seed and others", "others only", "refused")]
            print(f"| {split} | {named} | " + " | ".join(map(str, counts)) + " |")
    print("served, wrong:")
    print("\n".join(misses))


if __name__ == "__main__":
    main()
