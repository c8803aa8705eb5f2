"""`assistant eval`: plugged into the assistant command through the `assistant.commands` entry point
(assistant/ never imports evals/)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click


@click.command("eval")
@click.option("--dataset", default="seed", show_default=True,
              help="seed, senate, squad, tasks, intents, feedback (the web chat's votes, on the configured "
                   "index), a path to a JSONL file, or several joined by commas (side by side).")
@click.option("--split", type=click.Choice(["test", "dev", "all"]), default="test", show_default=True)
@click.option("--json", "as_json", is_flag=True, help="Print the summary (all systems, ratios) as JSON.")
@click.option("--no-baselines", is_flag=True, help="Run the assistant alone.")
@click.option("--gate", is_flag=True, help="Exit 1 when a gate in evals/gates.json is missed (feedback: when a "
                                          "scored vote is answered wrong).")
@click.option("--workdir", type=click.Path(path_type=Path), help="Where evaluation corpora and indexes are kept.")
@click.option("--use-index", is_flag=True, help="Evaluate on the configured corpus and index as they are.")
@click.pass_context
def eval_command(ctx, dataset, split, as_json, no_baselines, gate, workdir, use_index):
    """Evaluate the assistant and the baselines on a Q/A set; write a report folder with plots."""
    from tqdm import tqdm

    from assistant.settings import Settings

    from .dataset import DatasetError
    from .feedback import regressions, review_note
    from .gates import missed
    from .harness import evaluate
    from .report import side_by_side, table, write

    settings = Settings.load(**(ctx.obj or {}).get("overrides", {}))
    reports, failures = [], []
    for name in [d.strip() for d in dataset.split(",") if d.strip()]:
        def progress(items, name=name):
            return tqdm(items, desc=f"evaluating {name}", unit="item", file=sys.stderr)

        try:
            report = evaluate(name, split=split, baselines=not no_baselines, settings=settings,
                              workdir=workdir, progress=progress, use_index=use_index)
        except DatasetError as exc:
            raise click.ClickException(str(exc)) from None
        folder = write(report)
        reports.append(report)
        if as_json:
            data = report.to_json()
            click.echo(json.dumps({"dataset": name, "split": split, "report": str(folder),
                                   "summary": {n: s["summary"] for n, s in data["systems"].items()},
                                   "ratios": data["ratios"]}, indent=2))
        else:
            click.echo(f"## {name} ({split})\n\n" + table(report))
            click.echo(f"report: {folder}/report.md", err=True)
        if report.dataset == "feedback" and review_note(report):
            click.echo(review_note(report), err=True)
        failures += [f"{name}: {f}" for f in missed(report)]
        if report.dataset == "feedback":  # every scored vote is its own gate
            failures += [f"{name}: {f}" for f in regressions(report)]
    if len(reports) > 1 and not as_json:
        click.echo("## Side by side\n\n" + side_by_side(reports))
    for failure in failures:
        click.echo(f"gate missed: {failure}", err=True)
    if gate and failures:
        sys.exit(1)
