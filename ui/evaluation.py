"""The evaluation tab: run a dataset, show the metric table against the baselines, both plots and the
per-question table."""

from __future__ import annotations

import logging

import gradio as gr

from assistant.settings import Settings

log = logging.getLogger(__name__)

DATASETS = ["seed", "senate", "squad", "tasks", "intents"]


def evaluate(settings: Settings, dataset: str, split: str, progress=gr.Progress()):
    from evals.harness import evaluate as run  # the harness is heavy: imported when an evaluation runs
    from evals.report import table, write

    report = run(dataset, split=split, settings=settings, progress=lambda items: progress.tqdm(items))
    folder = write(report)
    log.info("evaluated %s (%s split) into %s", dataset, split, folder)
    questions = report.systems["assistant"]["questions"]
    if "passed" in (questions or [{}])[0]:  # summaries, lists, searches, intents
        rows = [[r["id"], r["question"], r["answer"][:300], _yes(r["passed"]), _yes(bool(r["cited_releases"])),
                 _yes(r["abstained"])] for r in questions]
    else:
        rows = [[r["id"], r["question"], r["answer"][:300], _yes(r["correct"]), _yes(r["cited_evidence"]),
                 _yes(r["abstained"])] for r in questions]
    return (table(report) + f"\n\nReport folder: `{folder}`", str(folder / "metrics.png"),
            str(folder / "latency.png"), rows)


def _yes(value) -> str:
    return "–" if value is None else ("yes" if value else "no")


def evaluation_tab(settings: Settings) -> None:
    """Lays out the tab inside the current `gr.Tab`; `/evaluate` is its endpoint."""
    with gr.Row():
        dataset = gr.Dropdown(DATASETS, value="seed", label="Dataset")
        split = gr.Radio(["test", "dev", "all"], value="test", label="Split")
        run = gr.Button("Run evaluation", variant="primary", elem_id="run-eval")
    metrics = gr.Markdown(elem_id="eval-table")
    with gr.Row():
        plot = gr.Image(label="Assistant vs baselines", type="filepath")
        latency = gr.Image(label="Latency", type="filepath")
    per_question = gr.Dataframe(headers=["id", "question", "answer", "correct", "cited", "refused"],
                                interactive=False, label="Per question", wrap=True)

    def run_evaluation(dataset: str, split: str, progress=gr.Progress()):
        return evaluate(settings, dataset, split, progress)

    run.click(run_evaluation, [dataset, split], [metrics, plot, latency, per_question], api_name="evaluate",
              concurrency_limit=1)
