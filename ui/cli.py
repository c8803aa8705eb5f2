"""`assistant serve`: plugged into the assistant command through the `assistant.commands` entry point."""

from __future__ import annotations

import click


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to bind (loopback by default).")
@click.option("--port", default=7860, show_default=True, type=int)
@click.pass_context
def serve(ctx, host, port):
    """Serve the web chat (builds the index from the corpus first if it is missing or out of date)."""
    from assistant.answer import grammar
    from assistant.factory import build_assistant, build_library
    from assistant.settings import Settings

    from .app import create_app, launch

    settings = Settings.load(**(ctx.obj or {}).get("overrides", {}))
    library = build_library(settings)
    with library.writing():
        changed = [r for r in library.sync() if r.status.value != "unchanged"]
    for result in changed:
        click.echo(result.line(), err=True)
    assistant = build_assistant(settings, library=library)
    assistant.warm_up()
    grammar.warm_up()  # a chat's first follow-up would wait a second for the parser
    click.echo(f"serving on http://{host}:{port}", err=True)
    launch(create_app(assistant, library), settings, host, port)
