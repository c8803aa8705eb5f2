"""Writes a run folder: report.json (every number, every question), report.md (tables), PNG plots."""

from __future__ import annotations

import json
import os
from pathlib import Path

from .harness import Report
from .tasks import METRICS as TASK_METRICS
from .tasks import TASK_DATASETS

REPORTS = Path(os.environ.get("ASSISTANT_REPORTS_DIR", Path(__file__).resolve().parent / "reports"))
METRICS = ["correctness", "fact_recall", "token_f1", "citation_precision", "citation_recall", "supported_rate",
           "refusal_recall", "refusal_precision", "false_refusal_rate", "followup_accuracy", "followup_answered",
           "followup_refused", "rewrite_accuracy", "topic_change_accuracy", "short_answer_precision", "short_answers_right",
           "verdict_precision", "verdicts_right",
           "recall_at_5", "mrr", "ece", "latency_p50_ms", "latency_p95_ms"]


def write(report: Report, root: Path | None = None) -> Path:
    root = root or REPORTS
    folder = root / f"{report.created.replace(':', '').replace('-', '')}-{report.dataset}-{report.split}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "report.json").write_text(json.dumps(report.to_json(), indent=2, ensure_ascii=False))
    (folder / "report.md").write_text(markdown(report))
    plot_metrics(report, folder / "metrics.png")
    plot_latency(report, folder / "latency.png")
    if "calibration" in report.systems["assistant"]:
        plot_calibration(report, folder / "calibration.png")
    latest = root / f"latest-{report.dataset}"
    if latest.is_symlink() or latest.exists():
        latest.unlink()
    os.symlink(folder.name, latest)
    (root / "LATEST.md").write_text(
        f"# Newest evaluation runs\n\nNewest `{report.dataset}` run: [{folder.name}]({folder.name}/report.md) "
        f"(also `evals/reports/latest-{report.dataset}/`).\n\n" + table(report)
    )
    return folder


def metrics_for(report: Report) -> list[str]:
    return TASK_METRICS if report.dataset in TASK_DATASETS else METRICS


def _fmt(value) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:.3f}" if isinstance(value, float) and value <= 1.0 else f"{value}"


def table(report: Report) -> str:
    """Each metric for every system, the assistant's 95% bootstrap interval (`intervals.py`) beside its
    value, and the assistant's ratio to each baseline."""
    names = list(report.systems)
    ratios = report.ratios()
    intervals = report.systems["assistant"].get("intervals") if "assistant" in report.systems else None
    columns = [names[0], *(["95% interval"] if intervals is not None else []), *names[1:]]
    head = "| metric | " + " | ".join(columns) + " | " + " | ".join(f"assistant ÷ {n}" for n in names[1:]) + " |"
    lines = [head, "|" + "---|" * (1 + len(columns) + len(names) - 1)]
    for metric in metrics_for(report):
        if all(report.systems[n]["summary"].get(metric) is None for n in names):
            continue
        values = [_fmt(report.systems[n]["summary"].get(metric)) for n in names]
        if intervals is not None:
            values.insert(1, _interval(intervals.get(metric)))
        rs = [_fmt(ratios[n].get(metric)) if ratios.get(n) else "–" for n in names[1:]]
        lines.append(f"| {metric} | " + " | ".join(values) + (" | " + " | ".join(rs) if rs else "") + " |")
    return "\n".join(lines) + "\n"


def differences(report: Report) -> list[str]:
    """Markdown lines: per metric, the assistant's score less each baseline's with its paired 95% interval
    (`intervals.paired`); nothing when no baseline carries one."""
    baselines = [n for n in report.systems if n != "assistant" and report.systems[n].get("difference")]
    if not baselines:
        return []
    lines = ["## The assistant less each baseline, same questions (paired 95% interval)", "",
             "An interval that holds 0: this split cannot tell the two apart.", "",
             "| metric | " + " | ".join(baselines) + " |", "|---|" + "---|" * len(baselines)]
    for metric in metrics_for(report):
        cells = [_difference(report, n, metric) for n in baselines]
        if any(c != "–" for c in cells):
            lines.append(f"| {metric} | " + " | ".join(cells) + " |")
    return lines + [""]


def _difference(report: Report, baseline: str, metric: str) -> str:
    mine, theirs = report.summary().get(metric), report.summary(baseline).get(metric)
    bounds = report.systems[baseline]["difference"].get(metric)
    if not isinstance(mine, (int, float)) or not isinstance(theirs, (int, float)) or not bounds:
        return "–"
    return f"{mine - theirs:+.3f} ({bounds[0]:+.3f} to {bounds[1]:+.3f})"


def _interval(bounds: list[float] | None) -> str:
    return "–" if not bounds else f"{_fmt(bounds[0])}–{_fmt(bounds[1])}"


def markdown(report: Report) -> str:
    if report.dataset in TASK_DATASETS:
        return tasks_markdown(report)
    c = report.corpus
    out = [f"# Evaluation: {report.dataset} ({report.split} split)", "",
           f"Run {report.created}; corpus {c['releases']} releases, {c['chunks']} chunks; model {c['embedding_model']}; "
           f"fusion {c['fusion']} (dense weight {c['dense_weight']}).", "",
           "## Metrics, assistant and baselines side by side", "", table(report), "",
           *differences(report), "![metrics](metrics.png)", "", "![latency](latency.png)", "", *calibration_section(report),
           "## Per question (assistant)", "",
           "| id | question | answer | correct | cited | refused | evidence rank |" + "".join(
               f" {n} correct |" for n in list(report.systems)[1:]),
           "|---|---|---|---|---|---|---|" + "---|" * (len(report.systems) - 1)]
    others = {n: {r["id"]: r for r in report.systems[n]["questions"]} for n in list(report.systems)[1:]}
    for row in report.systems["assistant"]["questions"]:
        answer = row["answer"].replace("|", "\\|").replace("\n", " ")
        cells = [row["id"], row["question"].replace("|", "\\|"), answer[:160] + ("…" if len(answer) > 160 else ""),
                 _mark(row["correct"]), _mark(row["cited_evidence"]), _mark(row["abstained"]),
                 str(row["retrieval_rank"] or "–")]
        cells += [_mark(others[n].get(row["id"], {}).get("correct")) for n in others]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"


def _mark(value) -> str:
    return "–" if value is None else ("yes" if value else "no")


def plot_metrics(report: Report, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import numpy as np

    shown = [m for m in metrics_for(report) if not m.startswith("latency")
             and any(report.systems[n]["summary"].get(m) is not None for n in report.systems)]
    names = list(report.systems)
    x = np.arange(len(shown))
    width = 0.8 / len(names)
    fig, ax = plt.subplots(figsize=(max(8, len(shown) * 0.9), 4.5))
    for i, name in enumerate(names):
        values = [report.systems[name]["summary"].get(m) or 0.0 for m in shown]
        ax.bar(x + i * width - 0.4 + width / 2, values, width, label=name)
    ax.set_xticks(x, shown, rotation=35, ha="right")
    ax.set_ylim(0, 1.05)
    ax.set_title(f"{report.dataset} ({report.split}): assistant vs baselines")
    ax.legend(ncol=len(names), fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def plot_latency(report: Report, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = list(report.systems)
    data = [[r["latency_ms"] for r in report.systems[n]["questions"]] for n in names]
    fig, ax = plt.subplots(figsize=(7, 4))
    ax.boxplot(data, showfliers=True)
    ax.set_xticks(range(1, len(names) + 1), names)
    ax.set_ylabel("latency per question (ms)")
    ax.set_title(f"{report.dataset} ({report.split}): latency distribution")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def calibration_section(report: Report) -> list[str]:
    data = report.systems["assistant"].get("calibration")
    if not data:
        return []
    out = ["## Confidence and the refusal threshold", "",
           f"Expected calibration error {_fmt(report.summary().get('ece'))} (10 equal-width bins; the event is "
           "\"the best sentence answers\", false for every unanswerable question).", "",
           *_ece_floor(data.get("ece_if_calibrated")),
           "![calibration](calibration.png)", "",
           "| threshold | correct (answerable) | false refusals | right refusals (unanswerable) |", "|---|---|---|---|"]
    for row in data["tradeoff"]:
        out.append(f"| {row['threshold']:.2f} | {_fmt(row['correct'])} | {_fmt(row['false_refusals'])} | "
                   f"{_fmt(row['right_refusals'])} |")
    return out + [""]


def _ece_floor(floor: dict | None) -> list[str]:
    if not floor:
        return []
    return [f"A perfectly calibrated answerer with these confidences would show an ECE of {_fmt(floor['mean'])} "
            f"on these {floor['questions']} questions from sampling alone (95th percentile {_fmt(floor['p95'])}).", ""]


def plot_calibration(report: Report, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    data = report.systems["assistant"]["calibration"]
    fig, (left, right) = plt.subplots(1, 2, figsize=(11, 4.5))
    bins = data["reliability"]
    left.plot([0, 1], [0, 1], "--", color="grey", label="perfect")
    left.plot([b["confidence"] for b in bins], [b["accuracy"] for b in bins], "o-", label="assistant")
    for b in bins:
        left.annotate(str(b["count"]), (b["confidence"], b["accuracy"]), fontsize=7, xytext=(3, -9),
                      textcoords="offset points")
    left.set_xlabel("reported confidence")
    left.set_ylabel("share whose best sentence answers")
    left.set_title(f"reliability (ECE {_fmt(report.summary().get('ece'))})")
    left.legend()
    curve = data["tradeoff"]
    xs = [r["threshold"] for r in curve]
    for key, label in (("correct", "correct (answerable)"), ("false_refusals", "false refusals"),
                       ("right_refusals", "right refusals (unanswerable)")):
        ys = [r[key] for r in curve]
        if any(y is not None for y in ys):
            right.plot(xs, [y if y is not None else float("nan") for y in ys], label=label)
    right.set_xlabel("refusal threshold on the confidence")
    right.set_ylim(0, 1.02)
    right.set_title("refusal trade-off")
    right.legend(fontsize=8)
    fig.suptitle(f"{report.dataset} ({report.split})")
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def side_by_side(reports: list[Report], systems: tuple[str, ...] = ("assistant", "top_sentence")) -> str:
    """One table: each metric for the assistant (with its 95% interval) and its closest baseline on each dataset."""
    columns = [(r, n) for r in reports for n in systems if n in r.systems]
    head = "| metric | " + " | ".join(f"{r.dataset} {n}" for r, n in columns) + " |"
    lines = [head, "|" + "---|" * (1 + len(columns))]
    metrics = list(dict.fromkeys(m for r in reports for m in metrics_for(r)))
    for metric in metrics:
        values = [r.systems[n]["summary"].get(metric) for r, n in columns]
        if any(v is not None for v in values):
            cells = [_fmt(v) + _bracketed(r.systems[n].get("intervals", {}).get(metric) if v is not None else None)
                     for v, (r, n) in zip(values, columns)]
            lines.append(f"| {metric} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def _bracketed(bounds: list[float] | None) -> str:
    return f" ({_interval(bounds)})" if bounds else ""


def tasks_markdown(report: Report) -> str:
    c = report.corpus
    out = [f"# Evaluation: {report.dataset} ({report.split} split)", "",
           f"Run {report.created}; corpus {c['releases']} releases, {c['chunks']} chunks; {c['embedding_model']}.", "",
           "## Metrics, assistant and baselines side by side", "", table(report), "", *differences(report),
           "![metrics](metrics.png)", "",
           "![latency](latency.png)", "", "## Intents taken (rows: gold, columns: taken)", ""]
    confusion = report.systems["assistant"]["confusion"]
    labels = sorted({k for row in confusion.values() for k in row} | set(confusion))
    out += ["| gold \\ taken | " + " | ".join(labels) + " |", "|---|" + "---|" * len(labels)]
    for gold in sorted(confusion):
        out.append(f"| {gold} | " + " | ".join(str(confusion[gold].get(t, 0)) for t in labels) + " |")
    out += ["", "## Per question (assistant)", "",
            "| id | intent | taken | question | coverage | precision | recall | period | latest | fact | answer |",
            "|---|---|---|---|---|---|---|---|---|---|---|"]
    for row in report.systems["assistant"]["questions"]:
        answer = row["answer"].replace("|", "\\|").replace("\n", " ")
        cells = [row["id"], row["intent"], row["predicted_intent"] or "–", row["question"].replace("|", "\\|"),
                 _fmt(row["coverage"]), _fmt(row["precision"]), _fmt(row["recall"]), _mark(row["period_correct"]),
                 _mark(row["latest_correct"]), _mark(row["fact_correct"]), answer[:140] + ("…" if len(answer) > 140 else "")]
        out.append("| " + " | ".join(cells) + " |")
    return "\n".join(out) + "\n"
