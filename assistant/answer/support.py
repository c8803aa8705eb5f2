"""Checks that a cited passage says what a generated sentence says: the best of the passage's
sentences by a mix of content-word recall (are the sentence's words there?) and embedding similarity
(the passage sentences' vectors were stored at ingest; only the claim is embedded here). Numbers and
names in the sentence must appear in the passage."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from assistant.answer.citing import MARKER
from assistant.answer.entities import acronyms, covers, sentence_words
from assistant.index.store import ReleaseStore
from assistant.records import Span
from assistant.retrieval.passages import Passage
from assistant.text import STOPWORDS, content_terms, stem


@dataclass(frozen=True)
class Support:
    score: float
    start: int  # the best-supporting passage sentence, offsets in the release text
    end: int


@dataclass
class SupportChecker:
    """Scores how well a passage supports a sentence: the best of its sentences by a mix of
    content-word recall (are the sentence's words there?) and embedding similarity."""

    store: ReleaseStore  # its embedding model for the claim, its stored vectors for the passage's sentences
    threshold: float = 0.66  # best on the seed dev split: python -m evals.tune_support
    recall_weight: float = 0.6
    _claims: dict[str, np.ndarray] = field(default_factory=dict, repr=False)  # one claim is checked against several passages

    def support(self, sentence: str, passage: Passage, within: Sequence[tuple[int, int]] | None = None) -> Support:
        """The passage sentence that best supports `sentence`; with `within` (offsets in the release text),
        only a passage sentence overlapping one of those ranges may, and the sentence's numbers and names
        must be in those sentences (score 0 when none overlaps)."""
        chunk = passage.chunk
        spans = list(chunk.sentences) or []
        if within is not None:
            spans = [s for s in spans if any(s.start < end and start < s.end for start, end in within)]
        texts = [chunk.text[s.start - chunk.start : s.end - chunk.start] for s in spans]
        if not texts:
            return Support(0.0, chunk.start, chunk.start)
        terms = {stem(t) for t in content_terms(sentence)}
        # an acronym the claim writes in capitals ("EPF") is there where a passage sentence writes the name out
        written_short = {w.lower() for w in re.findall(r"\b[A-Z]{2,}\b", sentence)}
        similarity = self._similarities(sentence, chunk.release_id, spans)
        best = Support(-1.0, chunk.start, chunk.start)
        for span, text, sim in zip(spans, texts, similarity):
            have = {stem(t) for t in content_terms(text)} | (acronyms(text) & written_short if written_short else set())
            recall = len(terms & have) / len(terms) if terms else 0.0
            score = self.recall_weight * recall + (1 - self.recall_weight) * float(sim)
            if score > best.score:
                best = Support(score, span.start, span.end)
        # numbers and names in the sentence must appear in the passage (with `within`, in the sentences it
        # allows): a wrong amount or an invented name is unsupported however similar the rest is
        source = chunk.text if within is None else " ".join(texts)
        passage_words = sentence_words(source)
        missing = [t for t in _hard_tokens(sentence) if t not in source and not covers(t.lower(), passage_words)]
        if missing:
            best = Support(min(best.score, self.threshold - 0.01), best.start, best.end)
        return best

    def _similarities(self, sentence: str, release_id: str, spans: list[Span]) -> np.ndarray:
        """Cosine similarity of the sentence to each passage sentence, from the vectors stored at ingest."""
        if sentence not in self._claims:
            if len(self._claims) > 256:
                self._claims.clear()
            self._claims[sentence] = np.asarray(self.store.embeddings.embed_query(sentence), dtype=np.float32)
        claim = self._claims[sentence]
        return self.store.sentence_vectors(release_id, spans) @ claim

    def supported(self, sentence: str, passage: Passage) -> bool:
        return self.support(sentence, passage).score >= self.threshold


def _hard_tokens(sentence: str) -> list[str]:
    """Numbers, and capitalised words other than the first: the facts a paraphrase cannot change."""
    text = MARKER.sub("", sentence)
    numbers = re.findall(r"\d[\d,.]*\d|\d", text)
    tokens = re.findall(r"[\w][\w'’\-]*", text)
    names = [t.removesuffix("'s").removesuffix("’s") for t in tokens[1:] if t[0].isupper() and t.lower() not in STOPWORDS]
    return numbers + names
