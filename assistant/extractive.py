"""The default answerer: picks the answer-bearing sentences from retrieved passages and returns them
verbatim, or abstains when no passage holds the kind of answer the question asks for."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from .question import AnswerType, QuestionProfile, covers, has_type, sentence_words
from .retrieval import Passage
from .safety import forges_markers, is_injection
from .text import MONTH_NAMES, stem, words


@dataclass(frozen=True)
class ScoredSentence:
    passage: Passage
    start: int  # offsets in the release text
    end: int
    text: str
    similarity: float  # cosine to the question
    overlap: float  # share of the question's terms the sentence has
    focus: float  # share of the question's focus terms covered by the sentence's passage, title or date
    topic: float  # share of the question's other content words the sentence covers
    typed: bool  # holds the kind of answer asked for
    score: float


@dataclass(frozen=True)
class ExtractiveConfig:
    # Chosen on the dev splits by `python -m evals.tune --case seed:index --case seed:<seed + 1,000
    # Senate releases> --case senate:<same>`: the best summed objective, mid-plateau (README, "Tuning").
    similarity_weight: float = 0.4
    overlap_weight: float = 0.6
    min_score: float = 0.35  # below this the best sentence does not answer: abstain
    min_focus: float = 0.8  # share of focus terms the answer's passage must cover
    min_topic: float = 0.0  # share of the question's other content words it must cover (IDF-weighted)
    topic_min_terms: int = 1  # ... when the question has at least this many of them
    extra_ratio: float = 0.9  # a second sentence joins when it scores this close to the best
    list_ratio: float = 0.8
    latest_ratio: float = 0.85
    max_sentences: int = 3


@dataclass(frozen=True)
class Selection:
    sentences: tuple[ScoredSentence, ...]  # empty when abstaining
    ranked: tuple[ScoredSentence, ...]  # every candidate, best first (for `related` and diagnostics)
    reason: str


class ExtractiveAnswerer:
    def __init__(self, embeddings: Embeddings, config: ExtractiveConfig | None = None):
        self.embeddings = embeddings
        self.config = config or ExtractiveConfig()

    def select(self, profile: QuestionProfile, passages: list[Passage], query_vector: list[float],
               idf: dict[str, float] | None = None) -> Selection:
        return self.decide(profile, self.score(profile, passages, query_vector, idf))

    def decide(self, profile: QuestionProfile, ranked: list[ScoredSentence]) -> Selection:
        cfg = self.config
        if not ranked:
            return Selection((), (), "nothing retrieved")
        need_topic = cfg.min_topic if len(profile.topic) >= cfg.topic_min_terms else 0.0
        eligible = [s for s in ranked if s.focus >= cfg.min_focus and s.topic >= need_topic and s.typed]
        if not eligible or eligible[0].score < cfg.min_score:
            why = "no passage holds a " + profile.answer_type.value if ranked[0].score >= cfg.min_score and \
                profile.answer_type is not AnswerType.ANY else "no passage is about the question"
            return Selection((), tuple(ranked), why)
        best = eligible[0]
        if profile.wants_latest:  # "the latest ...": among near-equal answers, the newest release's
            close = [s for s in eligible if s.score >= cfg.latest_ratio * best.score]
            best = max(close, key=lambda s: (s.passage.chunk.date or "", s.score))
            eligible = [best] + [s for s in eligible if s is not best]
        chosen = [best]
        ratio = cfg.list_ratio if profile.wants_list else cfg.extra_ratio
        covered = _covered(profile, best.text)
        for candidate in eligible[1:]:
            if len(chosen) >= cfg.max_sentences or candidate.score < ratio * best.score:
                break
            adds = _covered(profile, candidate.text) - covered
            if adds or profile.wants_list:
                chosen.append(candidate)
                covered |= adds
        chosen.sort(key=lambda s: (s.passage.chunk.release_id != best.passage.chunk.release_id,
                                   s.passage.chunk.release_id, s.start))
        return Selection(tuple(chosen), tuple(ranked), "answered")

    def combine(self, similarity: float, overlap: float) -> float:
        return self.config.similarity_weight * similarity + self.config.overlap_weight * overlap

    def score(self, profile: QuestionProfile, passages: list[Passage], query_vector: list[float],
              idf: dict[str, float] | None = None) -> list[ScoredSentence]:
        seen: set[tuple[str, int]] = set()
        candidates: list[tuple[Passage, int, int, str]] = []
        for passage in passages:
            chunk = passage.chunk
            if is_injection(chunk.text):  # text that instructs the assistant is never an answer
                continue
            for span in chunk.sentences:
                key = (chunk.release_id, span.start)
                if key in seen:
                    continue
                seen.add(key)
                text = chunk.text[span.start - chunk.start : span.end - chunk.start]
                if len(words(text)) >= 4 and not forges_markers(text) and not _is_headline(text, chunk.title):
                    candidates.append((passage, span.start, span.end, text))
        if not candidates:
            return []
        vectors = np.asarray(self.embeddings.embed_documents([c[3] for c in candidates]))
        similarities = vectors @ np.asarray(query_vector)
        idf = idf or {}
        weights = {t: (2.0 if t in profile.focus else 1.0) * idf.get(t, 1.0) for t in profile.terms}
        total = sum(weights.values()) or 1.0
        topic_weights = {t: idf.get(t, 1.0) for t in profile.topic}
        topic_total = sum(topic_weights.values()) or 1.0
        scored = []
        passage_words: dict[str, set[str]] = {}
        for (passage, start, end, text), similarity in zip(candidates, similarities):
            sw = sentence_words(text)
            chunk_words = passage_words.setdefault(passage.chunk.id, sentence_words(passage.chunk.text))
            stems = {stem(w) for w in sw}
            overlap = sum(w for t, w in weights.items() if stem(t) in stems or t in sw) / total
            # names may be given anywhere in the passage ("Sen. Burns announced ... The department will
            # receive $180,000"), but not outside it
            context = sw | chunk_words | sentence_words(passage.chunk.title or "") | _date_words(passage.chunk.date)
            focus = (sum(covers(f, context) for f in profile.focus) / len(profile.focus)) if profile.focus else 1.0
            topic = sum(w for t, w in topic_weights.items() if covers(t, sw)) / topic_total if profile.topic else 1.0
            score = self.combine(float(similarity), overlap)
            scored.append(ScoredSentence(passage, start, end, text, float(similarity), overlap, focus, topic,
                                         has_type(text, profile.answer_type, profile.text), score))
        scored.sort(key=lambda s: (-s.score, s.passage.rank, s.start))
        return scored




def _date_words(iso: str | None) -> set[str]:
    """A release's date can cover a question's "in 2023" or "in March"."""
    if not iso:
        return set()
    year, month, _ = iso.split("-")
    return {year, MONTH_NAMES[int(month) - 1]}


def _is_headline(sentence: str, title: str | None) -> bool:
    """A release's headline restates what it is about; the answer is in its body."""
    return bool(title) and sentence.strip().rstrip(".").lower() == title.strip().rstrip(".…").lower() \
        or (sentence.isupper() and len(sentence) < 200)


def _covered(profile: QuestionProfile, text: str) -> set[str]:
    stems = {stem(w) for w in sentence_words(text)}
    return {t for t in profile.stems if t in stems}
