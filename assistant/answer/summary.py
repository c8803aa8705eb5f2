"""Extractive summaries: a few sentences that together cover a release (or what several releases say
about a topic), chosen by maximal marginal relevance over sentence vectors.

Each sentence of a release scores by the salience model's probability that it holds a key point
(salience.py; without the model, by how central it is, its mean similarity to the other sentences as
in LexRank's degree centrality, mixed with its position); for a topic, by its similarity to the
question. MMR then trades that score against similarity to the sentences already chosen, so the
summary does not say one thing twice. The chosen sentences are returned in reading order."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from assistant.retrieval.passages import Passage
from assistant.answer.safety import forges_markers, is_injection

MIN_WORDS = 6  # shorter "sentences" are headlines, datelines and contact lines, not statements
# a line with this share of its words capitalised and no full stop is set as a headline or subheading
# (title case, where only small function words stay lower-case), as is one in capitals; a statement
# dense with names ("Minister Anna Holm and State Secretary Per Dahl met …") ends with a full stop
HEADLINE_SHARE = 0.6
_WORDS = re.compile(r"[^\W\d_][\w'’-]*")
NOVELTY = 0.3  # MMR's weight on dissimilarity to the chosen sentences
MIN_SENTENCES, MAX_SENTENCES = 3, 6
REPEAT = 0.9  # cosine above which two sentences say the same thing


@dataclass(frozen=True)
class SummarySentence:
    passage: Passage  # a passage holding the sentence, for its citation
    start: int  # offsets in the release text
    end: int
    text: str


def sentences_of(passages: Sequence[Passage]) -> list[SummarySentence]:
    """Each sentence of the passages once (overlapping chunks repeat sentences), in reading order,
    without headlines, the title, or text that instructs the assistant. A chunk set wholly in capitals
    (some floor transcripts are) keeps its sentences: there, capitals mark no headline."""
    seen: set[tuple[str, int]] = set()
    texts: set[str] = set()
    out = []
    for passage in passages:
        chunk = passage.chunk
        if is_injection(chunk.text):
            continue
        shouted = set_in_capitals(chunk.text)
        for span in chunk.sentences:
            text = chunk.text[span.start - chunk.start : span.end - chunk.start]
            normal = " ".join(text.lower().split())
            key = (chunk.release_id, span.start)
            if key in seen or normal in texts or len(text.split()) < MIN_WORDS or forges_markers(text) \
                    or (is_headline(text) and not shouted):
                continue
            if chunk.title and normal == " ".join(chunk.title.lower().split()):
                continue
            seen.add(key)
            texts.add(normal)
            out.append(SummarySentence(passage, span.start, span.end, text))
    out.sort(key=lambda s: (s.passage.chunk.date or "", s.passage.chunk.release_id, s.start))
    return out


def set_in_capitals(text: str) -> bool:
    """At most 1% of the letters lower-case: a text set in capitals throughout, not a headline in one."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.islower() for c in letters) <= 0.01 * len(letters)


def is_statement(text: str) -> bool:
    """A sentence that says something: not a headline, dateline or contact line."""
    return len(text.split()) >= MIN_WORDS and not is_headline(text)


def is_heading(text: str) -> bool:
    """A headline ("Allard Statement Regarding Death of Pope John Paul II"), or a line too short to be a
    statement that no full stop ends ("http://bennett.senate.gov/"); "The board met in Tromsø." is a
    sentence."""
    return is_headline(text) or (not is_statement(text) and not text.rstrip().endswith((".", "!", "?")))


def is_headline(text: str) -> bool:
    """"A Big Step Backwards in Labor Relations", "HARD DEADLINE FOR WEAPONS DESTRUCTION …"."""
    words = _WORDS.findall(text)
    if not words:
        return False
    capitals = sum(w.isupper() and len(w) > 1 for w in words) / len(words)
    capitalised = sum(w[0].isupper() for w in words) / len(words)
    return capitals >= HEADLINE_SHARE or (capitalised >= HEADLINE_SHARE and not text.rstrip().endswith((".", "!", "?")))


def summary_size(count: int) -> int:
    """About a quarter of the sentences, at least 3 and at most 6."""
    return max(MIN_SENTENCES, min(MAX_SENTENCES, round(count / 4)))


def choose(vectors: np.ndarray, relevance: np.ndarray, size: int, novelty: float = NOVELTY,
           first: Sequence[int] = ()) -> list[int]:
    """Maximal marginal relevance: indices of `size` rows, each the best trade between its relevance
    and its similarity to the rows already chosen; a row too similar to a chosen one is never taken.
    `first`: rows taken before any other, in that order (a repeat of one taken still is not)."""
    similarity = vectors @ vectors.T
    chosen: list[int] = []
    for row in first:
        if len(chosen) < size and row not in chosen and (not chosen or similarity[row, chosen].max() < REPEAT):
            chosen.append(int(row))
    while len(chosen) < min(size, len(relevance)):
        redundancy = similarity[:, chosen].max(axis=1) if chosen else np.zeros(len(relevance))
        score = (1 - novelty) * relevance - novelty * redundancy
        score[chosen] = -np.inf
        if chosen:
            score[redundancy >= REPEAT] = -np.inf
        best = int(np.argmax(score))
        if not np.isfinite(score[best]):
            break
        chosen.append(best)
    return sorted(chosen)


def nearest_first(vectors: np.ndarray, topic: np.ndarray, names_all: np.ndarray, count: int) -> list[int]:
    """The `count` sentences a summary naming a subject starts from: those nearest the topic, a sentence
    holding every word that names the subject first ("What does the release say about Kosovo?" is answered
    where the release names Kosovo, in a long sentence on several missions whose vector is less near the
    question than the release's general sentences)."""
    closeness = vectors @ topic + 2.0 * names_all
    return [int(i) for i in np.argsort(-closeness, kind="stable")[:count]]


def centrality(vectors: np.ndarray) -> np.ndarray:
    """Each row's mean cosine similarity to the other rows."""
    if len(vectors) < 2:
        return np.ones(len(vectors))
    similarity = vectors @ vectors.T
    return (similarity.sum(axis=1) - 1.0) / (len(vectors) - 1)


def lead_scores(count: int) -> np.ndarray:
    """1 for the first sentence, falling to 0 for the last: news writing puts the news first."""
    return np.linspace(1.0, 0.0, count) if count > 1 else np.ones(count)


def summarise(sentences: Sequence[SummarySentence], vectors: np.ndarray, query_vector: np.ndarray | None = None,
              size: int | None = None, lead: float = 0.0, novelty: float = NOVELTY,
              salience: np.ndarray | None = None, first: Sequence[int] = ()) -> list[SummarySentence]:
    """A release summary (no query vector: the most salient sentences when `salience` is given, else
    central ones weighted by `lead` towards the first) or a topic summary (sentences near the query),
    in reading order; `first`: sentences it holds whatever their score (see `choose`)."""
    if not sentences:
        return []
    if salience is not None:
        relevance = salience
    elif query_vector is None:
        relevance = (1 - lead) * _unit(centrality(vectors)) + lead * lead_scores(len(sentences))
    else:
        relevance = vectors @ query_vector
    return [sentences[i] for i in choose(vectors, relevance, size or summary_size(len(sentences)), novelty, first)]


def _unit(values: np.ndarray) -> np.ndarray:
    """Min-max scaled to [0, 1], so it mixes with the lead score on one scale."""
    span = values.max() - values.min() if len(values) else 0.0
    return (values - values.min()) / span if span > 1e-9 else np.ones_like(values)
