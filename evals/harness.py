"""Runs the assistant and the baselines on the same dataset items in one run and builds the report.

Each system answers every turn; follow-ups go through the assistant's conversation memory, while
the baselines see each question alone. Every number is kept per question as well as aggregated."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from statistics import median

from assistant.answer.pipeline import Assistant, Conversation
from assistant.factory import build_assistant, build_library
from assistant.settings import Settings

from .baselines import ChunkBaseline, TopSentenceBaseline, TutorialBaseline
from .calibration import ece_if_calibrated, reliability, tradeoff
from .dataset import CHAT_KINDS, DatasetError, Item, load
from .feedback import FEEDBACK, read_votes, review_rows
from .feedback import build as build_feedback
from .intervals import uncertainty
from .runner import ItemResult, outcomes_of, summarise, topic_changes
from .scoring import score_turn
from .senate import write_corpus
from .squad import write_corpus as write_squad_corpus
from .tasks import TASK_DATASETS, confusion, load_items, run_intents, run_tasks
from .tasks import rows as task_rows
from .tasks import summarise as summarise_tasks

ROOT = Path(__file__).resolve().parent.parent
CACHE = Path(os.environ.get("ASSISTANT_EVAL_DIR", ROOT / "evals" / ".cache"))
SENATE_RELEASES = 1100  # the releases the senate items are about, plus over 1,000 others
# datasets asked of another dataset's corpus: the follow-up conversations are about the seed release and
# Senate releases, among all of them (the tasks corpus, one index for both); so are the compound and yes/no questions
CORPUS_OF = {"followups": "tasks", "compound": "tasks", "yesno": "tasks"}


@dataclass
class Report:
    dataset: str
    split: str
    created: str
    corpus: dict
    systems: dict[str, dict] = field(default_factory=dict)  # name -> {"summary": ..., "questions": [...]}

    def summary(self, system: str = "assistant") -> dict:
        return self.systems[system]["summary"]

    def ratios(self) -> dict[str, dict[str, float | None]]:
        mine = self.summary()
        out = {}
        for name, data in self.systems.items():
            if name == "assistant":
                continue
            out[name] = {k: (round(mine[k] / v, 3) if isinstance(v, (int, float)) and v and mine.get(k) is not None
                             else None) for k, v in data["summary"].items() if k != "items"}
        return out

    def to_json(self) -> dict:
        data = asdict(self)
        data["ratios"] = self.ratios()
        return data


def prepare(dataset: str, base: Settings, workdir: Path | None = None) -> Settings:
    """The corpus and index a dataset is evaluated on, built once and kept in step (sync is idempotent)."""
    dataset = CORPUS_OF.get(dataset, dataset)
    folder = (workdir or CACHE) / dataset
    corpus = folder / "corpus"
    if dataset in ("senate", "tasks"):
        write_corpus(corpus, SENATE_RELEASES)  # rewritten each time: sync indexes only what changed
        if dataset == "tasks":  # the Senate releases and the seed release: summaries, lists and searches of both
            for path in base.corpus_dir.iterdir():
                if path.is_file() and not path.name.startswith("."):
                    shutil.copy2(path, corpus / path.name)
    elif dataset == "squad":
        write_squad_corpus(corpus)
    else:  # a mirror of the product's own corpus folder (the seed release)
        corpus.mkdir(parents=True, exist_ok=True)
        wanted = {p.name for p in base.corpus_dir.iterdir() if p.is_file() and not p.name.startswith(".")}
        for name in wanted:
            shutil.copy2(base.corpus_dir / name, corpus / name)
        for stale in corpus.iterdir():
            if stale.is_file() and stale.name not in wanted:
                stale.unlink()
    return base.model_copy(update={"corpus_dir": corpus, "index_dir": folder / f"index-{base.embedding_backend}",
                                 "chroma_url": None})


def prepared_assistant(dataset: str, base: Settings | None = None) -> Assistant:
    """The assistant over a dataset's prepared corpus (`prepare`), its index synced and its models warm."""
    settings = prepare(dataset, base or Settings.load())
    library = build_library(settings)
    list(library.sync())
    assistant = build_assistant(settings, library=library)
    assistant.warm_up()
    return assistant


def evaluate(dataset: str, *, split: str = "test", baselines: bool = True, settings: Settings | None = None,
             workdir: Path | None = None, progress: Callable | None = None, assistant: Assistant | None = None,
             use_index: bool = False) -> Report:
    """`use_index` evaluates on the configured corpus and index as they are (e.g. the seed release
    among distractors) instead of the dataset's own prepared corpus. The `feedback` dataset always
    does, without syncing the index first (evals/feedback.py)."""
    base = settings or Settings.load()
    if dataset in TASK_DATASETS:
        return evaluate_tasks(dataset, split=split, baselines=baselines, settings=base, workdir=workdir,
                              progress=progress, assistant=assistant, use_index=use_index)
    votes = None
    if dataset == FEEDBACK:  # about the user's own corpus: its index as it is, read before any model loads
        votes = read_votes((assistant.search.store.settings if assistant else base).index_dir)
    if assistant is None:
        settings = base if use_index or votes else prepare(dataset, base, workdir)
        library = build_library(settings)
        if votes is None:
            list(library.sync())
        assistant = build_assistant(settings, library=library)
    library = build_library(assistant.search.store.settings, assistant.search.store.embeddings)
    assistant.warm_up()
    feedback = build_feedback(*votes, library) if votes else None
    items = [i for i in (feedback.items if feedback else load(dataset)) if split == "all" or i.split == split]
    if feedback and not items and split == "dev":
        raise DatasetError(f"{feedback.path}: the feedback set has no dev split (use --split test or all)")
    items += topic_changes(items)
    systems: dict[str, object] = {"assistant": assistant}
    if baselines and items:
        systems["top_sentence"] = TopSentenceBaseline(assistant.search, assistant.default_k)
        systems["tutorial"] = TutorialBaseline.over(library)
        systems["bm25"] = ChunkBaseline.over(assistant.search, "lexical")
        systems["dense"] = ChunkBaseline.over(assistant.search, "dense")
    results: dict[str, list[ItemResult]] = {name: [] for name in systems}
    for item in (progress(items) if progress else items):
        for name, system in systems.items():
            results[name].append(_run_item(name, system, item))
    store = assistant.search.store
    report = Report(dataset, split, datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                    {"releases": len(store.current_versions()), "chunks": store.count_chunks(),
                     "embedding_model": store.model_name, "fusion": assistant.search.fusion,
                     "dense_weight": assistant.search.dense_weight})
    for name, rows in results.items():
        report.systems[name] = {"summary": _summary(rows), "questions": _rows(rows)}
        report.systems[name].update(uncertainty(name, results, summarise))
        outcomes = outcomes_of(rows)
        if outcomes:
            report.systems[name]["calibration"] = {
                "reliability": reliability(outcomes), "tradeoff": tradeoff(outcomes),
                "ece_if_calibrated": ece_if_calibrated([o.confidence for o in outcomes])}
    if feedback:  # disliked answers nobody graded yet: asked again and shown, not scored
        report.corpus["feedback"] = str(feedback.path)
        report.systems["assistant"]["questions"] += review_rows(lambda q: assistant.ask(q).to_json(),
                                                                feedback.to_review)
    return report


def evaluate_tasks(dataset: str, *, split: str, baselines: bool, settings: Settings, workdir: Path | None,
                   progress: Callable | None, assistant: Assistant | None, use_index: bool) -> Report:
    """The intents dataset measures the intent classifier alone (baseline: the same head on the untuned
    embedding model); the tasks dataset runs the whole assistant (baseline: the same assistant
    answering everything as one fact)."""
    items = [i for i in load_items(dataset) if split == "all" or i.split == split]
    wrap = progress or (lambda xs: xs)
    if dataset == "intents":
        from assistant.answer.intents import IntentClassifier
        from assistant.factory import build_embeddings

        systems = {"assistant": IntentClassifier()}
        if baselines:
            systems["untuned_embeddings"] = UntunedIntents(build_embeddings(settings))
        results = {name: run_intents(system, wrap(items)) for name, system in systems.items()}
        corpus = {"releases": 0, "chunks": 0, "embedding_model": "intent model (assistant/answer/intent_model)"}
    else:
        if assistant is None:
            prepared = settings if use_index else prepare(dataset, settings, workdir)
            library = build_library(prepared)
            list(library.sync())
            assistant = build_assistant(prepared, library=library)
        assistant.warm_up()
        systems = {"assistant": assistant}
        if baselines:
            systems["fact_only"] = Assistant(assistant.search, assistant.extractive, default_k=assistant.default_k)
        results = {name: run_tasks(system, wrap(items)) for name, system in systems.items()}
        store = assistant.search.store
        corpus = {"releases": len(store.current_versions()), "chunks": store.count_chunks(),
                  "embedding_model": store.model_name}
    report = Report(dataset, split, datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"), corpus)
    for name, scores in results.items():
        report.systems[name] = {"summary": summarise_tasks(scores), "questions": task_rows(scores),
                                "confusion": confusion(scores)}
        report.systems[name].update(uncertainty(name, results, summarise_tasks))
    return report


class UntunedIntents:
    """The baseline for the intent model: the same kind of head on the packaged embedding model's
    vectors, fitted on the same examples, without fine-tuning the encoder."""

    def __init__(self, embeddings):
        from sklearn.linear_model import LogisticRegression

        from assistant.answer.intents import load_examples

        examples = load_examples()
        self.embeddings = embeddings
        self.head = LogisticRegression(C=4.0, max_iter=3000).fit(
            embeddings.embed_documents([q for q, _ in examples]), [i.value for _, i in examples])

    def classify(self, question: str):
        from assistant.answer.intents import Intent, IntentGuess

        label = self.head.predict([self.embeddings.embed_query(question)])[0]
        return IntentGuess(Intent(label), 1.0, {})


def _run_item(name: str, system, item: Item) -> ItemResult:
    scores = []
    conversation = Conversation(system) if name == "assistant" else None
    for turn in item.as_turns():
        if conversation is not None:
            answer = conversation.ask(turn.question).to_json()
            retrieved = [p.chunk.text for p in system.search.search(answer["standalone_question"], 10)]
        else:
            answer = system.answer(turn.question)
            retrieved = [p["text"] for p in system.retrieve(turn.question, 10)]
        score = score_turn(turn, answer, retrieved)
        if turn.cites:  # right = cites those sentences (release id + offsets), whatever the wording
            score = replace(score, correct=not answer["abstained"] and all(
                span.cited_by(answer["citations"]) for span in turn.cites))
        scores.append(score)
    return ItemResult(item, scores)


def _summary(rows: list[ItemResult]) -> dict:
    summary = summarise(rows)
    latencies = sorted(t.latency_ms for r in rows if r.item.kind != "topic_change" for t in r.turns)
    if latencies:
        summary["latency_p50_ms"] = round(median(latencies), 1)
        summary["latency_p95_ms"] = round(latencies[min(len(latencies) - 1, int(0.95 * len(latencies)))], 1)
    return summary


def _rows(rows: list[ItemResult]) -> list[dict]:
    out = []
    for result in rows:
        for n, turn in enumerate(result.turns):
            out.append({"id": result.item.id + (f"#{n + 1}" if result.item.kind in CHAT_KINDS else ""),
                        "kind": result.item.kind, **asdict(turn)})
    return out
