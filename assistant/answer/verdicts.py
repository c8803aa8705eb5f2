"""Yes/no questions, with the verdict reader (reader/verdict.py: does a sentence answer the question yes,
no, or settle nothing?).

The sentence reader learned from wh-questions and refuses many yes/no questions a sentence settles
("Did Norway chip in to ...?"). When it refuses a question that asks no question word (grammar.py), the
verdict reader reads the reader's best candidates, and the first it is at least `rescue_bar` sure
answers yes or no is quoted, with that probability as the answer's confidence (`rescued`). The bar was
chosen on held-out yes/no questions (`python -m evals.tune_verdict`), so wh-questions keep the sentence
reader's decision.

`judged` would lead the answer with "Yes" or "No" when the verdict reader is at least `bar` sure which the
best quoted sentence says; the shipped model misses the precision chosen for that (`verdict.json` has no
bar), so it leaves every answer as it is."""

from __future__ import annotations

from dataclasses import replace

from assistant.answer.extractive import Selection
from assistant.answer.grammar import asks_yes_or_no
from assistant.reader.verdict import VerdictReader, verdict
from assistant.records import Answer

RESCUE_CANDIDATES = 3  # the reader's best candidates a refused yes/no question may be answered from


def rescued(selection: Selection, question: str, reader: VerdictReader | None) -> Selection:
    """A refused yes/no question answered by a candidate the verdict reader is sure settles it; else as it was."""
    if reader is None or reader.rescue_bar is None or selection.sentences or not selection.ranked \
            or not asks_yes_or_no(question):
        return selection
    top = selection.ranked[:RESCUE_CANDIDATES]
    probabilities = reader.probabilities([s.reader_input(question, dated=True) for s in top])
    for sentence, row in zip(top, probabilities):
        found = verdict(row, reader.rescue_bar)
        if found.label != "none":
            # the quote's confidence is the verdict reader's: the sentence reader's was under its threshold
            chosen = replace(sentence, probability=found.probability)
            ranked = (chosen, *(s for s in selection.ranked if s is not sentence))
            return replace(selection, sentences=(chosen,), ranked=ranked, reason="settled, for the verdict reader")
    return selection


def judged(answer: Answer, selection: Selection, reader: VerdictReader | None) -> Answer:
    """The answer with its verdict (text and `verdict`) when the reader gives one for its best quote."""
    if reader is None or reader.bar is None or answer.abstained:
        return answer
    best = next((s for s in selection.ranked if s in selection.sentences), None)
    if best is None or best.probability < reader.reader_sure:
        return answer
    found = reader.judge(best.reader_input(answer.standalone_question, dated=True))
    if found.label == "none":
        return answer
    return replace(answer, answer=f"{found.label.capitalize()} \u2014 {answer.answer}", verdict=found.label)
