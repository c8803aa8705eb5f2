"""Writes a benchmark run folder: bench.json (every number), bench.md (tables), bench.png (plots)."""

from __future__ import annotations

import json
import os
from pathlib import Path

from ..report import REPORTS
from .results import BenchReport, LevelResult

TARGETS = "answer p50 ≤ 150 ms at 10k chunks and ≤ 300 ms at 100k; cold `assistant ask` ≤ 5 s; one release < 1 s"


def write(report: BenchReport, root: Path | None = None, name: str = "bench") -> Path:
    root = root or REPORTS
    folder = root / f"{report.created.replace(':', '').replace('-', '')}-{name}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "bench.json").write_text(json.dumps(report.to_json(), indent=2))
    (folder / "bench.md").write_text(markdown(report))
    plot(report, folder / "bench.png")
    latest = root / f"latest-{name}"
    if latest.is_symlink() or latest.exists():
        latest.unlink()
    os.symlink(folder.name, latest)
    return folder


def _ms(latency) -> str:
    return f"{latency.p50:.0f} / {latency.p95:.0f}"


def _or_dash(value, fmt="{}") -> str:
    return "–" if value is None else fmt.format(value)


def _data(settings: dict) -> str:
    if "data" not in settings:  # runs from before --data: the shared 10k
        return "the shared Senate collection"
    return f"{settings['data']} ({settings['data_releases']:,} releases; past them, copies with their text rotated)"


def _batch(settings: dict) -> str:
    if settings["embedding_backend"] == "onnx-int8":
        return " (one text per run)"
    return f" (batch {settings['embedding_batch_size']})"


def markdown(report: BenchReport) -> str:
    s = report.settings
    lines = [f"# Speed and scale benchmark, {report.created}", "",
             f"Machine: {report.machine.get('cpus')} CPUs, {report.machine.get('cpu', '')}"
             f"{_int8(report.machine)}. Store: "
             f"{s['store']}. Releases: {_data(s)}. Embeddings: {s['embedding_backend']}{_batch(s)}. "
             f"Real vectors up to {s['embed_limit']:,} chunks; beyond that synthetic vectors (noisy copies of real "
             "ones; queries still embedded by the model). Latency: warm extractive answers to "
             f"{s['queries']} real questions in a fresh serving process, p50 / p95 in ms. Targets: {TARGETS}.", "",
             "## Assistant", "",
             "| chunks | releases | vectors | ingest chunks/s | releases/s | one release (warm / cold CLI) s | "
             "retrieve ms | answer ms (reader) | total ms | cold ask s | load s | peak RSS MB | index MB |",
             "|" + "---|" * 13]
    for level in report.levels:
        a = level.assistant
        lines.append(f"| {a.chunks:,} | {level.releases:,} | {a.vectors} | {_or_dash(a.chunks_per_s)} | "
                     f"{_or_dash(a.releases_per_s)} | {level.one_release_s:.2f} / {level.one_release_cold_s:.2f} | "
                     f"{_ms(a.retrieve_ms)} | {_ms(a.answer_ms)}{_reader(a)} | {_ms(a.total_ms)} | {a.cold_start_s:.2f} | "
                     f"{a.load_s:.2f} | {a.peak_rss_mb:.0f} | {a.index_mb:.0f} |")
    if any(level.tutorial for level in report.levels):
        lines += ["", "## LangChain tutorial pipeline, same data, same run", "",
                  "RecursiveCharacterTextSplitter 1000/200, sentence-transformers on torch (batch 32), Chroma, "
                  "dense top-4, top passage as the answer.", "",
                  "| chunks | vectors | ingest chunks/s | total ms | cold start s | peak RSS MB | index MB |",
                  "|" + "---|" * 7]
        for level in report.levels:
            t = level.tutorial
            if t:
                lines.append(f"| {t.chunks:,} | {t.vectors} | {_or_dash(t.chunks_per_s)} | {_ms(t.total_ms)} | "
                             f"{t.cold_start_s:.2f} | {t.peak_rss_mb:.0f} | {t.index_mb:.0f} |")
        lines += ["", "Ratios (above 1 favours the assistant: ingest is assistant ÷ tutorial, the rest tutorial ÷ "
                  "assistant):", "", "| level | ingest chunks/s | total p50 | total p95 | cold start | peak RSS | index size |",
                  "|" + "---|" * 7]
        for level in report.levels:
            r = level.ratios()
            if r:
                lines.append(f"| {level.target_chunks:,} | " + " | ".join(
                    _or_dash(r[k], "{:.2f}") for k in ("ingest_chunks_per_s", "total_p50", "total_p95", "cold_start",
                                                      "peak_rss", "index_size")) + " |")
    lines += ["", "## Against the targets", ""] + [f"- {line}" for line in verdicts(report.levels)]
    return "\n".join(lines) + "\n"


def verdicts(levels: list[LevelResult]) -> list[str]:
    out = []
    for level in levels:
        a = level.assistant
        limit = 150 if a.chunks <= 20_000 else 300
        if level.target_chunks >= 10_000:
            word = "met" if a.total_ms.p50 <= limit else f"missed by {a.total_ms.p50 - limit:.0f} ms"
            out.append(f"{a.chunks:,} chunks: answer p50 {a.total_ms.p50:.0f} ms against {limit} ms: {word}")
        word = "met" if a.cold_start_s <= 5 else f"missed by {a.cold_start_s - 5:.1f} s"
        out.append(f"{a.chunks:,} chunks: cold `assistant ask` {a.cold_start_s:.2f} s against 5 s: {word}")
        word = "met" if level.one_release_s < 1 else f"missed by {level.one_release_s - 1:.2f} s"
        out.append(f"{a.chunks:,} chunks: one release added (warm) {level.one_release_s:.2f} s against 1 s: {word}")
    return out


def plot(report: BenchReport, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    levels = report.levels
    chunks = [level.assistant.chunks for level in levels]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
    left.plot(chunks, [level.assistant.total_ms.p50 for level in levels], "o-", label="assistant p50")
    left.plot(chunks, [level.assistant.total_ms.p95 for level in levels], "o--", label="assistant p95")
    left.plot(chunks, [level.assistant.retrieve_ms.p50 for level in levels], "s:", label="assistant retrieve p50")
    tutorial = [level for level in levels if level.tutorial]
    if tutorial:
        left.plot([level.tutorial.chunks for level in tutorial], [level.tutorial.total_ms.p50 for level in tutorial],
                  "^-", label="tutorial p50")
    left.set(xscale="log", xlabel="chunks in the index", ylabel="ms per question (warm)", title="Query latency")
    left.grid(alpha=0.3)
    left.legend(fontsize=8)
    right.plot(chunks, [level.assistant.cold_start_s for level in levels], "o-", label="cold `assistant ask` (s)")
    right.plot(chunks, [level.one_release_s for level in levels], "s-", label="add one release, warm (s)")
    right.set(xscale="log", xlabel="chunks in the index", ylabel="seconds", title="Start-up and ingest")
    right.grid(alpha=0.3)
    twin = right.twinx()
    real = [level for level in levels if level.assistant.chunks_per_s]
    twin.bar([level.assistant.chunks for level in real], [level.assistant.chunks_per_s for level in real],
             width=[level.assistant.chunks * 0.3 for level in real], alpha=0.25, color="green",
             label="assistant ingest chunks/s")
    tut = [level for level in tutorial if level.tutorial.chunks_per_s]
    if tut:
        twin.bar([level.assistant.chunks * 1.35 for level in tut], [level.tutorial.chunks_per_s for level in tut],
                 width=[level.assistant.chunks * 0.3 for level in tut], alpha=0.25, color="red",
                 label="tutorial ingest chunks/s")
    twin.set_ylabel("chunks/s (bars, real vectors only)")
    handles = right.get_legend_handles_labels()
    twin_handles = twin.get_legend_handles_labels()
    right.legend(handles[0] + twin_handles[0], handles[1] + twin_handles[1], fontsize=8, loc="upper left")
    fig.suptitle(f"{report.settings['store']} · {report.settings['embedding_backend']} · {report.machine.get('cpus')} CPUs")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def _reader(result) -> str:
    return f" ({_ms(result.read_ms)})" if result.read_ms else ""


def _int8(machine: dict) -> str:
    """How the int8 models multiplied: ONNX Runtime's exact (slower) kernel where signed products saturate."""
    how = machine.get("int8_products")
    return f", int8 products by {how}" if how else ""
