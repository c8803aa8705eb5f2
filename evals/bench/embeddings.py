"""Embedding throughput and fidelity, backend by backend, on chunks of Senate releases.

    python -m evals.bench.embeddings [--chunks 600] [--data JSONL] [--skip N] [--json]

Times torch (sentence-transformers) and the ONNX builds (fp32, int8) on the same chunks in one run
and reports chunks/s, the ratio to torch at its default batch size, and the cosine of each vector to
torch's. Recall@5 per backend comes from `ASSISTANT_EMBEDDING_BACKEND=... assistant eval`."""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from assistant.ingest.chunking import Chunker
from assistant.embedding.torch_model import SentenceTransformerEmbeddings
from assistant.records import Release
from assistant.embedding.onnx_model import OnnxEmbeddings

from ..senate import DATA, rows


def chunks(count: int, skip: int = 0, data: Path = DATA) -> list[str]:
    """Chunks as the assistant makes them (800 characters, sentence-aligned), of the releases after `skip`."""
    chunker = Chunker(800, 200, 400)
    out: list[str] = []
    for i, row in enumerate(rows(data)):
        if i < skip:
            continue
        release = Release(row["id"], None, None, None, None, "bench", "", row["text"])
        out.extend(c.text for c in chunker.split(release))
        if len(out) >= count:
            return out[:count]
    return out


def timed(embeddings, texts: list[str]) -> tuple[float, np.ndarray]:
    embeddings.embed_documents(texts[:16])  # load and warm up outside the clock
    started = time.perf_counter()
    vectors = np.asarray(embeddings.embed_documents(texts))
    return len(texts) / (time.perf_counter() - started), vectors


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chunks", type=int, default=600)
    parser.add_argument("--data", type=Path, default=DATA, help="releases as JSONL(.gz) (default: the repository's "
                        "1,100 Senate releases; the numbers in docs/performance.md: ../shared/data/senate-press-releases-10k.jsonl.gz)")
    parser.add_argument("--skip", type=int, default=0, help="releases to pass over first (the numbers in docs/performance.md: 2000)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    texts = chunks(args.chunks, args.skip, args.data)
    if not texts:
        parser.error(f"no chunks in {args.data} after {args.skip} releases")
    systems = {
        "torch, batch 32 (sentence-transformers default)": SentenceTransformerEmbeddings(batch_size=32),
        "torch, batch 8": SentenceTransformerEmbeddings(batch_size=8),
        "onnx fp32, batch 8": OnnxEmbeddings(variant="fp32", batch_size=8),
        "onnx int8, batch 8": OnnxEmbeddings(variant="int8", batch_size=8, deterministic=False),
        "onnx int8, one text per run, one run at a time on ONNX Runtime's threads": OnnxEmbeddings(
            variant="int8", threads=1, session_threads=0),
        "onnx int8, one text per run, one run at a time, 1 thread": OnnxEmbeddings(variant="int8", threads=1),
        "onnx int8, one text per run, a run per core at a time, 1 thread each (default)": OnnxEmbeddings(variant="int8"),
    }
    results, reference, base = [], None, None
    for name, embeddings in systems.items():
        speed, vectors = timed(embeddings, texts)
        if reference is None:
            reference, base = vectors, speed
        cosine = (vectors * reference).sum(axis=1)
        results.append({"system": name, "chunks_per_s": round(speed, 1), "vs_torch": round(speed / base, 2),
                        "cosine_mean": round(float(cosine.mean()), 4), "cosine_min": round(float(cosine.min()), 4)})
    if args.json:
        print(json.dumps({"chunks": len(texts), "mean_chars": round(sum(map(len, texts)) / len(texts)),
                          "results": results}, indent=2))
        return
    print(f"{len(texts)} chunks, {sum(map(len, texts)) / len(texts):.0f} characters on average\n")
    print("| backend | chunks/s | × torch (batch 32) | cosine to torch mean / min |\n|---|---|---|---|")
    for r in results:
        print(f"| {r['system']} | {r['chunks_per_s']} | {r['vs_torch']} | {r['cosine_mean']} / {r['cosine_min']} |")


if __name__ == "__main__":
    main()
