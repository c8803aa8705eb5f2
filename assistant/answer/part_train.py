"""Trains the part model of release summaries (`parts.py`):

    python -m assistant.answer.part_train --questions assistant/answer/summary_data/part_questions.jsonl.gz \
        --releases ../shared/data/senate-press-releases-10k.jsonl.gz \
        --exclude evals/datasets/senate-releases.jsonl.gz --out assistant/answer/part_model.json

- data: summary questions people wrote for this project about releases of the shared Senate collection
  that no evaluation uses (`--exclude`), two per release: one asking for the whole release, one asking
  what it says about one part of it, each with the key points a summary must cover (`summary_data/`);
- sentences, vectors and topics as the assistant serves them: the releases are indexed with the
  assistant's own ingest, and each question is read as the task answerer reads it (its topic without its
  period and sender words);
- the question model: a logistic regression on the intent model's question vector, part against whole;
- the sentence model: a logistic regression on `parts.features`, a sentence holding one of the part's
  key points against the rest, on the part questions;
- choice, each writer held out in turn (a fold per writer): the question model's regularisation by its
  accuracy; the sentence model's, and whether a part summary holds first the sentence naming every
  subject word of the question (kept unless dropping it covers 0.025 more), by the part summaries'
  key-point coverage; then the bar on the question model's probability by the key-point coverage of
  every held-out summary as served (over the bar: the part model's sentences; under it: the configured
  `summary_anchors` sentences nearest the topic, then the salience model's, as `TaskAnswerer.summary`).
  Ties go to the stronger regularisation and the bar nearest 0.5 (bars within `BAR_TIE` of the best tie). A dev check, not a choice: the share
  of the intents set's dev summary phrasings (whole releases, by other writers) taken for parts.

Writes the chosen models, fitted on every question, with the cross-validation table (`training`)."""

from __future__ import annotations

import argparse
import functools
import json
import logging
import re
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import mean

import numpy as np

from assistant.answer.parts import FEATURES, PartModel, features, intent_model_digest

log = logging.getLogger("assistant.answer.part_train")
QUESTION_C = (0.25, 1.0, 4.0, 16.0, 64.0, 256.0)
SENTENCE_C = (0.1, 1.0, 10.0)
BARS = (0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
NAMING_FIRST = (0, 1)  # sentences naming every subject word a part summary holds first (PartModel.naming_first)
MIN_GAIN = 0.025  # as evals.tune_tasks: a setting is dropped only for this much held-out gain
# bars whose held-out coverage is within this of the best tie (go to the bar nearest 0.5): the folds move the
# coverage of neighbouring bars by less, and a lower bar takes more whole-release questions for parts
BAR_TIE = 0.005


@dataclass
class Question:
    id: str
    writer: str
    part: bool  # asks about one part of the release
    question_vector: np.ndarray  # the intent model's
    sentences: list  # SummarySentence, in reading order
    vectors: np.ndarray
    topic: np.ndarray
    title_vector: np.ndarray | None
    naming: np.ndarray  # the share of the question's subject words each sentence holds
    focus: np.ndarray  # the question's clause least like the title (parts.focus_of)
    salience: np.ndarray  # the salience model's probabilities
    points: np.ndarray  # sentences x key points: the sentence holds the point (the tasks evaluation's test)

    @property
    def labels(self) -> np.ndarray:
        """The sentence holds a key point."""
        return self.points.any(axis=1)

    def coverage(self, picked: list[int]) -> float:
        """The share of the key points the sentences `picked` hold."""
        return float(self.points[picked].any(axis=0).mean()) if picked else 0.0


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, required=True,
                        help="JSONL(.gz): writer, kind (whole or part), release_id, question, key_points")
    parser.add_argument("--releases", type=Path, required=True, help="the Senate collection (JSONL.gz)")
    parser.add_argument("--exclude", type=Path, help="releases (JSONL.gz) never trained on: the evaluation's")
    parser.add_argument("--whole-examples", type=Path,
                        help="the intent model's examples (JSONL: question, intent): its summary questions are "
                             "trained on as asking for a whole release")
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(message)s")
    train(args)


def same_release(release_id: str) -> str:
    """A Senate release id as the ingest keeps it ("9Mar2007Coleman337" and "09mar2007coleman337" alike)."""
    return re.sub(r"^0+", "", release_id.lower())


def prepare(items: list[dict], releases: Path) -> list[Question]:
    """Each question with its release's sentences, vectors and salience from a temporary index."""
    from evals.senate import rows, temporary_assistant
    from evals.tasks import contains_any
    from evals.tune_tasks import request_of

    wanted = {same_release(i["release_id"]) for i in items}
    out = []
    with temporary_assistant([r for r in rows(releases) if same_release(r["id"]) in wanted]) as assistant:
        tasks, store = assistant.tasks, assistant.search.store
        ids = {same_release(info.id): info.id for info in store.releases()}
        reference = assistant.reference_day()
        for item in items:
            release_id = ids.get(same_release(item["release_id"]))
            sentences = tasks.release_sentences(release_id) if release_id else []
            if len(sentences) < 2:
                log.warning("%s: %d sentences, skipped", item["id"], len(sentences))
                continue
            info = store.release(release_id)
            vectors = tasks.sentence_vectors(sentences)
            title_vector = np.asarray(store.embeddings.embed_query(info.title), dtype=np.float32) \
                if info and info.title else None
            request = request_of(item["question"], store, reference)
            topic = tasks.topic_vector(request)
            out.append(Question(
                item["id"], item["writer"], item["kind"] == "part",
                assistant.intents.vector(item["question"]), sentences, vectors, topic,
                title_vector, tasks.naming_share(request.topic, sentences), tasks.focus_vector(request, topic, title_vector),
                tasks.salience_of(sentences, vectors, info.title if info else None),
                np.array([[contains_any(s.text, group) for group in item["key_points"]] for s in sentences])))
    return out


def fit_question(questions: list[Question], whole: np.ndarray, c: float, seed: int) -> tuple[np.ndarray, float]:
    """The question model on `questions` and, as asking for no part, the vectors `whole`."""
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([np.array([q.question_vector for q in questions]), whole.reshape(-1, len(questions[0].question_vector))])
    y = [q.part for q in questions] + [False] * len(whole)
    head = LogisticRegression(C=c, max_iter=3000, random_state=seed).fit(x, y)
    return head.coef_[0], float(head.intercept_[0])


def fit_sentences(questions: list[Question], c: float, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, float]:
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([features(q.vectors, q.topic, q.title_vector, q.naming, q.focus) for q in questions if q.part])
    y = np.concatenate([q.labels for q in questions if q.part])
    mean_, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    head = LogisticRegression(C=c, max_iter=3000, random_state=seed).fit((x - mean_) / scale, y)
    return mean_, scale, head.coef_[0], float(head.intercept_[0])


def fit(questions: list[Question], whole: np.ndarray, question_c: float, sentence_c: float, bar: float,
        naming_first: int, seed: int) -> PartModel:
    weights, bias = fit_question(questions, whole, question_c, seed)
    return PartModel(weights, bias, bar, *fit_sentences(questions, sentence_c, seed), novelty=served()[2],
                     naming_first_count=naming_first)


@functools.cache
def served() -> tuple[int, int, float]:
    """The served summary's size, `summary_anchors` and MMR novelty (the salience model's, which the
    sentence model takes too), read once: `summary` runs thousands of times in the choice."""
    from assistant.answer.salience import SalienceModel
    from assistant.answer.tasks import TaskConfig

    config = TaskConfig.read()
    salience = SalienceModel.load()
    return config.summary_size or 6, config.summary_anchors, salience.novelty if salience else SalienceModel.novelty


def summary(question: Question, model: PartModel | None) -> list[int]:
    """The sentences the served summary takes (`TaskAnswerer.summary`): the part model's when the question
    model takes the question for a part (`model` None: never), else the configured `summary_anchors`
    sentences nearest the topic and then the salience model's."""
    from assistant.answer.summary import choose, nearest_first

    size, anchors, novelty = served()
    if model is not None and model.asks_part(question.question_vector):
        probabilities = model.probabilities(question.vectors, question.topic, question.title_vector, question.naming,
                                            question.focus)
        return choose(question.vectors, probabilities, size, model.novelty, model.naming_first(probabilities, question.naming))
    first = nearest_first(question.vectors, question.topic, question.naming >= 1.0, anchors)
    return choose(question.vectors, question.salience, size, novelty, first)


def whole_vectors(path: Path) -> np.ndarray:
    """The intent model's vectors of its examples asking for a summary of one release ("What is this release
    about?"), not its topic overviews: an overview of what the releases say about a topic, read from the one
    release that covers it, is a summary of a part of it ("What do the releases say about space security?")."""
    from assistant.answer.intents import Intent, IntentClassifier, load_examples

    intents = IntentClassifier()
    return np.array([intents.vector(q) for q, intent in load_examples(path) if intent is Intent.SUMMARY])


def phrasings_taken_for_parts(model: PartModel) -> float | None:
    """A dev check, never a choice: the share of the intents set's dev summary phrasings (requests for a
    whole release or topic, by other writers) the question model takes for parts."""
    from assistant.answer.intents import IntentClassifier

    path = Path(__file__).resolve().parents[2] / "evals" / "datasets" / "intents.jsonl"
    if not path.exists():
        return None
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    asked = [r["question"] for r in rows if r.get("split") == "dev" and r.get("intent") == "summary"]
    intents = IntentClassifier()
    return round(mean(model.asks_part(intents.vector(q)) for q in asked), 4) if asked else None


def train(args: argparse.Namespace) -> None:
    from evals.senate import read_jsonl, rows
    from assistant.reader.train import auc

    excluded = {same_release(r["id"]) for r in rows(args.exclude)} if args.exclude else set()
    items = read_jsonl(args.questions)
    usable = [i for i in items if same_release(i["release_id"]) not in excluded]
    log.info("%d questions (%d dropped: the evaluation uses their release)", len(usable), len(items) - len(usable))
    questions = prepare(usable, args.releases)
    writers = sorted({q.writer for q in questions})
    folds = [([q for q in questions if q.writer != w], [q for q in questions if q.writer == w]) for w in writers]
    log.info("%d questions (%d about a part) by %d writers", len(questions), sum(q.part for q in questions), len(writers))
    whole = whole_vectors(args.whole_examples) if args.whole_examples else np.zeros((0,))
    log.info("%d more questions asking for a whole release (%s)", len(whole), args.whole_examples)

    # the question model: held-out accuracy and AUC by regularisation
    question_rows = []
    for c in QUESTION_C:
        probabilities, truth = [], []
        for train_on, held in folds:
            weights, bias = fit_question(train_on, whole, c, args.seed)
            probabilities += [float(1 / (1 + np.exp(-(q.question_vector @ weights + bias)))) for q in held]
            truth += [q.part for q in held]
        p, t = np.array(probabilities), np.array(truth)
        question_rows.append({"c": c, "accuracy": round(float(((p >= 0.5) == t).mean()), 4),
                              "auc": round(float(auc(p[t], p[~t])), 4)})
        log.info("question model, each writer held out: %s", question_rows[-1])
    question_c = max(question_rows, key=lambda r: (r["accuracy"], r["auc"], -r["c"]))["c"]

    # the sentence model and the sentences naming the subject held first: held-out part coverage, every
    # part question read as one (bar 0)
    sentence_rows = []
    for c in SENTENCE_C:
        for naming_first in NAMING_FIRST:
            covered = []
            for train_on, held in folds:
                model = fit(train_on, whole, question_c, c, 0.0, naming_first, args.seed)
                covered += [q.coverage(summary(q, model)) for q in held if q.part]
            sentence_rows.append({"c": c, "naming_first": naming_first, "part_coverage": round(mean(covered), 4)})
            log.info("sentence model, each writer held out: %s", sentence_rows[-1])
    best = max(sentence_rows, key=lambda r: (r["part_coverage"], -r["c"]))
    # a sentence naming what is asked stays first unless that measurably hurts (few training questions
    # name the asked words verbatim: their writers paraphrase; users often type the name)
    naming = max((r for r in sentence_rows if r["naming_first"]), key=lambda r: (r["part_coverage"], -r["c"]))
    if best["part_coverage"] - naming["part_coverage"] < MIN_GAIN:
        best = naming
    sentence_c, naming_first = best["c"], best["naming_first"]

    # the bar, by the coverage of every held-out summary as served
    held_models = [(fit(train_on, whole, question_c, sentence_c, 0.5, naming_first, args.seed), held)
                   for train_on, held in folds]
    bar_rows = []
    for bar in BARS:
        served = [q.coverage(summary(q, replace(model, bar=bar))) for model, held in held_models for q in held]
        bar_rows.append({"bar": bar, "coverage": round(mean(served), 4)})
        log.info("summaries as served, each writer held out: %s", bar_rows[-1])
    best = max(r["coverage"] for r in bar_rows)
    bar = min((r for r in bar_rows if r["coverage"] >= best - BAR_TIE), key=lambda r: abs(r["bar"] - 0.5))["bar"]

    def by_kind(read) -> dict[str, float]:
        return {kind: round(mean(q.coverage(read(m, q)) for m, held in held_models for q in held
                                 if q.part == (kind == "part")), 4) for kind in ("part", "whole")}

    baselines = {
        "shipped before (no part model)": by_kind(lambda m, q: summary(q, None)),
        "the part model for every question": by_kind(lambda m, q: summary(q, replace(m, bar=0.0))),
        "each question read the right way": by_kind(lambda m, q: summary(q, replace(m, bar=0.0 if q.part else 1.1))),
    }
    chosen = by_kind(lambda m, q: summary(q, replace(m, bar=bar)))
    log.info("held out, by kind: chosen (bar %s) %s; %s", bar, chosen, baselines)

    model = fit(questions, whole, question_c, sentence_c, bar, naming_first, args.seed)
    taken = phrasings_taken_for_parts(model)
    log.info("dev check: the intents set's dev summary phrasings taken for parts: %s", taken)
    args.out.write_text(json.dumps({
        "model": model.to_json(),
        "features": {"question": "the intent model's question vector", "sentence": list(FEATURES)},
        # the question model reads this intent model's vectors: retrain it whenever that model changes
        "intent_model_sha256": intent_model_digest(),
        "training": {
            "questions": len(questions), "part_questions": sum(q.part for q in questions),
            "whole_examples": len(whole),
            "releases": len({q.sentences[0].passage.chunk.release_id for q in questions}), "writers": writers,
            "each_writer_held_out": {"question_model": question_rows, "sentence_model": sentence_rows,
                                     "bar": bar_rows, "chosen": {"question_c": question_c, "sentence_c": sentence_c,
                                                                 "naming_first": naming_first, "bar": bar,
                                                                 "coverage": chosen},
                                     "baselines": baselines},
            "dev_summary_phrasings_taken_for_parts": taken,
            "command": "python -m assistant.answer.part_train " + " ".join(
                f"--{k.replace('_', '-')} {v}" for k, v in vars(args).items() if v is not None),
        },
    }, indent=1) + "\n", encoding="utf-8")
    log.info("chosen question C %s, sentence C %s, naming first %s, bar %s; written %s", question_c, sentence_c,
             naming_first, bar, args.out)


if __name__ == "__main__":
    main()
