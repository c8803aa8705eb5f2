"""How near Chroma's approximate search comes to exact search, by HNSW's `ef_search`, in one run.

    python -m evals.bench.ann_recall [--dataset tasks | --index-dir DIR] [--k 40] [--ef 100,200,400,800] [--json]

On the corpus `assistant eval --dataset DATASET` builds (the tasks corpus by default: 6,016 chunks),
for the tasks and intents dev questions: each question's k nearest chunks by Chroma against exact
cosine search over every stored vector. Each `ef_search` runs in a process of its own (Chroma loads
the HNSW index with the value in force when it is first queried). Reports per value: the share of
questions whose k chunks miss one nearer than a chunk returned, the mean number missed among those,
and the p50 / p95 of the query time. `--index-dir` measures an index as it is instead (e.g. the 100k
chunks `assistant bench` leaves in evals/.cache/bench-chroma-local/index), without syncing it. The
assistant sets its own value again when it next opens the index (`ASSISTANT_HNSW_EF_SEARCH`)."""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

TIE = 1e-4  # cosines closer than this are the same distance (float noise, copies of one chunk)


def measure(dataset: str, k: int, ef: int, index_dir: str | None = None) -> dict:
    from assistant.factory import build_library
    from assistant.settings import Settings

    from ..harness import prepare
    from ..tasks import load_items

    if index_dir:
        library = build_library(Settings.load().model_copy(update={"index_dir": Path(index_dir), "hnsw_ef_search": ef}))
    else:
        library = build_library(prepare(dataset, Settings.load()).model_copy(update={"hnsw_ef_search": ef}))
        list(library.sync())
    store = library.store
    stored = store.vectors.collection.get(include=["embeddings"], limit=10**7)
    matrix = np.asarray(stored["embeddings"], dtype=np.float32)
    matrix /= np.linalg.norm(matrix, axis=1, keepdims=True)
    ids = np.asarray(stored["ids"])
    questions = [i.question for name in ("tasks", "intents") for i in load_items(name) if i.split == "dev"]
    missed, times = [], []
    for question in questions:
        vector = np.asarray(store.embeddings.embed_query(question), dtype=np.float32)
        started = time.perf_counter()
        found = store.vectors.nearest(vector, k)
        times.append(1000 * (time.perf_counter() - started))
        returned = {cid for cid, _ in found}
        worst = min(similarity for _, similarity in found)
        exact = matrix @ vector
        nearer = [i for i in np.argsort(-exact)[:k] if ids[i] not in returned and exact[i] > worst + TIE]
        missed.append(len(nearer))
    short = [m for m in missed if m]
    return {"ef_search": ef, "chunks": len(ids), "questions": len(questions), "k": k,
            "share_missing_a_nearer_chunk": round(len(short) / len(missed), 4),
            "missed_when_missing": round(statistics.mean(short), 2) if short else 0.0,
            "query_p50_ms": round(statistics.median(times), 2),
            "query_p95_ms": round(float(np.percentile(times, 95)), 2)}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--dataset", default="tasks")
    parser.add_argument("--index-dir", help="an index to measure as it is (no sync)")
    parser.add_argument("--k", type=int, default=40, help="chunks asked for (a search for releases reads 40)")
    parser.add_argument("--ef", default="100,200,400,800", help="ef_search values, comma-separated")
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the worker for one value
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(measure(args.dataset, args.k, args.one, args.index_dir)))
        return
    rows = []
    for ef in (int(v) for v in args.ef.split(",")):
        worker = [sys.executable, "-m", "evals.bench.ann_recall", "--dataset", args.dataset, "--k", str(args.k),
                  "--one", str(ef)] + (["--index-dir", args.index_dir] if args.index_dir else [])
        done = subprocess.run(worker, capture_output=True, text=True, check=True)
        rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    first = rows[0]
    print(f"{first['questions']} questions, {first['chunks']} chunks, k = {first['k']}")
    print("| ef_search | questions missing a nearer chunk | missed (when missing) | query p50 / p95 ms |")
    print("|---|---|---|---|")
    for r in rows:
        print(f"| {r['ef_search']} | {r['share_missing_a_nearer_chunk']:.3f} | {r['missed_when_missing']} | "
              f"{r['query_p50_ms']} / {r['query_p95_ms']} |")


if __name__ == "__main__":
    main()
