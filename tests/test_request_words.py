"""Request words (`asking.request_words`): the words a question may be made of and still name no subject,
which `TaskAnswerer.names_subject` trusts over the corpus's nearest sentence. Measured on the held-out
dev phrasings of evals/datasets/subjects.jsonl, written by writers who never saw the examples."""

import json
from pathlib import Path

from assistant.answer.asking import asking_words, request_words
from assistant.text import content_terms

SUBJECTS = Path(__file__).resolve().parents[1] / "evals/datasets/subjects.jsonl"


def made_of_request_words(question: str) -> bool:
    return all(term in request_words() for term in content_terms(question))


def test_no_question_naming_a_subject_is_made_of_request_words_alone():
    rows = [json.loads(line) for line in SUBJECTS.read_text().splitlines() if line.strip()]
    dev = [r for r in rows if r["split"] == "dev"]
    naming = [r["question"] for r in dev if r["subject"]]
    assert len(naming) > 400
    assert [q for q in naming if made_of_request_words(q)] == []
    # the words of asking_words, which many example questions share, hold subjects: these dev questions name one
    assert any(all(t in asking_words() for t in content_terms(q)) for q in naming)
    assert sum(made_of_request_words(r["question"]) for r in dev if not r["subject"]) >= 30


def test_a_request_for_this_release_is_made_of_request_words():
    assert made_of_request_words("Summarize this release")
    assert not made_of_request_words("Summarize the release on the Ukraine sanctions")
