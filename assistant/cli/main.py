"""The `assistant` command: parses options, calls the library, prints results.

Library errors become one-line messages and a non-zero exit."""

from __future__ import annotations

import json
import logging
import sys
from collections import Counter
from dataclasses import asdict
from pathlib import Path

import click

from assistant.errors import AssistantError
from assistant.records import IngestResult, IngestStatus
from assistant.settings import Settings


class AssistantGroup(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AssistantError as exc:
            raise click.ClickException(str(exc)) from exc


@click.group(cls=AssistantGroup)
@click.option("--corpus-dir", type=click.Path(path_type=Path), help="Release files (env ASSISTANT_CORPUS_DIR).")
@click.option("--index-dir", type=click.Path(path_type=Path), help="Chroma folder (env ASSISTANT_INDEX_DIR).")
@click.option("--chroma-url", help="A `chroma run` server, e.g. http://127.0.0.1:8000 (env ASSISTANT_CHROMA_URL).")
@click.option("-v", "--verbose", is_flag=True, help="Log what the library does.")
@click.pass_context
def cli(ctx: click.Context, corpus_dir, index_dir, chroma_url, verbose):
    """A chat assistant over press releases that cites, quotes and checks its sources."""
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    overrides = {"corpus_dir": corpus_dir, "index_dir": index_dir, "chroma_url": chroma_url}
    ctx.obj = {"overrides": {k: v for k, v in overrides.items() if v is not None}}


def _settings(ctx: click.Context) -> Settings:
    return Settings.load(**ctx.obj["overrides"])


def _library(ctx: click.Context):
    from assistant.factory import build_library

    return build_library(_settings(ctx))


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


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.pass_context
def add(ctx, paths):
    """Copy release files (or folders of them) into the corpus and index them."""
    library = _library(ctx)
    files = library.expand(paths)
    with library.writing():
        results = list(library.add_many(_progress(files, desc="adding", unit="file")))
    _report(results)


@cli.command()
@click.option("--rebuild", is_flag=True, help="Drop the index and embed everything again (after a model change).")
@click.pass_context
def index(ctx, rebuild):
    """Sync the index with the corpus folder: add new, replace changed, drop deleted releases."""
    library = _library(ctx)
    with library.writing():
        total = len(library.corpus_files())
        results = list(_progress(library.sync(rebuild=rebuild), desc="indexing", unit="file", total=total))
    _report(results)


@cli.command("list")
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


@cli.command()
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
    for key in ("id", "title", "date", "place", "kind", "source", "chunks"):
        click.echo(f"{key:>7}: {getattr(info, key) if getattr(info, key) is not None else '-'}")
    click.echo()
    click.echo(view.text if view.text is not None else f"(the file {info.source} is missing: run `assistant index`)")


@cli.command()
@click.argument("release_ids", nargs=-1, required=True)
@click.pass_context
def remove(ctx, release_ids):
    """Delete releases from the corpus folder and the index."""
    library = _library(ctx)
    with library.writing():
        for release_id in release_ids:
            click.echo(library.remove(release_id).line())


@cli.command()
@click.option("--repair", is_flag=True, help="Fix what is found (sync the corpus, rewrite broken releases).")
@click.pass_context
def doctor(ctx, repair):
    """Check the index against the corpus folder; exit 1 when something is wrong (and not repaired)."""
    from assistant.ingest.doctor import diagnose
    from assistant.ingest.doctor import repair as fix

    library = _library(ctx)
    with library.writing():
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


def _assistant(ctx: click.Context):
    from assistant.factory import build_assistant

    assistant = build_assistant(_settings(ctx))
    assistant.warm_up()
    return assistant


_ask_options = [
    click.option("--k", "k", type=int, help="Passages to read (default 6)."),
    click.option("--mode", type=click.Choice(["extractive", "generative"]), help="Answerer (default extractive)."),
    click.option("--since", help="Only releases dated on or after YYYY-MM-DD."),
    click.option("--until", help="Only releases dated on or before YYYY-MM-DD."),
    click.option("--release", "releases", multiple=True, help="Only this release (repeat for several); "
                 "with one, \"Summarize the release\" summarises it."),
]


def ask_options(func):
    for option in reversed(_ask_options):
        func = option(func)
    return func


@cli.command()
@click.argument("questions", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON answer object per line (DESIGN.md contract).")
@ask_options
@click.pass_context
def ask(ctx, questions, as_json, k, mode, since, until, releases):
    """Answer each question independently, citing and quoting the releases."""
    from assistant.errors import QuestionError
    from assistant.cli.terminal import answer_text

    assistant = _assistant(ctx)
    failed = False
    for i, question in enumerate(questions):
        try:
            answer = assistant.ask(question, k=k, mode=mode, since=since, until=until, release_ids=releases)
        except QuestionError as exc:
            failed = True
            if as_json:
                click.echo(json.dumps({"question": question, "error": str(exc)}, ensure_ascii=False))
            click.echo(f"error: {exc}", err=True)
            continue
        if as_json:
            click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
        else:
            if i:
                click.echo()
            click.echo(answer_text(answer))
    if failed:
        sys.exit(1)


@cli.command()
@click.option("--jsonl", is_flag=True, help='Read {"question": ..., "conversation": ...} lines, write answer lines.')
@ask_options
@click.pass_context
def chat(ctx, jsonl, k, mode, since, until, releases):
    """Multi-turn chat: follow-ups are rewritten into standalone questions."""
    from assistant.answer.pipeline import Conversation
    from assistant.errors import QuestionError
    from assistant.cli.terminal import answer_text

    assistant = _assistant(ctx)
    options = {"k": k, "mode": mode, "since": since, "until": until, "release_ids": releases}
    if jsonl:
        conversations: dict[str, Conversation] = {}
        failed = False
        for number, line in enumerate(sys.stdin, start=1):
            if not line.strip():
                continue
            try:
                request = json.loads(line)
                if not isinstance(request, dict) or not isinstance(request.get("question"), str):
                    raise ValueError('expected an object with a string "question"')
                key = str(request.get("conversation", "default"))
                conversation = conversations.setdefault(key, Conversation(assistant))
                answer = conversation.ask(request["question"], **options)
            except (ValueError, QuestionError) as exc:
                failed = True
                reason = "not JSON" if isinstance(exc, json.JSONDecodeError) else str(exc)
                click.echo(json.dumps({"line": number, "error": f"line {number}: {reason}"}), nl=True)
                click.echo(f"error: line {number}: {reason}", err=True)
                continue
            click.echo(json.dumps(answer.to_json(), ensure_ascii=False))
            sys.stdout.flush()
        if failed:
            sys.exit(1)
        return
    conversation = Conversation(assistant)
    click.echo("Ask about the releases. /new starts a new chat, /quit (or Ctrl-D) leaves.", err=True)
    while True:
        try:
            question = click.prompt("", prompt_suffix="> ", default="", show_default=False, err=True)
        except (EOFError, click.Abort):
            click.echo(err=True)
            return
        if question.strip() in {"/quit", "/exit"}:
            return
        if question.strip() == "/new":
            conversation = Conversation(assistant)
            click.echo("(new chat)", err=True)
            continue
        if not question.strip():
            continue
        try:
            click.echo(answer_text(conversation.ask(question, **options)))
        except QuestionError as exc:
            click.echo(f"error: {exc}", err=True)
        click.echo()


def _plugins() -> None:
    """Commands from outside the library (the evaluation, the web app) register by entry point."""
    from importlib.metadata import entry_points

    for entry in entry_points(group="assistant.commands"):
        if entry.name not in cli.commands:
            try:
                cli.add_command(entry.load(), entry.name)
            except ImportError as exc:  # an optional part not installed
                logging.getLogger(__name__).debug("command %s unavailable: %s", entry.name, exc)


def main() -> None:
    _plugins()
    cli(prog_name="assistant")


if __name__ == "__main__":
    main()
