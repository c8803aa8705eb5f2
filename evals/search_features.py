"""Measures candidate inputs of the search match model on the tasks dev split: `python -m evals.search_features`.

The shipped model (`finding.MatchModel`) reads two numbers per candidate release: its best sentence's
pre-rank score and its best similarity to the question. Held out by writer, it loses most on the
writer who paraphrases (dev "third": 0.73 against 0.90-0.98 for the other two), the way the test
split loses. This prints, for inputs that might carry paraphrase better, their pooled ROC AUC over
the dev searches' candidates (a gold release against the rest) and the mean search score (release F1;
newest-release accuracy for "the latest") with each writer held out, as `tune_tasks` chooses features:

- `sentence reader`, `list reader`: the best probability of the release's three best pre-ranked
  sentences, read against the question's topic;
- `anchor`: the best similarity of the release's sentences to the sentence most like the question in
  the k releases the shipped model ranks first (k = 2), the subject as the corpus words it;
- `expanded`: the same with the question's vector plus those sentences' (Rocchio's feedback);
- `shortfalls`: the pre-rank and similarity less the best candidate's;
- `subject`: the best similarity of the release's sentences to the question's subject words alone (its
  content words less the words people ask with, `asking.asking_words`): "Which releases from Allard in
  July 2005 mention water?" is about "water", and its whole topic ("Which releases from mention
  water?") came 0.18-0.22 near the releases on wastewater and stormwater funding.

Measured 2026-12-06 (63 dev searches and "latest" questions; the dev split's unanswerable items have no
gold release and are left out): pooled AUC similarity 0.911, subject 0.880; held-out means shipped
0.851, pre-rank with the subject's similarity instead 0.854, with both 0.847: not taken.

Dev data only; nothing is written. A feature set joins the shipped one only with the writer-held-out
gain `tune_tasks.MIN_GAIN` requires."""

from __future__ import annotations

from statistics import mean

import numpy as np

from assistant.answer.asking import asking_words
from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.finding import MatchModel, match_releases
from assistant.answer.intents import Intent
from assistant.text import content_terms

from .answerability import auc
from .harness import prepared_assistant
from .tasks import load_items, writer_of
from .tune_tasks import MIN_GAIN, best_probability, request_of, search_score

ANCHORS = 2
FEATURE_SETS = {
    "shipped: pre-rank, similarity": ("prerank", "similarity"),
    "+ sentence reader": ("prerank", "similarity", "sentence_reader"),
    "+ list reader": ("prerank", "similarity", "list_reader"),
    "+ anchor": ("prerank", "similarity", "anchor"),
    "pre-rank, expanded": ("prerank", "expanded"),
    "+ expanded": ("prerank", "similarity", "expanded"),
    "+ shortfalls": ("prerank", "similarity", "prerank_shortfall", "similarity_shortfall"),
    "pre-rank, subject": ("prerank", "subject"),
    "+ subject": ("prerank", "similarity", "subject"),
}


def candidate_rows(assistant, items) -> list[tuple]:
    """Per dev search that names a subject: (item, its candidate matches, one dict of inputs per match)."""
    tasks, store = assistant.tasks, assistant.search.store
    asking = asking_words()
    shipped = MatchModel(*tasks.config.search_model)
    reference = assistant.reference_day()
    rows = []
    for item in items:
        request = request_of(item.question, store, reference)
        if tasks.names_only_a_filter(request):
            continue
        passages, similarities = tasks.topic_passages(request, request.where)
        weights = tasks.match_weights(request.topic)
        matches = shipped.scored(match_releases(request.topic, passages, weights, similarities))
        question = np.asarray(store.embeddings.embed_query(request.topic), dtype=np.float32)
        vectors = tasks.release_vectors(passages)
        ranked = [m.release_id for m in sorted(matches, key=lambda m: -m.probability)[:ANCHORS]]
        anchors = np.stack([vectors[r][int(np.argmax(vectors[r] @ question))] for r in ranked if r in vectors])
        subject_text = " ".join(t for t in content_terms(request.topic) if t not in asking) or request.topic
        subject = np.asarray(store.embeddings.embed_query(subject_text), dtype=np.float32)
        expanded = question + anchors.mean(axis=0)
        expanded /= np.linalg.norm(expanded)
        sentences: dict[str, list] = {}
        for s in ExtractiveAnswerer.candidates(request.topic, list(passages), weights):
            sentences.setdefault(s.passage.chunk.release_id, []).append(s)
        best_prerank, best_similarity = max(m.score for m in matches), max(m.similarity for m in matches)
        inputs = []
        for m in matches:
            top = sorted(sentences[m.release_id], key=lambda s: -s.prerank)[:3]
            v = vectors.get(m.release_id)  # None: no sentence of it among the passages
            inputs.append({
                "prerank": m.score, "similarity": m.similarity,
                "sentence_reader": max(s.probability for s in assistant.extractive.score(request.topic, top)),
                "list_reader": float(max(tasks.list_reader.probabilities([s.reader_input(request.topic, dated=False) for s in top]))),
                "anchor": float((v @ anchors.T).max()) if v is not None else 0.0,
                "expanded": float((v @ expanded).max()) if v is not None else 0.0,
                "subject": float((v @ subject).max()) if v is not None else 0.0,
                "prerank_shortfall": m.score - best_prerank, "similarity_shortfall": m.similarity - best_similarity,
            })
        rows.append((item, matches, inputs))
    return rows


def fit(rows: list[tuple], names: tuple[str, ...]):
    """A logistic model on the search items' candidates, and the probability a release needs for the
    best mean score of `rows` (as `tune_tasks.fit_match_model`)."""
    from sklearn.linear_model import LogisticRegression

    x = [[f[n] for n in names] for item, _, inputs in rows if item.intent is Intent.SEARCH for f in inputs]
    y = [m.release_id in item.release_ids for item, matches, _ in rows if item.intent is Intent.SEARCH for m in matches]
    model = LogisticRegression(C=1.0, max_iter=1000).fit(np.asarray(x), np.asarray(y))
    return model, best_probability(lambda needed: mean(score(model, row, names, needed) for row in rows))


def score(model, row: tuple, names: tuple[str, ...], needed: float) -> float:
    item, matches, inputs = row
    probabilities = model.predict_proba(np.asarray([[f[n] for n in names] for f in inputs]))[:, 1] if inputs else []
    return search_score(item, [m for m, p in zip(matches, probabilities) if p >= needed])


def main() -> None:
    assistant = prepared_assistant("tasks")
    items = [i for i in load_items("tasks") if i.split == "dev" and not i.unanswerable and i.intent in (Intent.SEARCH, Intent.LATEST)]
    rows = candidate_rows(assistant, items)
    searches = [(item, inputs) for item, _, inputs in rows if item.intent is Intent.SEARCH]
    gold = np.array([m.release_id in item.release_ids for item, matches, _ in rows if item.intent is Intent.SEARCH
                     for m in matches])
    print(f"{len(rows)} dev searches and 'latest' questions naming a subject; pooled ROC AUC of a gold release:")
    for name in searches[0][1][0]:
        print(f"  {name}: {auc(gold, np.array([f[name] for _, inputs in searches for f in inputs])):.3f}")
    writers = sorted({writer_of(item.id) for item, _, _ in rows})
    print(f"mean search score, each writer held out (a feature set needs {MIN_GAIN} over the shipped one):")
    for label, names in FEATURE_SETS.items():
        held = {}
        for writer in writers:
            model, needed = fit([r for r in rows if writer_of(r[0].id) != writer], names)
            held[writer] = round(mean(score(model, r, names, needed) for r in rows if writer_of(r[0].id) == writer), 4)
        print(f"  {label}: {held} mean {mean(held.values()):.4f}")


if __name__ == "__main__":
    main()
