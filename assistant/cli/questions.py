"""The question commands: ask (one-shot, --json per the DESIGN.md contract) and chat (a terminal
conversation, or --jsonl conversations by id on standard input)."""

from __future__ import annotations

import json
import sys

import click

from assistant.cli.terminal import answer_text
from assistant.errors import QuestionError
from assistant.settings import Settings


def _assistant(ctx: click.Context):
    """The assistant over the index; an index that holds no release yet is first built from the corpus
    folder, as `serve` does (else every answer would be "the releases don't say" right after set-up)."""
    from assistant.factory import build_assistant, build_library

    settings = Settings.load(**ctx.obj["overrides"])
    library = build_library(settings)
    if not library.releases() and library.corpus_files():
        click.echo(f"the index is empty: indexing {settings.corpus_dir} first", err=True)
        with library.writing():
            for result in library.sync():
                click.echo(result.line(), err=True)
    assistant = build_assistant(settings, library=library)
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


@click.command()
@click.argument("questions", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON answer object per line (DESIGN.md contract).")
@ask_options
@click.pass_context
def ask(ctx, questions, as_json, k, mode, since, until, releases):
    """Answer each question independently, citing and quoting the releases."""
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


@click.command()
@click.option("--jsonl", is_flag=True, help='Read {"question": ..., "conversation": ...} lines, write answer lines.')
@ask_options
@click.pass_context
def chat(ctx, jsonl, k, mode, since, until, releases):
    """Multi-turn chat: follow-ups are rewritten into standalone questions."""
    options = {"k": k, "mode": mode, "since": since, "until": until, "release_ids": releases}
    (_chat_jsonl if jsonl else _chat_terminal)(_assistant(ctx), options)


def _chat_jsonl(assistant, options: dict) -> None:
    """One answer line per question line; a bad line gets an error line, and the exit status is 1."""
    from assistant.answer.pipeline import Conversation

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


def _chat_terminal(assistant, options: dict) -> None:
    from assistant.answer.pipeline import Conversation

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


COMMANDS = (ask, chat)
