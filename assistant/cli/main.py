"""The `assistant` command: the group (its options become settings), one-line library errors, and the
commands of the other modules: corpus.py (add, index, list, show, remove, doctor), questions.py (ask,
chat) and, by entry point, the ones from outside the library (eval, bench, serve)."""

from __future__ import annotations

import logging
from pathlib import Path

import click

from assistant.cli import corpus, questions
from assistant.errors import AssistantError


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
    # every command, here or plugged in, builds its Settings from these: Settings.load(**ctx.obj["overrides"])
    ctx.obj = {"overrides": {k: v for k, v in overrides.items() if v is not None}}


for _command in (*corpus.COMMANDS, *questions.COMMANDS):
    cli.add_command(_command)


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
