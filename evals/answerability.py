"""Would features of the whole candidate set tell answerable questions apart better than the reader's
score of the best sentence? Measured, not assumed (a rule may only enter the decision as a feature
that helps on data it was not fitted on).

Features: the best candidate's raw score (`logit`), its lead over the runner-up (`margin`), its
softmax share among the candidates (`share`), the IDF-weighted share of the question's words in the
best candidate with its context (`coverage`), the share that no candidate holds (`unmatched`: a
swapped name or date), and the bi-encoder's cosine of the question and the best candidate's sentence
(`dense`: the reader is weakest on questions worded otherwise than their answer). For each dataset,
a logistic model is fitted on the other datasets' dev questions and measured on this one: ROC AUC of "the best sentence answers", and the unanswerable
questions refused at the threshold that keeps false refusals at 5% on this dataset."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence

import numpy as np

from assistant.text import content_terms, stem

FEATURES = ("logit", "margin", "share", "coverage", "unmatched", "dense")


def question_terms(question: str, idf: dict[str, float]) -> dict[str, float]:
    """The question's content-word stems, each weighted by its IDF in the index."""
    return {stem(t): idf.get(t, 1.0) for t in content_terms(question)}


def covered(terms: dict[str, float], text: str) -> float:
    """The IDF-weighted share of `terms` (`question_terms`) that the text holds."""
    if not terms:
        return 1.0
    have = {stem(w) for w in content_terms(text)}
    return sum(w for t, w in terms.items() if t in have) / sum(terms.values())


def features(terms: dict[str, float], contexts: Sequence[str], logits: np.ndarray, best: int,
             dense: np.ndarray | None = None) -> list[float]:
    """`contexts[i]` is candidate i as the reader saw it (sentence, title, neighbours); `best` the chosen one;
    `dense[i]` the cosine of the question's and candidate i's sentence vectors."""
    logits = np.asarray(logits, dtype=np.float64)
    others = np.delete(logits, best)
    weights = np.exp(logits - logits.max())
    return [float(logits[best]),
            float(logits[best] - others.max()) if len(others) else 0.0,
            float(weights[best] / weights.sum()),
            covered(terms, contexts[best]),
            1.0 - covered(terms, " ".join(contexts)),
            float(dense[best]) if dense is not None else 0.0]


def auc(y: np.ndarray, score: np.ndarray) -> float:
    pos, neg = score[y][:, None], score[~y][None, :]
    return float(((pos > neg).sum() + 0.5 * (pos == neg).sum()) / max(pos.size * neg.size, 1))


def compare(rows: list, weight: float, n: int, fit: Callable, balanced: Callable) -> dict[str, dict]:
    """Every feature set holding `logit`: per dataset, (AUC, right refusals at 5% false refusals),
    fitted without that dataset. `rows` are tune_reader's scored dev questions."""
    rows = [r for r in rows if len(r.logits)]
    best = [r.ranked_best(weight, n) for r in rows]
    x = np.array([features(r.terms, r.contexts[:n], r.logits[:n], b, r.dense) for r, b in zip(rows, best)])
    y = np.array([r.answerable and bool(r.right[b]) for r, b in zip(rows, best)])
    answerable = np.array([r.answerable for r in rows])
    names = np.array([r.dataset for r in rows])
    out = {}
    for k in range(1, len(FEATURES) + 1):
        for cols in itertools.combinations(range(len(FEATURES)), k):
            if 0 not in cols:
                continue
            per = {}
            for d in sorted(set(names)):
                fit_on, mine = names != d, names == d
                xs = (x[:, cols] - x[fit_on][:, cols].mean(0)) / (x[fit_on][:, cols].std(0) + 1e-9)
                w = fit(xs[fit_on], y[fit_on].astype(float), balanced([r for r, f in zip(rows, fit_on) if f]))
                z = np.column_stack([xs, np.ones(len(xs))]) @ w
                kept = np.sort(z[mine & answerable])
                cut = kept[int(0.05 * len(kept))] if len(kept) else 0.0
                per[d] = {"auc": round(auc(y[mine], z[mine]), 3),
                          "right_refusals": round(float(np.mean(z[mine & ~answerable] < cut)), 3)}
            out["+".join(FEATURES[c] for c in cols)] = per
    return out
