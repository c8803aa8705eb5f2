"""Measures, on the tasks dev summaries of one release (never the test split), which sentences a summary
that names a subject should start from (`TaskAnswerer.anchors`): the share of each question's key points
whose sentence is among the 3 anchors, for summaries of a part of a release ("what does the Delphi
pension release say about other steps for workers?") and of a whole one, with the gold release, by:

- `cosine`: the sentences whose vectors are nearest the question's topic (shipped);
- `contrast L`: that cosine less L times the sentence's cosine to the release's mean sentence vector
  (a part's sentences are near the question but not only because they are near the release's topic);
- `window W`: the W consecutive sentences whose mean cosine is highest, from their first on (a part is
  a run of sentences), filled to 3 by cosine;
- `sentence reader` / `list reader`: the readers' scores for the question and each sentence;
- `words`: the question's IDF-weighted words in the sentence; `cosine + W words`: both;
- `all subject words first` (shipped since 2026-12-06, `TaskAnswerer.naming_all`): a sentence holding
  every word of the question that names a subject here goes first, the rest by cosine.

    python -m evals.measure_anchors

Measured 2026-12-05 (30 part questions, 33 whole-release ones; part / whole): cosine 0.298 / 0.279;
contrast 0.5 0.334 / 0.279, 0.75 0.344 / 0.273, 1.0 0.322 / 0.248; window 2 0.316 / 0.303, 3 0.252 /
0.279, 4 0.205 / 0.321; sentence reader 0.273 / 0.339; list reader 0.160 / 0.364. The key points of a
part are a run of sentences, but the sentence nearest the question is often outside it (the question
also describes the release, and its lead sentences match that). Served end to end (the summary as the
assistant writes it with 3 anchors, `evals.tune_tasks.served_summary_coverage`, part / whole): cosine
0.429 / 0.661, sentence reader 0.369 / 0.679; a window from the nearest sentence on (best + 1, 2, 3
following) 0.329-0.379 / 0.612-0.703. No variant beats the shipped one on parts by more than the noise
of 30 questions: none taken.

Measured 2026-12-06: words 0.223 / 0.388; cosine + 0.25 / 0.5 / 1.0 words 0.296 / 0.285, 0.271 / 0.291,
0.263 / 0.303 (a part question also describes its release, and its words match the lead); all subject
words first 0.298 / 0.279, the same sentences as cosine on every dev question. Taken for the questions
these lack: in the seed release "What does the release say about Kosovo?" anchored three general
sentences and left out the one naming Kosovo (a long sentence on several missions)."""

from __future__ import annotations

import numpy as np

from assistant.answer.intents import Intent
from assistant.text import content_terms

from .answerability import covered, question_terms
from .harness import prepared_assistant
from .tasks import contains_any, load_items
from .tune_tasks import request_of

ANCHORS = 3


def standardised(x: np.ndarray) -> np.ndarray:
    return (x - x.mean()) / (x.std() + 1e-9)


def windowed(cosine: np.ndarray, width: int) -> list[int]:
    """The sentences of the best window of `width` (its first ANCHORS), filled to ANCHORS by cosine."""
    starts = range(max(1, len(cosine) - width + 1))
    best = max(starts, key=lambda s: cosine[s : s + width].mean())
    chosen = list(range(best, min(len(cosine), best + width)))[:ANCHORS]
    for row in np.argsort(-cosine, kind="stable"):
        if len(chosen) >= ANCHORS:
            break
        if int(row) not in chosen:
            chosen.append(int(row))
    return chosen


def main() -> None:
    assistant = prepared_assistant("tasks")
    tasks, store, extractive = assistant.tasks, assistant.search.store, assistant.extractive
    items = [i for i in load_items("tasks") if i.split == "dev" and i.intent is Intent.SUMMARY
             and len(i.release_ids) == 1 and not i.unanswerable]
    hits: dict[tuple[str, bool], list[float]] = {}
    for item in items:
        request = request_of(item.question, store, assistant.reference_day())
        sentences = tasks.release_sentences(item.release_ids[0])
        vectors = tasks.sentence_vectors(sentences)
        cosine = vectors @ tasks.topic_vector(request)
        centroid = vectors.mean(axis=0) / (np.linalg.norm(vectors.mean(axis=0)) + 1e-9)
        candidates = extractive.candidates(request.standalone, list(dict.fromkeys(s.passage for s in sentences)), {})
        scored = extractive.score(request.standalone, candidates)
        items_read = tasks.list_reader.probabilities([c.reader_input(request.standalone, dated=False) for c in scored]) \
            if tasks.list_reader else np.zeros(len(scored))
        key = {(c.passage.chunk.release_id, c.start): (c.probability, float(p)) for c, p in zip(scored, items_read)}
        reads = np.array([key.get((s.passage.chunk.release_id, s.start), (-1.0, -1.0)) for s in sentences])
        orders = {"cosine": np.argsort(-cosine, kind="stable")[:ANCHORS].tolist(),
                  "sentence reader": np.argsort(-reads[:, 0], kind="stable")[:ANCHORS].tolist(),
                  "list reader": np.argsort(-reads[:, 1], kind="stable")[:ANCHORS].tolist()}
        for weight in (0.5, 0.75, 1.0):
            orders[f"contrast {weight}"] = np.argsort(-(cosine - weight * (vectors @ centroid)), kind="stable")[:ANCHORS].tolist()
        for width in (2, 3, 4):
            orders[f"window {width}"] = windowed(cosine, width)
        terms = question_terms(request.topic, store.idf(content_terms(request.topic)))
        words = np.array([covered(terms, s.text) for s in sentences])
        orders["words"] = np.argsort(-words, kind="stable")[:ANCHORS].tolist()
        orders["all subject words first"] = np.argsort(-(cosine + 2.0 * tasks.naming_all(request.topic, sentences)),
                                                       kind="stable")[:ANCHORS].tolist()
        for weight in (0.25, 0.5, 1.0):
            orders[f"cosine + {weight} words"] = np.argsort(-(cosine + weight * words), kind="stable")[:ANCHORS].tolist()
        points = [{j for j, s in enumerate(sentences) if contains_any(s.text, p)} for p in item.key_points]
        for name, chosen in orders.items():
            hits.setdefault((name, item.part), []).append(float(np.mean([bool(p & set(chosen)) for p in points])))
    names = dict.fromkeys(name for name, _ in hits)
    parts, wholes = sum(i.part for i in items), sum(not i.part for i in items)
    print(f"key points among the {ANCHORS} anchors ({parts} part questions / {wholes} whole-release ones):")
    for name in names:
        print(f"  {name}: {np.mean(hits[(name, True)]):.3f} / {np.mean(hits[(name, False)]):.3f}")


if __name__ == "__main__":
    main()
