"""Measures questions about a release itself (`assistant/answer/release_facts.py`: when it was issued, what
it is called, who put it out) on questions the model never learned from:

    python -m evals.measure_release_facts [--split dev|test] [--without-model]

- `datasets/release_facts.jsonl`: questions by two writers who saw neither the model nor its training
  examples (dev by one, test by the other), over the seed release alone (`seedtasks`) and over the tasks
  corpus (the seed release among 1,100 Senate releases; each question there describes its release by
  sender and subject), each with its release and the fact it asks for; and near misses, questions about
  dates, people and names inside a release, each with the text that answers it;
- every question of the evaluation sets' same split: none was written to ask for a release's fact, so
  each one taken for such a question is counted (and listed) as a mistake.

Prints per split and corpus: the questions about a release's facts taken as such, and answered right (the
fact as the corpus records it, citing that release, however the question was taken); the near misses taken for them, and answered with
their text; and the evaluation-set questions taken for them. `--without-model`: the assistant without the
release-facts model, as before it."""

from __future__ import annotations

import argparse
import json
import re
from pathlib import Path

from assistant.answer.intents import IntentClassifier
from assistant.answer.release_facts import ReleaseFactsModel, ReleaseField, fact_heading
from assistant.answer.release_facts_train import normal
from assistant.answer.subject_train import embedder
from assistant.ingest.parsing import slugify
from evals.harness import prepared_assistant

DATASETS = Path(__file__).with_name("datasets")
DATA = DATASETS / "release_facts.jsonl"
EVALUATION_SETS = ("seed", "senate", "squad", "tasks", "seedtasks", "intents", "subjects", "followups", "compound",
                   "yesno", "seed_subjects", "smalltalk")
CORPORA = {"seed": "seedtasks", "tasks": "tasks"}


def load(path: Path = DATA) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def evaluation_questions(split: str) -> list[str]:
    """Every question (or chat message, or conversation's first turn) of the evaluation sets' `split` (a set without
    splits counts as dev), once, less those the model learned from (the intent model's examples hold a few
    of them, "What is Charles Fries's title?"; "headline?" is labelled as asking for a title)."""
    from assistant.answer.release_facts_train import load_examples

    trained = {normal(q) for q, _ in load_examples()[0]}
    out: dict[str, None] = {}
    for name in EVALUATION_SETS:
        for line in (DATASETS / f"{name}.jsonl").read_text(encoding="utf-8").splitlines():
            row = json.loads(line) if line.strip() else {}
            if not row or row.get("split", "dev") != split:
                continue
            # a conversation's first turn stands alone; the later ones are read after their rewriting, which
            # the followups evaluation measures end to end
            texts = [t["question"] for t in row.get("turns", [])[:1]] + \
                [row.get("question") or (row.get("text") if not row.get("smalltalk") else None)]
            out.update((t, None) for t in texts if t and normal(t) not in trained)
    return list(out)


def right_fact(answer, row: dict, store) -> bool:
    """Answered citing that release and stating the fact it asks for as the corpus records it. Taken as a
    question about its release, the answer's statement of that fact (`fact_heading`); taken otherwise, the
    fact anywhere in the answer (a search's list names each release's date and sender). A fact the corpus
    does not record (the seed release's issuer): refused, saying so when taken as such a question."""
    info = store.release(slugify(row["release_id"]))  # the id the ingest gives its file
    if info is None:
        return False
    field = ReleaseField(row["field"])
    value = {ReleaseField.DATE: info.date, ReleaseField.TITLE: info.title, ReleaseField.ISSUER: info.issuer}[field]
    if not value:
        return answer.abstained and (answer.intent != "metadata" or "records no" in answer.answer)
    if answer.abstained or not any(c.release_id == info.id for c in answer.citations):
        return False
    if answer.intent == "metadata":
        stated = fact_heading(field, info.id, info.title, info.date, info.issuer)
        return bool(stated) and answer.answer.startswith(stated)
    return re.search(rf"(?<!\w){re.escape(value.lower())}(?!\w)", answer.answer.lower()) is not None


def answered_with(answer, row: dict) -> bool:
    text = row["answer"].lower()
    return not answer.abstained and (text in answer.answer.lower() or any(text in c.quote.lower() for c in answer.citations))


def measure_model(rows: list[dict], split: str) -> dict:
    """Without the assistant: the model's decisions on the questions and on the evaluation sets."""
    model, embeddings = ReleaseFactsModel.load(), embedder()
    if model is None:
        raise SystemExit("no release-facts model: run python -m assistant.answer.release_facts_train")
    intents = IntentClassifier()

    def asked(questions: list[str]) -> list[ReleaseField | None]:
        return [model.field_asked(v, intents.vector(q)) for q, v in zip(questions, embeddings.embed_documents(questions))]

    fields = asked([r["question"] for r in rows])
    asking = [(r, f) for r, f in zip(rows, fields) if r["field"]]
    near = [(r, f) for r, f in zip(rows, fields) if not r["field"]]
    questions = evaluation_questions(split)
    taken = [q for q, f in zip(questions, asked(questions)) if f is not None]
    return {"asking": len(asking), "asking_taken": sum(f is not None for _, f in asking),
            "right_field": sum(f is not None and f.value == r["field"] for r, f in asking),
            "near_misses": len(near), "near_misses_taken": sum(f is not None for _, f in near),
            "missed": [r["question"] for r, f in asking if f is None or f.value != r["field"]],
            "near_misses_taken_list": [r["question"] for r, f in near if f is not None],
            "evaluation_questions": len(questions), "evaluation_taken": taken}


def measure_answers(rows: list[dict], without_model: bool) -> dict:
    out = {}
    for corpus, prepared in CORPORA.items():
        mine = [r for r in rows if r["corpus"] == corpus]
        if not mine:
            continue
        assistant = prepared_assistant(prepared)
        if without_model:
            assistant.tasks.facts = None
        store = assistant.search.store
        asking = [r for r in mine if r["field"]]
        near = [r for r in mine if not r["field"]]
        answers = {r["id"]: assistant.ask(r["question"]) for r in mine}
        wrong = [(r["question"], answers[r["id"]].answer[:160]) for r in asking if not right_fact(answers[r["id"]], r, store)]
        out[corpus] = {
            "asking": len(asking), "asking_taken": sum(answers[r["id"]].intent == "metadata" for r in asking),
            "asking_right": sum(right_fact(answers[r["id"]], r, store) for r in asking),
            "asking_refused": sum(answers[r["id"]].abstained for r in asking),
            "near_misses": len(near), "near_misses_taken": sum(answers[r["id"]].intent == "metadata" for r in near),
            "near_misses_answered_with_their_text": sum(answered_with(answers[r["id"]], r) for r in near),
            "wrong": wrong}
    return out


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--without-model", action="store_true", help="the assistant without the release-facts model")
    parser.add_argument("--model-only", action="store_true", help="the model's decisions only, no answers")
    args = parser.parse_args(argv)
    rows = [r for r in load(args.data) if r["split"] == args.split]
    result = {"split": args.split}
    if not args.without_model:
        result["model"] = measure_model(rows, args.split)
    if not args.model_only:
        result["answers"] = measure_answers(rows, args.without_model)
    print(json.dumps(result, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
