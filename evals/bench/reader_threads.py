"""How the reader's runs share the CPU: candidates read one at a time on ONNX Runtime's own threads
(as it was) against read several at a time, each run on one thread (as it is), in one run.

    python -m evals.bench.reader_threads [--rounds 3] [--candidates 6] [--serving] [--json]

The questions are the senate evaluation set's dev questions; each one's candidates are the sentences
of its release that share most words with it, with the release title and neighbouring sentences as
the assistant gives them to the reader, so the inputs are as long as real ones. Reports the p50 and
p95 of the reader's time per question (best round of `--rounds`), the ratio to one at a time, and the
largest difference in score between the two ways (reading in parallel must not change a score).

`--serving` also times the whole assistant (over the senate questions' releases and every fifth other
one, indexed by its own ingest) answering every senate question both ways in turn: the reader's time
in the answer (short answer included) and the retrieval's, with the question embedded by the
embedding model run the same way as the reader (an idle ONNX Runtime thread pool spins for a while
after its run, so the way the embedding model runs changes how fast the reader runs after it)."""

from __future__ import annotations

import argparse
import json
import statistics
import time

import numpy as np

from assistant.embedding.onnx_model import available_cores
from assistant.ingest.sentences import split_sentences
from assistant.reader.inputs import ReaderInput
from assistant.reader.onnx_reader import Reader
from assistant.text import content_terms

from ..dataset import load
from ..senate import rows

BEFORE = "one at a time, default threads"  # how the reader ran until 2026-12-02
NOW = f"{available_cores()} at a time, one thread each"


def question_inputs(candidates: int) -> list[list[ReaderInput]]:
    """Each senate dev question with the `candidates` sentences of its release that share most words with it."""
    questions = [q for q in load("senate") if q.split == "dev" and q.release_id]
    releases = {row["id"].lower(): row for row in rows()}
    out = []
    for q in questions:
        row = releases.get(q.release_id.lower())
        if row is None:
            continue
        text = row["text"]
        sentences = [text[s.start : s.end] for s in split_sentences(text)]
        asked = set(content_terms(q.question))
        best = sorted(range(len(sentences)), key=lambda i: -len(asked & set(content_terms(sentences[i]))))
        title = text.strip().splitlines()[0]
        out.append([ReaderInput(q.question, sentences[i], title, sentences[i - 1] if i else "",
                                sentences[i + 1] if i + 1 < len(sentences) else "") for i in best[:candidates]])
    return out


def timed(reader: Reader, questions: list[list[ReaderInput]]) -> tuple[list[float], np.ndarray]:
    times, scores = [], []
    for inputs in questions:
        started = time.perf_counter()
        logits, _ = reader.read(inputs)
        times.append((time.perf_counter() - started) * 1000)
        scores.append(logits)
    return times, np.concatenate(scores)


def serving(rounds: int) -> dict:
    """Reader and retrieval ms p50 / p95 of the assistant's answers, both ways, asked in turn."""
    from assistant.embedding.onnx_model import OnnxEmbeddings

    from ..senate import temporary_assistant

    items = load("senate")
    questions = [q.question for q in items if q.question]
    wanted = {q.release_id.lower() for q in items if q.release_id}
    releases = [row for i, row in enumerate(rows()) if row["id"].lower() in wanted or i % 5 == 0]
    with temporary_assistant(releases) as assistant:
        store = assistant.search.store
        ways = {BEFORE: (Reader(threads=1, session_threads=0), OnnxEmbeddings(threads=1, session_threads=0)),
                NOW: (assistant.extractive.reader, store.embeddings)}
        timings: dict[str, dict[str, list[float]]] = {name: {"read": [], "retrieve": []} for name in ways}
        for round_ in range(rounds + 1):  # the first round warms both ways up
            for question in questions:
                for name, (reader, embeddings) in ways.items():
                    assistant.extractive.reader, store.embeddings = reader, embeddings
                    answer = assistant.ask(question)
                    for part in ("read", "retrieve") if round_ else ():
                        if part in answer.timings_ms:
                            timings[name][part].append(answer.timings_ms[part])
    return {name: {f"{part}_p50_ms": round(statistics.median(t), 1) for part, t in parts.items()}
            | {f"{part}_p95_ms": round(float(np.percentile(t, 95)), 1) for part, t in parts.items()}
            | {"answers": len(parts["read"])} for name, parts in timings.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--candidates", type=int, default=Reader().config.candidates)
    parser.add_argument("--serving", action="store_true", help="also time the assistant's answers both ways")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    questions = question_inputs(args.candidates)
    readers = {BEFORE: Reader(threads=1, session_threads=0), NOW: Reader()}
    best: dict[str, list[float]] = {}
    scores: dict[str, np.ndarray] = {}
    for reader in readers.values():
        timed(reader, questions[:3])  # warm
    for _ in range(args.rounds):  # interleaved, so both ways see the same machine load
        for name, reader in readers.items():
            times, scores[name] = timed(reader, questions)
            if name not in best or statistics.median(times) < statistics.median(best[name]):
                best[name] = times
    baseline = statistics.median(next(iter(best.values())))
    first = next(iter(scores.values()))
    result = {"questions": len(questions), "candidates": args.candidates, "cores": available_cores(),
              "ways": {name: {"p50_ms": round(statistics.median(t), 1),
                              "p95_ms": round(float(np.percentile(t, 95)), 1),
                              "ratio_p50": round(statistics.median(t) / baseline, 3),
                              "max_score_difference": float(np.abs(scores[name] - first).max())}
                       for name, t in best.items()}}
    if args.serving:
        result["serving"] = serving(args.rounds)
    if args.json:
        print(json.dumps(result, indent=2))
        return
    print(f"{result['questions']} senate dev questions, {args.candidates} candidates each, "
          f"{result['cores']} cores, best of {args.rounds} rounds")
    for name, way in result["ways"].items():
        print(f"{name:>34}: p50 {way['p50_ms']:6.1f} ms  p95 {way['p95_ms']:6.1f} ms  "
              f"ratio {way['ratio_p50']:.3f}  largest score difference {way['max_score_difference']:.2g}")
    for name, way in result.get("serving", {}).items():
        print(f"in the assistant, {name}: reader p50 {way['read_p50_ms']} / p95 {way['read_p95_ms']} ms, retrieve "
              f"p50 {way['retrieve_p50_ms']} / p95 {way['retrieve_p95_ms']} ms ({way['answers']} answers)")


if __name__ == "__main__":
    main()
