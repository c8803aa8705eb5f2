"""The default answerer: the trained reader decides which retrieved sentences answer the question.

Retrieved passages are cut into sentences; a cheap hybrid score (the question's IDF-weighted words
in the sentence, plus the passage's retrieval score) keeps the best `candidates` of them; the
reader scores those with their context. They are ranked by the reader's score plus a weighted
pre-rank score (the weight fitted on the dev splits, kept because it helped on held-out data); the
best one is quoted when the reader's calibrated probability for it reaches the threshold, with any
other that the reader is just as sure of. Otherwise the assistant refuses. The confidence comes from
the reader alone, so a reworded question is not refused for sharing few words with its answer. The numbers come from `reader.json` (chosen on the tune splits by `python -m evals.tune_reader`)."""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from assistant.reader.inputs import ReaderInput
from assistant.reader.onnx_reader import Reader, ReaderConfig
from assistant.reader.span_head import TokenStates
from assistant.retrieval.passages import Passage
from assistant.answer.safety import forges_markers, is_injection
from assistant.answer.summary import is_heading, is_statement
from assistant.text import content_terms, spoken_date, stem

LEXICAL_WEIGHT = 0.7  # of the pre-rank score; the rest is the passage's fused retrieval score
MAX_SENTENCES = 3


@dataclass(frozen=True)
class ScoredSentence:
    passage: Passage
    start: int  # offsets in the release text
    end: int
    text: str
    previous: str
    following: str
    prerank: float  # hybrid score that chose the reader's candidates
    probability: float = 0.0  # the reader's calibrated probability that this sentence answers
    rank_score: float = 0.0  # the reader's raw score plus the weighted pre-rank score: orders the candidates
    # the reader's token states for the sentence, from the call that scored it: the span head reads them
    states: TokenStates | None = field(default=None, compare=False, repr=False)

    def reader_input(self, question: str, *, dated: bool) -> ReaderInput:
        """This sentence with its release title, neighbouring sentences and, `dated`, the release's date
        after the title: how the sentence reader reads it in serving (a question may name the release's
        period, "in 2023": unseen, the reader takes the year for a detail the sentence lacks). The list
        reader, and the sentence reader's shipped training, read it without the date."""
        return ReaderInput(question, self.text, self.heading(dated=dated), self.previous, self.following)

    def heading(self, *, dated: bool) -> str:
        """The release title, and with `dated` the release date after it ("Harbour grant (1 March 2023)")."""
        chunk = self.passage.chunk
        return " ".join(part for part in (chunk.title or "", spoken_date(chunk.date) if dated else "") if part)


@dataclass(frozen=True)
class Selection:
    sentences: tuple[ScoredSentence, ...]  # empty when refusing
    ranked: tuple[ScoredSentence, ...]  # the reader's candidates, best first
    reason: str
    read_ms: float = 0.0  # time the reader took

    @property
    def confidence(self) -> float:
        return self.ranked[0].probability if self.ranked else 0.0


class ExtractiveAnswerer:
    def __init__(self, reader: Reader, config: ReaderConfig | None = None):
        self.reader = reader
        self.config = config or reader.config

    def warm_up(self) -> None:
        self.reader.warm_up()

    def select(self, question: str, passages: list[Passage], idf: dict[str, float] | None = None,
               newest: bool = False) -> Selection:
        candidates = self.candidates(question, passages, idf or {})[: self.config.candidates]
        if not candidates:
            return Selection((), (), "nothing retrieved")
        started = time.perf_counter()
        scored = self.score(question, candidates, states=True)
        read_ms = (time.perf_counter() - started) * 1000
        ranked = best_first(scored)
        return replace(self.decide(ranked, newest), read_ms=read_ms)

    def score(self, question: str, candidates: list[ScoredSentence], states: bool = False) -> list[ScoredSentence]:
        """The candidates with the reader's calibrated probability and the ranking score filled in, and with
        `states` their token states from the same run (for the span head; about 4% more reader time)."""
        if not candidates:
            return []
        inputs = [c.reader_input(question, dated=True) for c in candidates]
        logits, read = self.reader.read(inputs) if states else (self.reader.logits(inputs), [None] * len(inputs))
        probabilities = self.reader.calibrate(logits)
        return [replace(c, probability=float(p), rank_score=float(z + self.config.prerank_weight * c.prerank),
                        states=t) for c, z, p, t in zip(candidates, logits, probabilities, read)]

    def decide(self, ranked: list[ScoredSentence], newest: bool = False) -> Selection:
        """The best-ranked sentence answers when the reader's probability for it reaches the threshold;
        others join when the reader is at least `extra` sure of them too. For "the latest ..." (`newest`),
        only the newest release among those with an answering sentence answers."""
        cfg = self.config
        if newest:
            dates = [s.passage.chunk.date or "" for s in ranked if s.probability >= cfg.threshold]
            if dates:
                latest = [s for s in ranked if (s.passage.chunk.date or "") == max(dates)]
                ranked = sorted(latest, key=lambda s: s.probability < cfg.threshold) + \
                    [s for s in ranked if s not in latest and s.probability < cfg.threshold]
        chosen = answering(ranked, cfg.threshold, cfg.extra)
        if not chosen:
            return Selection((), tuple(ranked), f"best probability {ranked[0].probability:.2f} < {cfg.threshold:.2f}")
        return Selection(tuple(chosen), tuple(ranked), "answered")

    @staticmethod
    def candidates(question: str, passages: list[Passage], idf: dict[str, float]) -> list[ScoredSentence]:
        """Every sentence of the passages once (the same text in two releases once too), best pre-rank
        score first."""
        terms = {stem(t): idf.get(t, 1.0) for t in content_terms(question)}
        total = sum(terms.values()) or 1.0
        # overlapping chunks and near-duplicate releases repeat sentences: read and quote each text once
        seen: set[str] = set()
        out: list[ScoredSentence] = []
        for passage in passages:
            chunk = passage.chunk
            if is_injection(chunk.text):  # text that instructs the assistant is never an answer
                continue
            texts = [chunk.text[s.start - chunk.start : s.end - chunk.start] for s in chunk.sentences]
            for i, (span, text) in enumerate(zip(chunk.sentences, texts)):
                normal = " ".join(text.lower().split())
                if normal in seen or forges_markers(text) or not normal:
                    continue
                seen.add(normal)
                have = {stem(w) for w in content_terms(text)}
                lexical = sum(w for t, w in terms.items() if t in have) / total
                out.append(ScoredSentence(
                    passage, span.start, span.end, text,
                    texts[i - 1] if i > 0 else "", texts[i + 1] if i + 1 < len(texts) else "",
                    LEXICAL_WEIGHT * lexical + (1 - LEXICAL_WEIGHT) * passage.score))
        out.sort(key=lambda s: (-s.prerank, s.passage.rank, s.start))
        return out


def best_first(scored: Sequence[ScoredSentence]) -> list[ScoredSentence]:
    """Scored candidates in the reader's ranking order (its score plus the weighted pre-rank score)."""
    return sorted(scored, key=lambda s: (-s.rank_score, -s.prerank, s.start))


def answering(ranked: Sequence[ScoredSentence], threshold: float, extra: float) -> list[ScoredSentence]:
    """The one-fact answer among candidates ranked best first: the best when the reader's probability
    for it reaches `threshold`, with up to MAX_SENTENCES - 1 others it is at least `extra` sure of (and,
    after a headline, its release's best statement from `threshold`); the best's release first, each
    release's in reading order. Empty: refuse."""
    if not ranked or ranked[0].probability < threshold:
        return []
    best = ranked[0]
    chosen = [best] + [s for s in ranked[1:] if s.probability >= max(extra, threshold)]
    if is_heading(best.text):
        # a headline or a masthead line says what the release is about, not what it says: its release's
        # best statement the reader finds answering joins it
        said = next((s for s in ranked[1:] if s.probability >= threshold and is_statement(s.text)
                     and s.passage.chunk.release_id == best.passage.chunk.release_id), None)
        if said is not None:  # next to the headline, so that the limit below never cuts it off
            if said in chosen:
                chosen.remove(said)
            chosen.insert(1, said)
    return sorted(chosen[:MAX_SENTENCES], key=lambda s: (s.passage.chunk.release_id != best.passage.chunk.release_id,
                                                         s.passage.chunk.release_id, s.start))


def joined_selection(selections: Sequence[Selection]) -> Selection:
    """One selection of several questions' (a message asking two things): every sentence any of them chose,
    once, the first question's best release first and each release's in reading order; their candidates,
    best first."""
    chosen: dict[tuple[str, int], ScoredSentence] = {}
    for selection in selections:
        for s in selection.sentences:
            chosen.setdefault((s.passage.chunk.release_id, s.start), s)
    first = next((s.passage.chunk.release_id for sel in selections for s in sel.sentences), None)
    sentences = sorted(chosen.values(), key=lambda s: (s.passage.chunk.release_id != first,
                                                       s.passage.chunk.release_id, s.start))
    ranked = sorted((s for sel in selections for s in sel.ranked), key=lambda s: -s.probability)
    reason = "answered" if sentences else "; ".join(sel.reason for sel in selections)
    return Selection(tuple(sentences), tuple(ranked), reason, sum(sel.read_ms for sel in selections))


def top_sentence(question: str, passages: list[Passage], idf: dict[str, float]) -> ScoredSentence | None:
    """The baseline the reader must beat: always quote the best pre-ranked sentence."""
    ranked = ExtractiveAnswerer.candidates(question, passages, idf)
    return ranked[0] if ranked else None
