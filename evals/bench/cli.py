"""`assistant bench`: the speed and scale benchmark (evals/bench/run.py), plugged in like `assistant eval`."""

from __future__ import annotations

import json
import os
import platform
import shutil
import sys
from contextlib import ExitStack
from datetime import datetime, timezone
from functools import partial
from pathlib import Path

import click

from assistant.embedding.int8_kernels import signed_products_saturate

from ..senate import DATA, FIELDS, rows

CACHE = Path(__file__).resolve().parent.parent / ".cache"


def _levels(_ctx, _param, value: str) -> list[int]:
    try:
        levels = sorted({int(v.strip().replace("_", "").lower().replace("k", "000")) for v in value.split(",") if v.strip()})
    except ValueError:
        raise click.BadParameter(f"{value!r}: give chunk counts such as 1k,10k,100k") from None
    if not levels or levels[0] < 1:
        raise click.BadParameter(f"{value!r}: give at least one positive chunk count")
    return levels


def _releases(data: Path) -> int:
    """Reads the whole file once, so a bad line stops the run before it starts."""
    try:
        count = sum(1 for _ in rows(data))
    except (OSError, EOFError, ValueError) as exc:
        where = "" if str(data) in str(exc) else f" {data}"
        raise click.ClickException(f"--data{where}: {exc}") from exc
    if not count:
        raise click.ClickException(f"--data {data}: no release with at least 200 characters of text")
    return count


@click.command("bench")
@click.option("--levels", default="1k,10k,100k", show_default=True, callback=_levels,
              help="Corpus sizes in chunks; the index grows through them in one run.")
@click.option("--data", type=click.Path(exists=True, dir_okay=False, path_type=Path), default=DATA,
              help=f"Releases to grow the index with: JSONL (.jsonl or .jsonl.gz), one object a line with {FIELDS}; "
                   "past its end come copies with the text rotated, under new ids. Default: "
                   "evals/datasets/senate-releases.jsonl.gz (the repository's 1,100 Senate releases, about 6,000 "
                   "chunks). E.g. ../shared/data/senate-press-releases-10k.jsonl.gz (9,978 releases).")
@click.option("--embed-limit", default=12_000, show_default=True,
              help="Chunks that get real vectors; past this, synthetic vectors (noisy copies of real ones).")
@click.option("--queries", default=40, show_default=True, help="Real questions timed at every level.")
@click.option("--cold-runs", default=3, show_default=True, help="Fresh `assistant ask` processes per level.")
@click.option("--no-tutorial", is_flag=True, help="Skip the LangChain tutorial pipeline comparison.")
@click.option("--server", is_flag=True, help="Start a `chroma run` server and benchmark against it.")
@click.option("--workdir", type=click.Path(path_type=Path),
              help="Scratch folder (emptied first); default evals/.cache/bench-<store>.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON.")
@click.pass_context
def bench_command(ctx, levels, data, embed_limit, queries, cold_runs, no_tutorial, server, workdir, as_json):
    """Measure ingest, query latency, cold start, memory and disk at growing corpus sizes."""
    from tqdm import tqdm

    from assistant.settings import Settings

    from .chroma_server import chroma_server
    from .report import markdown, write
    from .results import BenchReport
    from .run import Bench
    from .worker import TUTORIAL_URL

    data_releases = _releases(data)
    settings = Settings.load(**(ctx.obj or {}).get("overrides", {}))
    store = "chroma-server" if server or settings.chroma_url else "chroma-local"
    workdir = workdir or CACHE / f"bench-{store}"
    if workdir.exists():
        shutil.rmtree(workdir)
    workdir.mkdir(parents=True)
    progress = partial(tqdm, file=sys.stderr, leave=False)
    with ExitStack() as stack:
        server_data = tutorial_data = None
        if server:  # one server per system, so each one's size on disk is its own
            server_data, tutorial_data = workdir / "chroma-server", workdir / "chroma-server-tutorial"
            settings = settings.model_copy(update={"chroma_url": stack.enter_context(chroma_server(server_data))})
            if not no_tutorial:
                os.environ[TUTORIAL_URL] = stack.enter_context(chroma_server(tutorial_data))
        bench = Bench(workdir, settings, levels=levels, embed_limit=embed_limit, tutorial=not no_tutorial,
                      queries=queries, cold_runs=cold_runs, server_data=server_data and server_data / "db",
                      tutorial_server_data=tutorial_data and tutorial_data / "db", progress=progress, data=data)
        report = BenchReport(datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
                             {"cpus": os.cpu_count(), "cpu": platform.processor() or platform.machine(),
                              "python": platform.python_version(),
                              "int8_products": "exact kernel" if signed_products_saturate() else "VNNI"},
                             {"store": store, "data": data.name, "data_releases": data_releases,
                              "embedding_backend": settings.embedding_backend,
                              "embedding_batch_size": settings.embedding_batch_size, "embed_limit": embed_limit,
                              "queries": len(bench.queries), "levels": levels})
        for level in bench.run():
            report.levels.append(level)
            a = level.assistant
            click.echo(f"{a.chunks:,} chunks: answer p50 {a.total_ms.p50:.0f} ms, cold ask {a.cold_start_s:.2f} s, "
                       f"ingest {a.chunks_per_s or '–'} chunks/s ({a.vectors} vectors)", err=True)
    folder = write(report, name=f"bench-{store}")
    if as_json:
        click.echo(json.dumps({"report": str(folder), **report.to_json()}, indent=2))
    else:
        click.echo(markdown(report))
        click.echo(f"report: {folder}/bench.md", err=True)
