"""The words people use to ask for something rather than to name it ("releases", "mention", "latest",
"summarize"): the words of at least `ASKING_SHARE` of the intent model's example questions, which
many writers wrote over many subjects. A question word no release holds says the corpus lacks the
subject, unless it is one of these: a corpus of one release may well lack "mention" too. The examples
name subjects as well ("grants", "ukraine"); such a word, where no release holds it, weighs nothing, as
every missing word did before."""

from __future__ import annotations

from collections import Counter
from functools import lru_cache
from pathlib import Path

from assistant.answer.intents import EXAMPLES, load_examples
from assistant.text import content_terms

ASKING_SHARE = 0.005  # 7 of the 1,391 example questions


@lru_cache(maxsize=4)
def asking_words(path: Path = EXAMPLES) -> frozenset[str]:
    questions = [question for question, _ in load_examples(path)]
    counts = Counter(term for question in questions for term in set(content_terms(question)))
    return frozenset(term for term, n in counts.items() if n >= ASKING_SHARE * len(questions))


@lru_cache(maxsize=1)
def request_words() -> frozenset[str]:
    """The words of the subject model's example questions written to name nothing at all ("Summarize the
    release.", "Give me the highlights.", "What were the main outcomes?"; `subject_train`): words that make
    a request and name no subject. Unlike `asking_words`, no subject is among them (no "ukraine", no
    "pesco"): on the held-out dev questions of `evals/datasets/subjects.jsonl`, none that names a subject
    is made of these words alone, and 36 of the 94 that name none are."""
    from assistant.answer.subject_train import EXAMPLES, load_rows

    return frozenset(term for row in load_rows(EXAMPLES) if not row["subject"] and row.get("naming") == "generic"
                     for term in content_terms(row["question"]))
