"""Turns chosen sentences into numbered citations, and checks that cited passages say what an
answer sentence says. Citations are checked, not trusted: a quote must be verbatim inside its
passage at the recorded offsets, and a sentence must be supported by a sentence of its passage."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.records import Citation
from assistant.answer.extractive import ScoredSentence
from assistant.retrieval.passages import Passage
from assistant.answer.entities import covers, sentence_words
from assistant.text import STOPWORDS, content_terms, stem

MARKER = re.compile(r"\s*\[(\d+)\]")


def citation_for(n: int, passage: Passage, start: int, end: int, supported: bool = True) -> Citation:
    chunk = passage.chunk
    quote = chunk.text[start - chunk.start : end - chunk.start]
    return Citation(n, chunk.release_id, chunk.title, chunk.date, chunk.source, chunk.id, chunk.text, quote,
                    start, end, supported)


def cite_sentences(sentences: Sequence[ScoredSentence]) -> tuple[str, tuple[Citation, ...]]:
    """Answer text with [n] markers; sentences next to each other in one passage share a citation."""
    groups: list[list[ScoredSentence]] = []
    for sentence in sentences:
        last = groups[-1][-1] if groups else None
        if last and last.passage.chunk.id == sentence.passage.chunk.id and _adjacent(last, sentence):
            groups[-1].append(sentence)
        else:
            groups.append([sentence])
    parts, citations = [], []
    for n, group in enumerate(groups, start=1):
        citation = citation_for(n, group[0].passage, group[0].start, group[-1].end)
        citations.append(citation)
        parts.append(f"{citation.quote} [{n}]")
    return " ".join(parts), tuple(citations)


def related_from(ranked: Sequence[ScoredSentence], limit: int = 3) -> tuple[Citation, ...]:
    """The nearest passages for a reader when the assistant abstains: not sources, not supported."""
    out, seen = [], set()
    for sentence in ranked:
        if sentence.passage.chunk.id in seen:
            continue
        seen.add(sentence.passage.chunk.id)
        out.append(citation_for(len(out) + 1, sentence.passage, sentence.start, sentence.end, supported=False))
        if len(out) == limit:
            break
    return tuple(out)


@dataclass(frozen=True)
class Support:
    score: float
    start: int  # the best-supporting passage sentence, offsets in the release text
    end: int


@dataclass
class SupportChecker:
    """Scores how well a passage supports a sentence: the best of its sentences by a mix of
    content-word recall (are the sentence's words there?) and embedding similarity."""

    embeddings: Embeddings
    threshold: float = 0.58  # best on the seed dev split: python -m evals.tune_support
    recall_weight: float = 0.6

    def support(self, sentence: str, passage: Passage) -> Support:
        chunk = passage.chunk
        spans = list(chunk.sentences) or []
        texts = [chunk.text[s.start - chunk.start : s.end - chunk.start] for s in spans]
        if not texts:
            return Support(0.0, chunk.start, chunk.start)
        terms = {stem(t) for t in content_terms(sentence)}
        vectors = np.asarray(self.embeddings.embed_documents([sentence, *texts]))
        similarity = vectors[1:] @ vectors[0]
        best = Support(-1.0, chunk.start, chunk.start)
        for span, text, sim in zip(spans, texts, similarity):
            have = {stem(t) for t in content_terms(text)}
            recall = len(terms & have) / len(terms) if terms else 0.0
            score = self.recall_weight * recall + (1 - self.recall_weight) * float(sim)
            if score > best.score:
                best = Support(score, span.start, span.end)
        # numbers and names in the sentence must appear in the passage: a wrong amount or an invented
        # name is unsupported however similar the rest is
        passage_words = sentence_words(chunk.text)
        missing = [t for t in _hard_tokens(sentence) if t not in chunk.text and not covers(t.lower(), passage_words)]
        if missing:
            best = Support(min(best.score, self.threshold - 0.01), best.start, best.end)
        return best

    def supported(self, sentence: str, passage: Passage) -> bool:
        return self.support(sentence, passage).score >= self.threshold


def _hard_tokens(sentence: str) -> list[str]:
    """Numbers, and capitalised words other than the first: the facts a paraphrase cannot change."""
    text = MARKER.sub("", sentence)
    numbers = re.findall(r"\d[\d,.]*\d|\d", text)
    tokens = re.findall(r"[\w][\w'’\-]*", text)
    names = [t.removesuffix("'s").removesuffix("’s") for t in tokens[1:] if t[0].isupper() and t.lower() not in STOPWORDS]
    return numbers + names


def _adjacent(a: ScoredSentence, b: ScoredSentence) -> bool:
    between = a.passage.chunk.text[a.end - a.passage.chunk.start : b.start - a.passage.chunk.start]
    return b.start >= a.end and not between.strip()
