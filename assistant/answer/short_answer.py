"""The short answer inside a quoted sentence (a date, an amount): by occlusion, else by the span head.

Occlusion: the reader scores the sentence once whole and once with each candidate span that holds a
number (reader/spans.py) removed, all in one run so that the int8 activations share one scale (the
drops compare the inputs with each other); the span whose removal drops the answer probability most
is what answers (the shortest within `keep` of the largest drop). The span head (reader/span_head.py):
start/end logits over the sentence's tokens from the token states of the reader call that scored the
sentence (with its title and neighbours, alone in its run), so it costs no call of its own.

Each is shown only where it measured reliable, on the 301 answerable questions of the SQuAD dev
articles (`python -m evals.measure_short_answer`, never the test articles). No threshold brings names,
titles or phrases to 80% overlap precision (the head: about 67% at most), so only spans holding a
number are shown, and only those are occluded: on the reader's sentence, occluding every candidate
span showed 14 at 0.93, only the spans holding a number 26 at 0.81, at a third of the reader time
(p50 10 against 30 ms where read). Occlusion from a drop of `MIN_DROP` (the lowest with overlap
precision >= 0.8: 28 shown at 0.82 in the sentence the reader chose, 24 at 0.83 in the gold
sentence); the head from a probability of `MIN_SCORE` (27 at 0.78). Occlusion first, then the
head: 46 shown at 0.78 (15% of answerable questions), 43 at 0.79 in the gold sentence. On the
releases' own dev turns (seed, senate: `--releases`) 9 shown, 8 right. Noise near the threshold:
"On what date did the fourth dialogue take place?" drops 0.09 for "Thursday 5 December 2024" read
with its one occluded variant (0.11 among every span's), so it is no longer shown. Cost: no reader
call when the sentence holds no digit; else one run of the sentence and its number-holding spans
(p50 2 spans).
Since 2026-12-06 a word of the question ends a run of content words, so that "NOK 420 million" in "The
terminal cost NOK 420 million", asked "How much did the terminal cost?", is a candidate (the whole run
held the question's words and was left out): as shipped, 47 → 48 shown at overlap precision 0.809 →
0.812 (reader's sentence), 44 → 45 at 0.841 → 0.844 (gold sentence), and on the releases' dev turns 16 →
20 shown at 0.812 → 0.850; the lowest drop with precision 0.8 is now exactly `MIN_DROP`.
Since 2026-12-06 (night) a question that asks how many of a plural (`counting.counted_noun`) gets the
count its sentence states of that plural (`counting.stated_span`: "seven additional counties"), number
words included, before occlusion and the head are read; the answer's `count` carries the number. On the
451 answerable "how many" questions of the SQuAD train articles, in the sentence the reader ranks first
(`python -m evals.measure_short_answer --counts`; the tune articles hold 5): 254 shown at overlap
precision 0.870 before (176 giving a gold answer's number), 344 at 0.881 as served (266; 187 of them
stated counts, 0.877 giving the gold number).
Since 2026-12-07 a number span is shown only when the numbers model (numbers_asked.py, its card
numbers_model.md) takes the question to ask for a number: "What is PESCO?" marked the meeting dates of
its sentence. On the reader's sentences of the tune articles, as served: 48 -> 37 shown, overlap
precision 0.812 -> 0.892, F1 >= 0.5 precision 0.646 -> 0.784 (31 -> 29 of them); on the releases'
dev turns 20 -> 18 shown at 0.850 -> 0.944. Its bar comes from its training's cross-validation.
Measured and not taken (2026-12-07, a one-off script): names as short answers where a person is asked
for. Of the 301 answerable tune questions 22 are answered with a person (spaCy's PERSON entity in the gold
sentence); occluding each PERSON entity of the reader's sentence and taking the largest drop gives a
right name (F1 >= 0.5) for 14 of the 19 of them whose sentence has one, 0.74 even if a model told every
person question without error, under the 0.8 the number spans were held to.
An end-to-end span reader (reader/train_span_reader.py, measured in the same run) is better on every
span (F1 0.44 against 0.40 on the reader's sentence) but still at most 0.62 precision for names and
titles at 25% coverage, so they stay unshown.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.answer.counting import counted_noun, stated_span
from assistant.answer.extractive import Selection
from assistant.answer.followup import Turn
from assistant.answer.numbers_asked import NumbersAsked
from assistant.reader.inputs import ReaderInput
from assistant.records import Answer
from assistant.reader.onnx_reader import Reader
from assistant.reader.span_head import SpanHead, TokenStates
from assistant.reader.spans import candidate_spans

MIN_DROP = 0.1  # lowest drop with overlap precision >= 0.8 on dev for spans holding a number
MIN_SCORE = 0.4  # span-head probability a number needs: overlap precision 0.78-0.85 on dev (see above)
KEEP = 0.9  # share of the largest drop a shorter span needs to be preferred
MAX_CANDIDATES = 16  # candidate spans looked at per sentence (shortest first)


@dataclass(frozen=True)
class ShortAnswer:
    text: str
    start: int  # offsets in the sentence
    end: int
    drop: float  # occlusion: the answer probability lost when the span is removed (0 from the head)
    read_ms: float = 0.0
    span_score: float = 0.0  # span head: its probability for this span (0 from occlusion)
    count: int | None = None  # a "how many" question's count, as the sentence states it ("seven additional counties")

    @property
    def reliable(self) -> bool:
        return self.count is not None or \
            ((self.drop >= MIN_DROP or self.span_score >= MIN_SCORE) and holds_number(self.text))


def holds_number(text: str) -> bool:
    """Spans with a digit (dates, amounts, counts) are the ones the occlusion measured reliable for."""
    return any(ch.isdigit() for ch in text)


def occlusion_spans(sentence: str, question: str, limit: int = MAX_CANDIDATES) -> list[tuple[int, int]]:
    """The candidate spans occlusion reads: those that hold a number, the only ones ever shown."""
    return [(a, b) for a, b in candidate_spans(sentence, question)[:limit] if holds_number(sentence[a:b])]


class ShortAnswerFinder:
    def __init__(self, reader: Reader, min_drop: float = MIN_DROP, keep: float = KEEP,
                 max_candidates: int = MAX_CANDIDATES, head: SpanHead | None = None, min_score: float = MIN_SCORE,
                 counts: bool = True, numbers: NumbersAsked | None = None, embedding_model: str = ""):
        self.reader = reader
        # whether a question asks for a number at all (numbers_asked.py), read from the vector of
        # `embedding_model` the search embedded it with; None: every question may get a number span
        self.numbers = numbers
        self.embedding_model = embedding_model
        self.counts = counts  # a "how many" question gets the count its sentence states (measured: module doc)
        self.min_drop = min_drop
        self.keep = keep
        self.max_candidates = max_candidates
        self.head = head or SpanHead.load(reader.folder)  # None: occlusion alone
        self.min_score = min_score

    def find(self, question: str, sentence: str, title: str = "", previous: str = "",
             following: str = "", states: TokenStates | None = None, vector=None) -> ShortAnswer | None:
        """The reliable short answer, or None when no span stands out enough to be shown. A sentence
        without a digit is not read at all: its short answer would not be shown. Only the candidate spans
        that hold a number are occluded, as no other would be shown (measured above). `states`: the
        sentence's token states from the call that scored it, which spares the head a call of its own. A
        question that asks how many of a plural gets the count the sentence states of it, when it states
        one and the question does not give it (`counting.stated_span`: "seven additional counties"),
        before either. `vector`: the question's vector; when the numbers model takes the question to ask
        for no number ("What is PESCO?"), no span is shown: the one occlusion finds is then only the
        number the reader leans on most (a meeting's dates)."""
        noun = counted_noun(question) if self.counts else None
        stated = stated_span(noun, sentence, question) if noun else None
        if stated is not None:
            start, end, number = stated
            return ShortAnswer(sentence[start:end], start, end, 0.0, count=number)
        if not holds_number(sentence) or self.asks_no_number(vector):
            return None
        spans = occlusion_spans(sentence, question, self.max_candidates)
        occluded = self.best(question, sentence, title, spans) if spans else None
        if occluded and occluded.drop >= self.min_drop:
            return occluded  # measured first on dev; the head is read only when occlusion shows nothing
        headed = self.headed(question, sentence, title, previous, following, states)
        return headed if headed and headed.span_score >= self.min_score and holds_number(headed.text) else None

    def asks_no_number(self, vector) -> bool:
        return self.numbers is not None and self.numbers.asks_none(vector, self.embedding_model)

    def best(self, question: str, sentence: str, title: str = "",
             spans: list[tuple[int, int]] | None = None) -> ShortAnswer | None:
        """Occlusion's span: the one whose removal costs the answer most, however little (None without
        candidates). The neighbouring sentences are left out: the inputs stay short, and the drop is
        measured against the whole sentence read the same way. `spans`: the candidates, when already found."""
        if spans is None:
            spans = occlusion_spans(sentence, question, self.max_candidates)
        if not spans:
            return None
        started = time.perf_counter()
        inputs = [ReaderInput(question, sentence, title)]
        inputs += [ReaderInput(question, _without(sentence, a, b), title) for a, b in spans]
        probabilities = self.reader.calibrate(self.reader.logits(inputs, together=True))  # drops compare them
        drops = [float(probabilities[0] - p) for p in probabilities[1:]]
        return choose(sentence, spans, drops, self.keep, (time.perf_counter() - started) * 1000)

    def headed(self, question: str, sentence: str, title: str = "", previous: str = "",
               following: str = "", states: TokenStates | None = None) -> ShortAnswer | None:
        """The span head's most probable span, however unsure (None without a head). It reads the token
        states of the sentence as the reader read it to choose it (with its neighbours, alone in its
        run): `states` when given, else from a call of its own."""
        if self.head is None:
            return None
        started = time.perf_counter()
        if states is None:
            _, (states,) = self.reader.read([ReaderInput(question, sentence, title, previous, following)])
        span = self.head.best(states, sentence)
        if span is None:
            return None
        return ShortAnswer(sentence[span.start : span.end], span.start, span.end, 0.0,
                           (time.perf_counter() - started) * 1000, round(span.score, 4))


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
                    history: Sequence[Turn] = (), vector=None) -> Answer:
    """A one-fact answer with the short answer inside its best quoted sentence (text, and offsets in the
    release on the citation that quotes it); `vector`: the standalone question's, as searched. When a follow-up would repeat a sentence the previous
    answer quoted, the answer leads with the short answer; the quote and its [n] stay as they are."""
    best = next((s for s in selection.ranked if s in selection.sentences), None)
    if answer.abstained or best is None:
        return answer
    found = finder.find(answer.standalone_question, best.text, best.heading(dated=True),  # as the reader read it
                        best.previous, best.following, best.states, vector)
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
    return replace(answer, answer=text, short_answer=found.text, citations=tuple(citations),
                   count=found.count if found.count is not None else answer.count)
