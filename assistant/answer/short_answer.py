"""The short answer inside a quoted sentence (a name, a title, a date, a place), found by occlusion.

The reader scores the sentence once whole and once with each candidate span (reader/spans.py)
removed, all in one batch; the span whose removal drops the answer probability most is what
answers. A longer span that holds the answer drops it at least as much, so the shortest span whose
drop is within `keep` of the largest wins.

It is shown only where it measured reliable. On the 301 answerable questions of the SQuAD dev
articles (`python -m evals.measure_short_answer`, never the test articles) the chosen span shares
words with a gold answer for 39% of them (token F1 >= 0.5: 24%), and no drop threshold brings that
to 80% for spans in general (names, titles, phrases: at most about 59%). For spans that hold a
number (dates, amounts) it does: from a drop of `MIN_DROP`, 100% of 12 shown in the gold sentence
and 81% of 16 in the sentence the reader chose (F1 >= 0.5: 58% / 44%); about 5% of answerable
questions get one. The sentence-level reader was trained to tell answering sentences apart, not
to point inside them, so anything else stays unshown rather than guessed. Cost: no reader call
when no candidate holds a number; else one batch of at most 17 inputs (p50 36 ms when read).
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.answer.extractive import Selection
from assistant.answer.followup import Turn
from assistant.reader.inputs import ReaderInput
from assistant.records import Answer
from assistant.reader.onnx_reader import Reader
from assistant.reader.spans import candidate_spans

MIN_DROP = 0.1  # lowest drop with overlap precision >= 0.8 on dev for spans holding a number
KEEP = 0.9  # share of the largest drop a shorter span needs to be preferred
MAX_CANDIDATES = 16  # spans scored per sentence (shortest first); bounds the reader's cost


@dataclass(frozen=True)
class ShortAnswer:
    text: str
    start: int  # offsets in the sentence
    end: int
    drop: float  # the answer probability lost when the span is removed
    read_ms: float = 0.0

    @property
    def reliable(self) -> bool:
        return self.drop >= MIN_DROP and holds_number(self.text)


def holds_number(text: str) -> bool:
    """Spans with a digit (dates, amounts, counts) are the ones the occlusion measured reliable for."""
    return any(ch.isdigit() for ch in text)


class ShortAnswerFinder:
    def __init__(self, reader: Reader, min_drop: float = MIN_DROP, keep: float = KEEP,
                 max_candidates: int = MAX_CANDIDATES):
        self.reader = reader
        self.min_drop = min_drop
        self.keep = keep
        self.max_candidates = max_candidates

    def find(self, question: str, sentence: str, title: str = "") -> ShortAnswer | None:
        """The reliable short answer, or None when no span stands out enough to be shown. A sentence
        without a number in any candidate span is not read at all: its short answer would not be shown."""
        if not any(holds_number(sentence[a:b]) for a, b in candidate_spans(sentence, question)[: self.max_candidates]):
            return None
        best = self.best(question, sentence, title)
        return best if best and best.drop >= self.min_drop and holds_number(best.text) else None

    def best(self, question: str, sentence: str, title: str = "") -> ShortAnswer | None:
        """The span whose removal costs the answer most, however little (None without candidates).

        The neighbouring sentences are left out: the inputs stay short, and the drop is measured
        against the whole sentence read the same way."""
        spans = candidate_spans(sentence, question)[: self.max_candidates]
        if not spans:
            return None
        started = time.perf_counter()
        inputs = [ReaderInput(question, sentence, title)]
        inputs += [ReaderInput(question, _without(sentence, a, b), title) for a, b in spans]
        probabilities = self.reader.calibrate(self.reader.logits(inputs))
        drops = [float(probabilities[0] - p) for p in probabilities[1:]]
        return choose(sentence, spans, drops, self.keep, (time.perf_counter() - started) * 1000)


def choose(sentence: str, spans: list[tuple[int, int]], drops: list[float], keep: float,
           read_ms: float = 0.0) -> ShortAnswer:
    """The shortest span (spans come shortest first) whose drop is within `keep` of the largest."""
    top = max(drops)
    for (a, b), drop in zip(spans, drops):
        if drop >= top - (1 - keep) * abs(top):
            return ShortAnswer(sentence[a:b], a, b, round(top, 4), read_ms)
    raise AssertionError("unreachable: the largest drop is within keep of itself")


def _without(sentence: str, start: int, end: int) -> str:
    return " ".join((sentence[:start].rstrip() + " " + sentence[end:].lstrip()).split())


def narrowed_answer(answer: Answer, selection: Selection, finder: ShortAnswerFinder,
                    history: Sequence[Turn] = ()) -> Answer:
    """A one-fact answer with the short answer inside its best quoted sentence (text, and offsets in the
    release on the citation that quotes it). When a follow-up would repeat a sentence the previous
    answer quoted, the answer leads with the short answer; the quote and its [n] stay as they are."""
    best = next((s for s in selection.ranked if s in selection.sentences), None)
    if answer.abstained or best is None:
        return answer
    found = finder.find(answer.standalone_question, best.text, best.passage.chunk.title or "")
    if found is None:
        return answer
    start, end = best.start + found.start, best.start + found.end
    citations, marked = [], False
    for c in answer.citations:
        if not marked and c.chunk_id == best.passage.chunk.id and c.start <= start and end <= c.end:
            c, marked = replace(c, answer_start=start, answer_end=end), True
        citations.append(c)
    text = answer.answer
    if history and any(c.quote in q or q in c.quote for c in answer.citations for q in history[-1].quotes):
        text = f"{found.text} \u2014 {text}"  # the narrower question: the short answer first, then the evidence
    return replace(answer, answer=text, short_answer=found.text, citations=tuple(citations))
