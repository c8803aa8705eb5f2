"""Chooses the reader's decision numbers on the dev splits and writes them beside the weights.

`python -m evals.tune_reader [--datasets seed,senate,squad]`, on the `dev` split of each (never `test`),
and on the press-release questions of the writer `train_release_qa` holds out (`--release-questions`,
`--release-writer`; they read their releases from `../shared`, '' leaves them out), a fourth dev set
with as many unanswerable questions as answerable ones:
1. candidates N: how many pre-ranked sentences the reader scores. Each question's first 32 candidates
   are scored once; N is the smallest count whose top-1 accuracy is within half a point of the best.
0. whether the pre-rank score joins the reader's raw score to rank candidates: only if, fitted
   without one dataset, it raises top-1 accuracy on that dataset (on average over the datasets), and
   steps 1-3 with it refuse no fewer unanswerable dev questions than without it.
2. calibration: a logistic map of the chosen sentence's raw reader score to the probability that it
   answers (every dev question, unanswerable ones included, each dataset weighted equally). The
   pre-rank score stays out of the confidence: a reworded question shares few words with its answer.
3. threshold: the highest probability that keeps false refusals at or under 5% on the answerable dev
   questions of each source: the press releases (seed, senate and the held-out writer's, 149 answerable
   questions pooled) and the SQuAD articles (301).
4. extra: the probability another sentence needs to join the answer: the highest whose dev
   correctness is within half a point of the best (more sentences only when they buy correctness).
5. answerability features (evals/answerability.py): measured and printed, not used; none of them
   raised held-out refusals over the reader's score alone. The bi-encoder's similarity of question and
   sentence is measured as a ranking term too (`dense_feature`), printed, not used.
6. calibration transfer: per SQuAD dev article, its share of right answers and the ECE of a
   calibration fitted on the other article; printed, not used.
Writes `assistant/reader/model/reader.json` and prints what each choice gives."""

from __future__ import annotations

import argparse
import hashlib
import json
import pickle
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.answer.extractive import ExtractiveAnswerer
from assistant.answer.query import Question
from assistant.records import Span
from assistant.reader.export import MODEL_FILE
from assistant.reader.onnx_reader import CONFIG_FILE, MODEL_DIR
from assistant.settings import Settings
from assistant.text import content_terms

from .answerability import compare as compare_features
from .answerability import question_terms
from .calibration import Outcome, ece
from .dataset import load
from .harness import prepared_assistant
from .senate import SHARED_10K
from .scoring import fact_recall

MAX_CANDIDATES = 32
COUNTS = (4, 6, 8, 10, 12, 16, 20, 24, 32)
FALSE_REFUSAL_BUDGET = 0.05
RELEASE_QUESTIONS = Path(__file__).resolve().parents[1] / "assistant/reader/release_data/release_questions.jsonl.gz"
RELEASE_WRITER = "writer4"


@dataclass
class Row:
    dataset: str
    answerable: bool
    logits: np.ndarray  # per candidate, pre-rank order
    prerank: np.ndarray
    right: np.ndarray  # per candidate: holds the key facts
    texts: list[str]
    key_facts: list[list[str]]
    seconds: float
    terms: dict[str, float] | None = None  # the question's content-word stems and their IDF
    contexts: list[str] | None = None  # per candidate: sentence, title and neighbours as the reader sees them
    titles: list[str] | None = None  # per candidate: its release or article title
    dense: np.ndarray | None = None  # per candidate: cosine of the question's and the sentence's stored vectors

    def ranked_best(self, weight: float, n: int) -> int | None:
        """Index of the best candidate among the first n, ranked by logit + weight * pre-rank."""
        return int(np.argmax(self.logits[:n] + weight * self.prerank[:n])) if len(self.logits) else None


def collect(dataset: str, settings: Settings) -> list[Row]:
    assistant = prepared_assistant(dataset, settings)
    reader = assistant.extractive.reader
    rows = []
    for item in load(dataset):
        if item.split != "dev" or item.kind == "conversation":
            continue
        turn = item.as_turns()[0]
        asked = Question(turn.question)
        standalone = assistant.condense(asked)
        # what a one-fact question retrieves over every date: the questions are all one-fact ones, so the
        # intent model's guess and a year in the question (the event's, not the release's) are left out
        passages = assistant.search.search(standalone, asked.k, asked.where)
        rows.append(read_row(dataset, standalone, turn.answerable, turn.key_facts, passages,
                             assistant.search.store, reader,
                             lambda text, facts=turn.key_facts: fact_recall(text, facts) == 1.0))
    return rows


def read_row(dataset: str, question: str, answerable: bool, key_facts: list[list[str]], passages: list,
             store, reader, holds: Callable[[str], bool]) -> Row:
    """The question's first MAX_CANDIDATES candidates from `passages`, as the answerer picks them, read
    by the reader; `holds(text)` says whether a candidate holds the answer."""
    idf = store.idf(content_terms(question))
    candidates = ExtractiveAnswerer.candidates(question, passages, idf)[:MAX_CANDIDATES]
    inputs = [c.reader_input(question, dated=True) for c in candidates]  # as served
    started = time.perf_counter()
    logits = reader.logits(inputs)
    seconds = time.perf_counter() - started
    right = np.array([answerable and holds(c.text) for c in candidates], bool)
    query = np.asarray(store.embeddings.embed_query(question), dtype=np.float32)
    dense = np.zeros(len(candidates))
    by_release: dict[str, list[int]] = {}
    for i, c in enumerate(candidates):
        by_release.setdefault(c.passage.chunk.release_id, []).append(i)
    for release_id, positions in by_release.items():  # one catalog read per release
        spans = [Span(candidates[i].start, candidates[i].end) for i in positions]
        dense[positions] = store.sentence_vectors(release_id, spans) @ query
    return Row(dataset, answerable, logits, np.array([c.prerank for c in candidates]), right,
               [c.text for c in candidates], key_facts, seconds, question_terms(question, idf),
               [" ".join(i.pair()[1:]) for i in inputs], [c.passage.chunk.title or "" for c in candidates], dense)


def collect_release_questions(path: Path, releases: Path, writer: str, background: int = 400) -> list[Row]:
    """The one-fact questions of `writer` written over Senate releases (`train_release_qa`'s data, held
    out of its training), asked of their releases and `background` others as the reader tunes them:
    a press-release dev set with as many unanswerable questions as answerable ones."""
    from assistant.reader.train_list_reader import indexed_releases
    from assistant.reader.train_release_qa import holds_answer
    from assistant.retrieval.filters import SearchFilter
    from evals.senate import read_jsonl, temporary_assistant

    from evals.senate import DATA, rows as releases_of

    questions = [q for q in read_jsonl(path) if q.get("writer") == writer]
    evaluation = frozenset(r["id"] for r in releases_of(DATA))
    rows = []
    with temporary_assistant(indexed_releases(questions, releases, background, 13, evaluation)) as assistant:
        assistant.warm_up()
        reader, store = assistant.extractive.reader, assistant.search.store
        for q in questions:
            passages = assistant.search.search(q["question"], Settings.load().top_k, SearchFilter())
            rows.append(read_row("releases", q["question"], bool(q["answerable"]),
                                 [[q["answer"]]] if q["answerable"] else [], passages, store, reader,
                                 lambda text, q=q: holds_answer(text, q)))
    return rows


def scored_by() -> str:
    """What cached dev rows depend on: the reader's weights and how a candidate is read (the release date
    after the title since 2026-12-03)."""
    return hashlib.sha256((MODEL_DIR / MODEL_FILE).read_bytes()).hexdigest()[:16] + "/title+date+dense"


def source(dataset: str) -> str:
    """Where a dev set's text comes from: the false-refusal budget holds per source, not per dataset,
    so that the seed and senate dev sets (21 and 28 answerable questions, where one question is 4-5%)
    do not each set the threshold by their second-lowest question."""
    return "articles" if dataset == "squad" else "press releases"


def top1(rows: list[Row], n: int, weight: float = 0.0) -> float:
    answerable = [r for r in rows if r.answerable]
    return float(np.mean([r.ranked_best(weight, n) is not None and r.right[r.ranked_best(weight, n)]
                          for r in answerable]))


def fit_logistic(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None, iterations: int = 100) -> np.ndarray:
    """Weighted logistic regression of y on the columns of x by Newton's method, lightly regularised;
    returns the coefficients with the bias last."""
    x = np.column_stack([x, np.ones(len(x))])
    weights = np.ones(len(x)) if weights is None else np.asarray(weights, float) * len(x) / np.sum(weights)
    w = np.zeros(x.shape[1])
    for _ in range(iterations):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -50, 50)))
        grad = x.T @ (weights * (p - y)) + 1e-3 * w
        hess = (x * (weights * p * (1 - p) + 1e-9)[:, None]).T @ x + 1e-3 * np.eye(len(w))
        step = np.linalg.solve(hess, grad)
        w = w - step
        if np.abs(step).max() < 1e-8:
            break
    return w


def fit_platt(x: np.ndarray, y: np.ndarray, weights: np.ndarray | None = None) -> tuple[float, float]:
    a, b = fit_logistic(np.asarray(x, float)[:, None], np.asarray(y, float), weights)
    return float(a), float(b)


def balanced(rows: list, counts: list[int] | None = None) -> np.ndarray:
    """Sample weights giving each dataset the same total weight, so the 757 SQuAD questions do not
    drown the press-release ones."""
    counts = counts or [1] * len(rows)
    per = {d: sum(c for r, c in zip(rows, counts) if r.dataset == d) for d in {r.dataset for r in rows}}
    return np.concatenate([np.full(c, 1.0 / per[r.dataset]) for r, c in zip(rows, counts)])


def prerank_weight(rows: list[Row], n: int) -> float:
    """How much the pre-rank score adds to the reader's raw score when telling right candidates apart
    (a logistic fit over the candidates, datasets weighted equally)."""
    rows = [r for r in rows if len(r.logits)]
    counts = [min(n, len(r.logits)) for r in rows]
    x = np.concatenate([np.column_stack([r.logits[:n], r.prerank[:n]]) for r in rows])
    y = np.concatenate([r.right[:n] for r in rows]).astype(float)
    w = fit_logistic(x, y, balanced(rows, counts))
    return float(w[1] / w[0]) if w[0] > 0 else 0.0


def calibration_transfer(rows: list[Row], x: np.ndarray, y: np.ndarray) -> dict:
    """Per SQuAD dev article (the article of the best pre-ranked candidate): how often the best sentence
    answers (the base rate a calibration must match) and the ECE of a calibration fitted on the others."""
    article = np.array([r.dataset == "squad" and bool(r.titles) and r.titles[0] or "" for r in rows], dtype=object)
    out = {}
    for name in sorted({a for a in article if a}):
        mine = article == name
        if mine.sum() < 50:  # a question retrieved into another article: too few to measure
            continue
        others = (article != name) & (article != "")
        scale, shift = fit_platt(x[others], y[others])
        p = 1 / (1 + np.exp(-(scale * x[mine] + shift)))
        outcomes = [Outcome(float(c), True, bool(v)) for c, v in zip(p, y[mine])]
        out[name] = {"questions": int(mine.sum()), "base_rate": round(float(y[mine].mean()), 3),
                     "ece_fitted_on_the_others": ece(outcomes)}
    return out


def dense_feature(rows: list[Row], names: list[str], picked: "Decision") -> dict:
    """Would the bi-encoder's similarity of the question and a candidate sentence (all-MiniLM-L6-v2 was
    trained on paraphrase pairs; the reader is weakest on questions worded otherwise than their
    answer) help rank the candidates? Per dataset, fitted on the others: top-1 among the first 8 ranked
    by logit + pre-rank weight * pre-rank (as shipped) against that plus a fitted weight on the
    similarity. Printed, not used; its use in refusing is in answerability_features (`dense`)."""
    out = {}
    for d in names:
        others = [r for r in rows if r.dataset != d and len(r.logits)]
        mine = [r for r in rows if r.dataset == d and r.answerable and len(r.logits)]
        if not others or not mine:
            continue
        x = np.concatenate([np.column_stack([r.logits[:8] + picked.weight * r.prerank[:8], r.dense[:8]]) for r in others])
        y = np.concatenate([r.right[:8] for r in others]).astype(float)
        w = fit_logistic(x, y, balanced(others, [min(8, len(r.logits)) for r in others]))
        dense_weight = float(w[1] / w[0]) if w[0] > 0 else 0.0

        def right(r: Row, weight: float) -> bool:
            return bool(r.right[int(np.argmax(r.logits[:8] + picked.weight * r.prerank[:8] + weight * r.dense[:8]))])
        out[d] = {"shipped": round(float(np.mean([right(r, 0.0) for r in mine])), 4),
                  "with_similarity": round(float(np.mean([right(r, dense_weight) for r in mine])), 4),
                  "weight": round(dense_weight, 3)}
    return out


@dataclass
class Decision:
    weight: float
    n: int
    by_n: dict
    chosen: list
    x: np.ndarray  # the chosen sentence's raw score, per question
    y: np.ndarray  # it answers
    scale: float
    shift: float
    p: np.ndarray
    limits: dict[str, float]
    threshold: float
    refused: float  # share of unanswerable questions under the threshold, averaged over the sources


def decide(rows: list[Row], names: list[str], weight: float) -> Decision:
    """Steps 1-3 for one ranking weight: candidates, calibration, threshold."""
    # 1. candidates
    by_n = {n: {d: round(top1([r for r in rows if r.dataset == d], n, weight), 4) for d in names} for n in COUNTS}
    pooled = {n: float(np.mean(list(v.values()))) for n, v in by_n.items()}
    best = max(pooled.values())
    n_chosen = min(n for n in COUNTS if pooled[n] >= best - 0.005)
    # 2. calibration of the reader's raw score of the chosen sentence (datasets weighted equally)
    chosen = [r.ranked_best(weight, n_chosen) for r in rows]
    x = np.array([r.logits[c] if c is not None else -10.0 for r, c in zip(rows, chosen)])
    y = np.array([c is not None and r.answerable and bool(r.right[c]) for r, c in zip(rows, chosen)], float)
    scale, shift = fit_platt(x, y, balanced(rows))
    p = 1 / (1 + np.exp(-(scale * x + shift)))
    # 3. threshold: false refusals within budget on each source's dev questions
    limits = {}
    sources = sorted({source(d) for d in names})
    for s in sources:
        mine = np.array([source(r.dataset) == s and r.answerable for r in rows])
        probs = np.sort(p[mine])
        k = int(np.floor(FALSE_REFUSAL_BUDGET * len(probs)))  # this many may fall under the threshold
        limits[s] = float(probs[k]) if len(probs) else 1.0
    threshold = round(min(limits.values()) - 1e-4, 4)
    unanswerable = [np.array([source(r.dataset) == s and not r.answerable for r in rows]) for s in sources]
    refused = float(np.mean([np.mean(p[mine] < threshold) for mine in unanswerable if mine.any()] or [0.0]))
    return Decision(weight, n_chosen, by_n, chosen, x, y, scale, shift, p, limits, threshold, refused)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--datasets", default="seed,senate,squad")
    parser.add_argument("--write", action="store_true", help="write reader.json (else only print)")
    parser.add_argument("--rows", type=Path, help="keep the scored dev candidates in this file and reuse them")
    parser.add_argument("--release-questions", default=str(RELEASE_QUESTIONS),
                        help="one-fact questions over Senate releases (train_release_qa's data); '' for none")
    parser.add_argument("--release-writer", default=RELEASE_WRITER, help="their writer held out of training: a dev set")
    parser.add_argument("--releases", type=Path, default=SHARED_10K, help="the Senate collection those questions are about")
    args = parser.parse_args()
    if args.release_questions and not (args.rows and args.rows.exists()) and not args.releases.exists():
        parser.error(f"--releases {args.releases}: missing (the shared Senate collection); --release-questions '' "
                     "tunes without the press-release dev set")
    if args.rows and args.rows.exists():
        cached = pickle.loads(args.rows.read_bytes())
        if not isinstance(cached, dict) or cached.get("scored_by") != scored_by():
            parser.error(f"--rows {args.rows}: scored by another reader or input format; delete it to score again")
        rows = cached["rows"]
    else:
        rows = [r for name in args.datasets.split(",") for r in collect(name, Settings.load())]
        if args.release_questions:
            rows += collect_release_questions(Path(args.release_questions), args.releases, args.release_writer)
        if args.rows:
            args.rows.write_bytes(pickle.dumps({"scored_by": scored_by(), "rows": rows}))
    names = sorted({r.dataset for r in rows})
    report: dict = {"datasets": {n: {"questions": sum(r.dataset == n for r in rows),
                                     "answerable": sum(r.dataset == n and r.answerable for r in rows)} for n in names}}
    # 0. does the pre-rank score help the reader rank? Fitted without a dataset, measured on it.
    held_out = {}
    for d in names:
        others = [r for r in rows if r.dataset != d]
        mine = [r for r in rows if r.dataset == d]
        w = prerank_weight(others, 8) if others else 0.0
        held_out[d] = {"reader": round(top1(mine, 8), 4), "reader+prerank": round(top1(mine, 8, w), 4)}
    gain = float(np.mean([v["reader+prerank"] - v["reader"] for v in held_out.values()]))
    # a ranking term must not buy top-1 with refusals: kept only if it also refuses no fewer unanswerable
    # dev questions at its own threshold (on average over the sources)
    plain, ranked = decide(rows, names, 0.0), decide(rows, names, prerank_weight(rows, 8))
    keep = gain >= 0.005 and ranked.refused >= plain.refused
    picked = ranked if keep else plain
    report["prerank_feature"] = {"top1_at_8_held_out_dataset": held_out, "mean_gain": round(gain, 4),
                                 "right_refusals_at_threshold": {"without": round(plain.refused, 4),
                                                                 "with": round(ranked.refused, 4)},
                                 "weight": picked.weight}
    report["dense_feature"] = dense_feature(rows, names, picked)
    ms = {n: round(1000 * float(np.mean([r.seconds * min(n, len(r.logits)) / max(len(r.logits), 1) for r in rows])), 1)
          for n in COUNTS}
    report["candidates"] = {"top1_by_count": picked.by_n, "reader_ms_estimate": ms, "chosen": picked.n}

    def rate(d: str, answerable: bool) -> float | None:
        mine = np.array([r.dataset == d and r.answerable == answerable for r in rows])
        return round(float(np.mean(picked.p[mine] < picked.threshold)), 4) if mine.any() else None

    report["calibration"] = {"scale": picked.scale, "shift": picked.shift}
    report["threshold"] = {"per_source_limit": picked.limits, "chosen": picked.threshold,
                           "at_threshold": {d: {"false_refusals": rate(d, True), "right_refusals": rate(d, False)}
                                            for d in names}}
    # 4. extra sentences
    extras = {}
    for extra in (0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01):
        correct = []
        for r, c, prob in zip(rows, picked.chosen, picked.p):
            if not r.answerable:
                continue
            if prob < picked.threshold or c is None:
                correct.append(False)
                continue
            probs = 1 / (1 + np.exp(-(picked.scale * r.logits[:picked.n] + picked.shift)))
            joined = [c] + [i for i in np.argsort(-probs) if i != c and probs[i] >= max(extra, picked.threshold)][:2]
            correct.append(fact_recall(" ".join(r.texts[i] for i in joined), r.key_facts) == 1.0)
        extras[extra] = round(float(np.mean(correct)), 4)
    # fewer sentences unless more of them buy correctness
    extra_chosen = max(e for e, c in extras.items() if c >= max(extras.values()) - 0.005)
    report["extra"] = {"correct_by_extra": extras, "chosen": extra_chosen}
    # 5. would features of the whole candidate set refuse better than the best sentence's score? (printed only)
    report["answerability_features"] = compare_features(rows, picked.weight, picked.n, fit_logistic, balanced)
    # 6. does one calibration carry over between documents? Fitted on the other SQuAD dev articles (printed only)
    report["calibration_transfer"] = calibration_transfer(rows, picked.x, picked.y)
    decision = {"scale": round(picked.scale, 5), "shift": round(picked.shift, 5), "prerank_weight": round(picked.weight, 5),
                "threshold": picked.threshold, "candidates": picked.n, "extra": extra_chosen}
    print(json.dumps(report | {"decision": decision}, indent=2))
    if args.write:
        path = MODEL_DIR / CONFIG_FILE
        data = json.loads(path.read_text()) if path.exists() else {}
        data.update(decision=decision, tuned_on={"split": "dev", "datasets": names,
                                                 "command": "python -m evals.tune_reader --write"}, tuning=report)
        path.write_text(json.dumps(data, indent=2) + "\n")
        print(f"written: {path}")


if __name__ == "__main__":
    main()
