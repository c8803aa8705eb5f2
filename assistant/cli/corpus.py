"""The corpus commands: add, index, list, show, remove, doctor."""

from __future__ import annotations

import json
import sys
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from pathlib import Path

import click

from assistant.records import IngestResult, IngestStatus
from assistant.settings import Settings


def _library(ctx: click.Context):
    from assistant.factory import build_library

    return build_library(Settings.load(**ctx.obj["overrides"]))


@contextmanager
def _writing(ctx: click.Context) -> Iterator:
    """The library, holding the index's writer lock until the block ends."""
    library = _library(ctx)
    with library.writing():
        yield library


def _progress(items, total: int | None = None, **kwargs):
    from tqdm import tqdm

    total = len(items) if total is None else total
    return tqdm(items, file=sys.stderr, total=total, disable=not sys.stderr.isatty() or total < 2, **kwargs)


def _report(results: list[IngestResult]) -> None:
    counts = Counter(r.status for r in results)
    for result in results:
        if result.status is IngestStatus.REJECTED:
            click.echo(f"error: {result.path}: {result.reason}", err=True)
        elif result.status is not IngestStatus.UNCHANGED or result.reason:
            click.echo(result.line() + (f" ({result.reason})" if result.reason else ""))
    summary = ", ".join(f"{counts[s]} {s.value}" for s in IngestStatus if counts[s])
    click.echo(f"{summary or 'nothing to do'}", err=True)
    if counts[IngestStatus.REJECTED]:
        sys.exit(1)


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def add(ctx, paths):
    """Copy release files (or folders of them) into the corpus and index them."""
    library = _library(ctx)
    files = library.expand(paths)  # a bad path is reported before the writer lock is waited for
    with library.writing():
        results = list(library.add_many(_progress(files, desc="adding", unit="file")))
    _report(results)


@click.command()
@click.option("--rebuild", is_flag=True, help="Drop the index and embed everything again (after a model change).")
@click.pass_context
def index(ctx, rebuild):
    """Sync the index with the corpus folder: add new, replace changed, drop deleted releases."""
    with _writing(ctx) as library:
        total = len(library.corpus_files())
        results = list(_progress(library.sync(rebuild=rebuild), desc="indexing", unit="file", total=total))
    _report(results)


@click.command("list")
@click.option("--json", "as_json", is_flag=True, help="One JSON array of releases.")
@click.pass_context
def list_releases(ctx, as_json):
    """The indexed releases, newest first."""
    releases = _library(ctx).releases()
    if as_json:
        click.echo(json.dumps([asdict(r) for r in releases], ensure_ascii=False, indent=2))
        return
    if not releases:
        click.echo("the index is empty: run `assistant index` or `assistant add FILE`", err=True)
    for r in releases:
        click.echo(f"{r.id}\t{r.date or '----------'}\t{r.chunks:>4} chunks\t{r.title or ''}")


@click.command()
@click.argument("release_id")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def show(ctx, release_id, as_json):
    """One release: metadata, text and its chunks."""
    view = _library(ctx).show(release_id)
    if as_json:
        chunks = [
            {"id": c.id, "position": c.position, "start": c.start, "end": c.end, "text": c.text,
             "sentences": [[s.start, s.end] for s in c.sentences]}
            for c in view.chunks
        ]
        click.echo(json.dumps({**asdict(view.info), "text": view.text, "chunk_list": chunks},
                              ensure_ascii=False, indent=2))
        return
    info = view.info
    for key in ("id", "title", "date", "place", "kind", "issuer", "source", "chunks"):
        click.echo(f"{key:>7}: {getattr(info, key) if getattr(info, key) is not None else '-'}")
    click.echo()
    click.echo(view.text if view.text is not None else f"(the file {info.source} is missing: run `assistant index`)")


@click.command()
@click.argument("release_ids", nargs=-1, required=True)
@click.pass_context
def remove(ctx, release_ids):
    """Delete releases from the corpus folder and the index."""
    with _writing(ctx) as library:
        for release_id in release_ids:
            click.echo(library.remove(release_id).line())


@click.command()
@click.option("--repair", is_flag=True, help="Fix what is found (sync the corpus, rewrite broken releases).")
@click.pass_context
def doctor(ctx, repair):
    """Check the index against the corpus folder; exit 1 when something is wrong (and not repaired)."""
    from assistant.ingest.doctor import diagnose
    from assistant.ingest.doctor import repair as fix

    with _writing(ctx) as library:
        problems = diagnose(library)
        for problem in problems:
            click.echo(problem.line())
        if problems and repair:
            fix(library, problems)
            left = diagnose(library)
            for problem in left:
                click.echo(f"still: {problem.line()}")
            click.echo(f"repaired {len(problems) - len(left)} of {len(problems)} problems", err=True)
            problems = left
    if not problems:
        click.echo(f"index in step with the corpus: {len(library.releases())} releases, "
                   f"{library.store.count_chunks()} chunks", err=True)
    sys.exit(1 if problems else 0)


COMMANDS = (add, index, list_releases, show, remove, doctor)
