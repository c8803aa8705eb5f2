"""Yes/no questions. The answer leads with "Yes" or "No" when the verdict reader is sure which the quoted
sentence says ("Was the dialogue held in Oslo?" -> "No — ... held their fourth Dialogue ... in Brussels.").

The quote is chosen as for any question (the sentence reader); the verdict reader (reader/verdict.py)
then reads the question against the best quoted sentence, as the sentence reader read it. A question
that is not yes/no, or a sentence that does not settle it, gets no verdict: the model learned both as
a class of their own, and the bar it must clear (with the sentence reader's own probability for the
quote, `reader_sure`) was chosen for the verdict's precision on held-out questions (`evals.tune_verdict`).

The sentence reader learned from wh-questions, and refuses many yes/no questions a sentence settles.
When it refuses, the verdict reader may answer from the reader's best candidates: the first it is at
least `rescue_bar` sure settles the question (chosen by the same script, or none)."""

from __future__ import annotations

from dataclasses import replace

from assistant.answer.extractive import Selection
from assistant.reader.verdict import VerdictReader, verdict
from assistant.records import Answer

RESCUE_CANDIDATES = 3  # the reader's best candidates a refused yes/no question may be answered from


def rescued(selection: Selection, question: str, reader: VerdictReader | None) -> Selection:
    """A refusal answered by a candidate the verdict reader is sure settles the question; else as it was."""
    if reader is None or reader.rescue_bar is None or selection.sentences or not selection.ranked:
        return selection
    top = selection.ranked[:RESCUE_CANDIDATES]
    probabilities = reader.probabilities([s.reader_input(question, dated=True) for s in top])
    for sentence, row in zip(top, probabilities):
        if verdict(row, reader.rescue_bar).label != "none":
            return replace(selection, sentences=(sentence,), reason="settled, for the verdict reader")
    return selection


def judged(answer: Answer, selection: Selection, reader: VerdictReader | None) -> Answer:
    """The answer with its verdict (text and `verdict`) when the reader gives one for its best quote."""
    best = next((s for s in selection.ranked if s in selection.sentences), None)
    if reader is None or answer.abstained or best is None or best.probability < reader.reader_sure:
        return answer
    found = reader.judge(best.reader_input(answer.standalone_question, dated=True))
    if found.label == "none":
        return answer
    return replace(answer, answer=f"{found.label.capitalize()} \u2014 {answer.answer}", verdict=found.label)
