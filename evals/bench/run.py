"""The speed and scale benchmark: how ingest, query latency, start-up, memory and disk grow with the corpus.

One index grows through the levels (default 1k, 10k, 100k chunks) with the releases of a JSONL file
(default: the repository's 1,100 Senate releases, `evals.senate.DATA`; past its end, copies with their
text rotated, `evals.senate.endless_rows`), added through the same batched `Library.add_many` a user's
`assistant add FOLDER` runs. Chunks up to `embed_limit` get real vectors from the configured model;
past it, `SyntheticVectors` stand in (see synthetic.py) and the report marks those levels. At every
level the LangChain tutorial pipeline (evals/baselines.py) is grown over the same releases and
measured the same way, so the report can give ratios."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import replace
from functools import partial
from pathlib import Path

import numpy as np
from tqdm import tqdm

from assistant.embedding.torch_model import SentenceTransformerEmbeddings
from assistant.factory import build_embeddings, build_library
from assistant.ingest.parsing import read_release
from assistant.settings import Settings

from ..baselines import TutorialBaseline
from ..dataset import load
from ..senate import DATA, as_markdown, endless_rows
from .results import LevelResult, Latency, SystemResult
from .synthetic import SyntheticVectors
from .worker import TUTORIAL_COLLECTION, TUTORIAL_URL, tutorial_client, tutorial_settings

DEFAULT_LEVELS = (1_000, 10_000, 100_000)
ANCHORS = 5000  # real vectors the synthetic ones are drawn around
_SCRIPT = Path(sys.executable).with_name("assistant")
ASSISTANT = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "assistant.cli.main"]  # what a user runs
WORKER = [sys.executable, "-m", "evals.bench.worker"]


def questions(limit: int = 40) -> list[str]:
    """Real questions of both evaluation sets (answerable and not), first turns only."""
    out = []
    for dataset in ("senate", "seed"):
        out.extend(item.as_turns()[0].question for item in load(dataset))
    step = max(1, len(out) // limit)
    return out[::step][:limit]


def folder_mb(path: Path | None) -> float:
    total = sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path and path.exists() else 0
    return round(total / 2**20, 1)


def anchors(collection) -> np.ndarray:
    """Up to ANCHORS stored vectors of a chromadb Collection: what synthetic vectors are drawn around."""
    return np.asarray(collection.get(include=["embeddings"], limit=ANCHORS)["embeddings"])


class Bench:
    def __init__(self, workdir: Path, settings: Settings, *, levels=DEFAULT_LEVELS, embed_limit: int = 12_000,
                 tutorial: bool = True, queries: int = 40, cold_runs: int = 3, server_data: Path | None = None,
                 tutorial_server_data: Path | None = None, progress: Callable | None = None, data: Path = DATA):
        self.workdir = workdir
        self.levels = sorted(levels)
        self.embed_limit = embed_limit
        self.queries = questions(queries)
        self.cold_runs = cold_runs
        self.server_data = server_data  # a server's data folders, when the indexes live on servers
        self.tutorial_server_data = tutorial_server_data
        self.progress = progress or partial(tqdm, disable=True)
        self.settings = settings.model_copy(update={"corpus_dir": workdir / "corpus", "index_dir": workdir / "index"})
        self.incoming = workdir / "incoming"
        self.incoming.mkdir(parents=True, exist_ok=True)
        self.embeddings = build_embeddings(self.settings)
        self.library = build_library(self.settings, self.embeddings)
        self.synthetic_library = None
        # the tutorial embeds as it is written: sentence-transformers on torch, default batch size
        self.tutorial_embeddings = SentenceTransformerEmbeddings(self.settings.embedding_model, batch_size=32)
        self.tutorial = self._tutorial(self.tutorial_embeddings) if tutorial else None
        self.tutorial_synthetic = None
        self.stream: Iterator[dict] = endless_rows(data)
        self.questions_file = workdir / "questions.txt"
        self.questions_file.write_text("\n".join(self.queries), encoding="utf-8")
        self.held_out = [next(self.stream) for _ in range(5)]  # "typical releases" added and removed per level

    def _tutorial(self, embeddings) -> TutorialBaseline:
        return TutorialBaseline(embeddings, client=tutorial_client(self.settings), collection=TUTORIAL_COLLECTION)

    def _tutorial_collection(self):
        return tutorial_client(self.settings).get_collection(TUTORIAL_COLLECTION, embedding_function=None)

    # -- growing ------------------------------------------------------------------------------------
    def _write_incoming(self, row: dict) -> Path:
        path = self.incoming / f"{row['id']}.md"
        path.write_text(as_markdown(row), encoding="utf-8")
        return path

    def _library_for_growth(self):
        chunks = self.library.store.count_chunks()
        if chunks < self.embed_limit:
            return self.library, "model"
        if self.synthetic_library is None:
            synthetic = SyntheticVectors(self.embeddings, anchors(self.library.store.vectors.collection))
            self.synthetic_library = build_library(self.settings, synthetic)
            if self.tutorial is not None:
                self.tutorial_synthetic = self._tutorial(
                    SyntheticVectors(self.tutorial_embeddings, anchors(self._tutorial_collection())))
        return self.synthetic_library, "synthetic"

    def grow(self, target: int) -> tuple[SystemResult, SystemResult | None]:
        """Adds releases until the index holds `target` chunks, as `assistant add FOLDER` does (batched
        writes); returns ingest-only results for the assistant and the tutorial pipeline."""
        chunks = start = self.library.store.count_chunks()
        seconds, added, vectors = 0.0, [], "model"
        bar = self.progress(total=target, initial=start, desc=f"ingest to {target:,} chunks", unit="chunk")
        while chunks < target:
            library, phase = self._library_for_growth()
            vectors = "synthetic" if phase == "synthetic" else vectors
            limit = target if phase == "synthetic" else min(target, self.embed_limit)
            counted = [chunks]

            def paths():
                while counted[0] < limit:  # results come a write batch at a time: a batch may overshoot
                    yield self._write_incoming(next(self.stream))

            started = time.perf_counter()
            for result in library.add_many(paths()):
                if result.status.value == "added":
                    added.append(result.release_id)
                    counted[0] += result.chunks
                    bar.update(result.chunks)
            seconds += time.perf_counter() - started
            chunks = counted[0]
        bar.close()
        for path in self.incoming.iterdir():
            path.unlink()
        assistant = SystemResult.ingest_only(chunks, seconds, chunks - start, len(added), vectors)
        tutorial = self._grow_tutorial(added, vectors) if self.tutorial is not None else None
        return assistant, tutorial

    def _grow_tutorial(self, release_ids: list[str], vectors: str) -> SystemResult:
        baseline = self.tutorial_synthetic if vectors == "synthetic" else self.tutorial
        seconds, added = 0.0, 0
        batch: list = []
        for release_id in self.progress(release_ids, desc="ingest tutorial pipeline", unit="release"):
            info = self.library.store.release(release_id)
            path = self.library.path_for(info.source)
            batch.append(read_release(path, max_bytes=self.settings.max_file_bytes, source=info.source))
            if len(batch) == 50 or release_id == release_ids[-1]:
                started = time.perf_counter()
                added += baseline.add_releases(batch)
                seconds += time.perf_counter() - started
                batch = []
        total = self._tutorial_collection().count()
        return SystemResult.ingest_only(total, seconds, added, len(release_ids), vectors)

    # -- measuring ---------------------------------------------------------------------------------
    def one_release(self) -> tuple[float, float]:
        """Warm in-process add of typical releases (median), then `assistant add` from a fresh process."""
        warm = []
        for row in self.held_out[:3]:
            path = self._write_incoming(row)
            started = time.perf_counter()
            result = self.library.add(path)
            warm.append(time.perf_counter() - started)
            self.library.remove(result.release_id)
        path = self._write_incoming(self.held_out[3])
        started = time.perf_counter()
        self._run([*ASSISTANT, "add", str(path)])
        cold = time.perf_counter() - started
        self.library.remove(read_release(path, max_bytes=self.settings.max_file_bytes, source="x").id)
        return round(statistics.median(warm), 3), round(cold, 3)

    def serve(self, system: str) -> dict:
        """Warm latency, load time and peak memory of a fresh serving process."""
        out, rss = self._run([*WORKER, "--system", system, "--questions", str(self.questions_file)])
        data = json.loads(out.strip().splitlines()[-1])
        timings = data["timings_ms"]
        return {"retrieve_ms": Latency.of([t.get("retrieve", 0.0) for t in timings]),
                "answer_ms": Latency.of([t.get("answer", 0.0) for t in timings]),
                "read_ms": Latency.of([t.get("read", 0.0) for t in timings]),
                "total_ms": Latency.of([t["total"] for t in timings]),
                "load_s": data["load_s"], "peak_rss_mb": rss}

    def cold_start(self, system: str) -> float:
        question = self.queries[0]
        if system == "assistant":
            command = [*ASSISTANT, "ask", question, "--json"]
        else:
            one = self.workdir / "one-question.txt"
            one.write_text(question, encoding="utf-8")
            command = [*WORKER, "--system", "tutorial", "--questions", str(one), "--warmup", "0"]
        runs = []
        for _ in range(self.cold_runs):
            started = time.perf_counter()
            self._run(command)
            runs.append(time.perf_counter() - started)
        return round(statistics.median(runs), 3)

    def _run(self, command: list[str]) -> tuple[str, float]:
        """Runs a child with this bench's settings; returns its stdout and peak RSS in MB."""
        env = {**os.environ, "ASSISTANT_CORPUS_DIR": str(self.settings.corpus_dir),
               "ASSISTANT_INDEX_DIR": str(self.settings.index_dir),
               "ASSISTANT_EMBEDDING_BACKEND": self.settings.embedding_backend,
               "ASSISTANT_CHROMA_URL": self.settings.chroma_url or "", TUTORIAL_URL: os.environ.get(TUTORIAL_URL, "")}
        rss_file = self.workdir / "child-rss.txt"
        done = subprocess.run([sys.executable, "-c", _PEAK_RSS, str(rss_file), *command], env=env,
                              capture_output=True, text=True)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(command[1:4])} failed: {done.stderr.strip().splitlines()[-1:]}")
        return done.stdout, round(int(rss_file.read_text()) / 1024, 1)

    def index_mb(self, system: str) -> float:
        """The local folder plus, with servers, the server's data folder (one server per system)."""
        if system == "assistant":
            return round(folder_mb(self.settings.index_dir) + folder_mb(self.server_data), 1)
        return round(folder_mb(tutorial_settings(self.settings).index_dir) + folder_mb(self.tutorial_server_data), 1)

    def run(self) -> Iterator[LevelResult]:
        for target in self.levels:
            assistant, tutorial = self.grow(target)
            warm, cold = self.one_release()
            level = LevelResult(target, len(self.library.store.current_versions()),
                                max(0, self.library.store.count_chunks() - self.embed_limit), warm, cold,
                                self._measure("assistant", assistant))
            if tutorial is not None:
                level.tutorial = self._measure("tutorial", tutorial)
            yield level

    def _measure(self, system: str, ingest: SystemResult) -> SystemResult:
        """Fills in what a serving process measures on top of the ingest numbers."""
        return replace(ingest, **self.serve(system), cold_start_s=self.cold_start(system),
                       index_mb=self.index_mb(system))


# Runs a command as its only child and writes the child's peak RSS (KiB) to a file.
_PEAK_RSS = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[2:]); "
             "open(sys.argv[1], 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)); "
             "sys.exit(code)")
