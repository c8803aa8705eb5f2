"""The evaluation tab: run a dataset, show the metric table against the baselines with a legend, both
plots and the per-question table; a dataset that cannot be built or evaluated gets one line saying why."""

from __future__ import annotations

import logging

import gradio as gr

from assistant.errors import AssistantError
from assistant.settings import Settings

log = logging.getLogger(__name__)

DATASETS = ["seed", "senate", "squad", "tasks", "intents", "followups", "feedback"]

# one line per metric the reports show (evals/report.py METRICS, evals/tasks.py METRICS), in plain words
METRIC_LEGEND = {
    "correctness": "share of answerable questions answered with every key fact, not refused",
    "fact_recall": "share of the key facts found in the answer, averaged over answerable questions",
    "token_f1": "word overlap between the answer and the reference answer (0 to 1)",
    "citation_precision": "share of cited passages that hold the evidence or a key fact",
    "citation_recall": "share of answerable questions whose citations include the evidence passage",
    "supported_rate": "share of citations whose quoted sentence was checked as supporting the answer",
    "refusal_recall": "share of unanswerable questions the assistant refused (\"the releases don't say\")",
    "refusal_precision": "share of refusals that were right (the question was unanswerable)",
    "false_refusal_rate": "share of answerable questions refused anyway (lower is better)",
    "followup_accuracy": "share of follow-up questions in conversations answered correctly",
    "rewrite_accuracy": "share of follow-up questions whose standalone rewrite names what they leave implicit (gold referents)",
    "short_answer_precision": "share of the short answers marked inside a quote that give a key fact (token F1 >= 0.5)",
    "short_answers_right": "share of answerable questions answered with a marked short answer that gives a key fact",
    "verdict_precision": "share of the answers' \"Yes\" / \"No\" that are right (a yes or no to a question the release leaves open, or to a wh-question, is wrong)",
    "verdicts_right": "share of answerable yes/no questions answered with the right \"Yes\" or \"No\"",
    "followup_answered": "share of answerable follow-up questions answered correctly",
    "followup_refused": "share of unanswerable follow-up questions refused",
    "topic_change_accuracy": "share of questions about another release, asked after a conversation's first answer, answered correctly",
    "recall_at_5": "share of answerable questions whose evidence is in the top 5 retrieved passages",
    "mrr": "mean reciprocal rank of the first passage holding the evidence (1 = always ranked first)",
    "ece": "expected calibration error: gap between the reported confidence and how often it is right "
           "(lower is better)",
    "latency_p50_ms": "median time to answer one question, in milliseconds",
    "latency_p95_ms": "95th-percentile time to answer one question, in milliseconds",
    "intent_accuracy": "share of questions whose kind (fact, summary, list, search, latest) was recognised",
    "summary_coverage": "share of a release's (or a topic's) key points that some quoted sentence of the summary covers",
    "part_coverage": "the same, for summaries of what one release says about one part of what it covers",
    "summary_repeat_rate": "share of summaries that quote the same thing twice (lower is better)",
    "list_precision": "share of listed sentences that name a gold item",
    "list_recall": "share of gold items the list names",
    "count_accuracy": "share of \"how many\" lists whose count is the number of gold items",
    "search_precision": "share of releases found that are gold matches",
    "search_recall": "share of gold matching releases found",
    "period_accuracy": "share of questions whose period (\"in March 2006\") was read as the gold one",
    "latest_accuracy": "share of \"latest\" questions citing the newest matching release",
    "fact_correctness": "share of one-fact questions answered with every key fact",
    "task_false_refusals": "share of answerable summaries, lists, searches and \"latest\" questions answered with nothing",
    "unanswerable_refused": "share of summaries, lists, searches and \"latest\" about what no release covers answered with nothing",
}
COLUMN_LEGEND = {
    "correct": "this answer was right (for feedback: it cites the expected sentence, or refuses when it should)",
    "cited": "a citation holds the evidence (for tasks: the answer cites a release)",
    "refused": "the assistant answered \"the releases in the corpus don't say\"",
}
SYSTEMS_NOTE = ("Columns: the assistant, the range its score could take on other questions of the same kind "
                "(95% interval: the questions drawn again with replacement 1,000 times), then baselines on the same "
                "questions (top_sentence: always quote the top-ranked sentence; tutorial: LangChain tutorial "
                "pipeline; bm25 / dense: top passage of one retriever); \"assistant ÷ x\" is the assistant's "
                "score divided by x's.")


def legend(report) -> str:
    """A line per metric in the report's table (those with a value) and per per-question column."""
    from evals.report import metrics_for

    shown = [m for m in metrics_for(report)
             if any(s["summary"].get(m) is not None for s in report.systems.values())]
    lines = [f"- **{m}**: {METRIC_LEGEND.get(m, 'see README, Evaluation')}" for m in shown]
    lines += [f"- **{c}**: {text}" for c, text in COLUMN_LEGEND.items()]
    return "**What the numbers mean**\n\n" + "\n".join(lines) + "\n\n" + SYSTEMS_NOTE


def evaluate(settings: Settings, dataset: str, split: str, progress=gr.Progress(), assistant=None):
    """Markdown table (or a one-line message), legend, the two plots and the per-question rows.
    `assistant` is the running one: the feedback set is asked of it, on its own index."""
    from evals.dataset import DatasetError
    from evals.harness import evaluate as run  # the harness is heavy: imported when an evaluation runs
    from evals.report import differences, table, write

    try:
        report = run(dataset, split=split, settings=settings, progress=lambda items: progress.tqdm(items),
                     assistant=assistant if dataset == "feedback" else None)
        folder = write(report)
    except (DatasetError, AssistantError, OSError) as exc:  # cannot be built or evaluated: say why, in one line
        log.warning("evaluation of %s failed: %s", dataset, exc)
        return f"⚠ Cannot evaluate {dataset}: {exc}", "", None, None, []
    except Exception as exc:  # a bug: still one line on the page (not a bare "Error" badge), the trace in the log
        log.exception("evaluation of %s failed", dataset)
        return f"⚠ Evaluation of {dataset} failed: {type(exc).__name__}: {exc}", "", None, None, []
    log.info("evaluated %s (%s split) into %s", dataset, split, folder)
    questions = report.systems["assistant"]["questions"]
    if report.dataset in ("tasks", "intents"):  # summaries, lists, searches, intents
        rows = [[r["id"], r["question"], r["answer"][:300], _yes(r["passed"]), _yes(bool(r["cited_releases"])),
                 _yes(r["abstained"])] for r in questions]
    else:
        kind = (lambda r: f" ({r['kind']})") if dataset == "feedback" else (lambda r: "")  # line-3 (to review)
        rows = [[r["id"] + kind(r), r["question"], r["answer"][:300], _yes(r["correct"]), _yes(r["cited_evidence"]),
                 _yes(r["abstained"])] for r in questions]
    text = table(report) + "\n" + "\n".join(differences(report)) + f"\n\nReport folder: `{folder}`"
    if dataset == "feedback":
        from evals.feedback import review_note

        note = review_note(report)
        text += f"\n\n{note}" if note else ""
    return text, legend(report), str(folder / "metrics.png"), str(folder / "latency.png"), rows


def _yes(value) -> str:
    return "–" if value is None else ("yes" if value else "no")


def evaluation_tab(settings: Settings, assistant=None) -> None:
    """Lays out the tab inside the current `gr.Tab`; `/evaluate` is its endpoint."""
    with gr.Column(elem_id="evaluation-tab"):
        with gr.Row():
            dataset = gr.Dropdown(DATASETS, value="seed", label="Dataset", elem_id="eval-dataset",
                                  info="feedback: the questions voted on in the chat, on this index")
            split = gr.Radio(["test", "dev", "all"], value="test", label="Split")
            run = gr.Button("Run evaluation", variant="primary", elem_id="run-eval")
        metrics = gr.Markdown(elem_id="eval-table")
        explained = gr.Markdown(elem_id="eval-legend")
        with gr.Row():
            plot = gr.Image(label="Assistant vs baselines", type="filepath")
            latency = gr.Image(label="Latency", type="filepath")
        per_question = gr.Dataframe(headers=["id", "question", "answer", "correct", "cited", "refused"],
                                    interactive=False, label="Per question", wrap=True, elem_id="eval-per-question",
                                    column_widths=["12%", "25%", "40%", "8%", "7%", "8%"])

    def run_evaluation(dataset: str, split: str, progress=gr.Progress()):
        return evaluate(settings, dataset, split, progress, assistant)

    run.click(run_evaluation, [dataset, split], [metrics, explained, plot, latency, per_question],
              api_name="evaluate", concurrency_limit=1)
