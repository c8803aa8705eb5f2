"""Chooses how near the best release's match a listed sentence's release must be (`list_release_gap` in
tasks.json) and how sure of its best item the list reader must be for a list to be given
(`list_least_item`), on list questions written for training, not on the evaluation's:

    python -m evals.tune_lists [--write | --list-reader DIR] \
        [--questions assistant/reader/list_data/list_questions_added.jsonl.gz] \
        [--unanswerable assistant/reader/list_data/list_unanswerable.jsonl.gz] \
        [--releases ../shared/data/senate-press-releases-10k.jsonl.gz]

- data: the 250 list questions the shipped list reader was not trained on (on its own training
  questions its probabilities are surer than served), over releases of the shared Senate collection
  that the evaluation never uses, indexed with the assistant's own ingest beside `--background` others;
- each question is answered as a list is served (its period and issuer filter, the coverage bar, the
  list reader, the shipped share of the best score), then its sentences are kept only from releases
  whose match probability is within the gap of the best release's;
- the measure: mean list F1 (precision of the sentences listed, recall of the items), per writer too;
  the widest gap within 0.005 of the best is chosen (the least filtering that does as well);
- the bar on the list reader's best item below which the one-fact answer is given instead of a list
  (`list_least_item`): the highest within 0.005 of the best F1, with each bar's precision, recall and
  list length printed;
- what the list reader's answer bar (`list_item_answer`) costs: per bar, the answerable lists refused
  and their F1, beside how many of the 100 list questions no indexed release answers
  (`list_unanswerable.jsonl.gz`, `--unanswerable`) it refuses. Printed; the bar is chosen by tune_tasks.

The 16 dev lists of the tasks evaluation are too few to choose this on (a gap's gain there is under
tune_tasks' MIN_GAIN); `assistant eval --dataset tasks --split dev` checks the choice on them."""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass, replace
from pathlib import Path
from statistics import mean

from assistant.answer.listing import ListReading
from assistant.answer.tasks import CONFIG, TaskAnswerer, TaskConfig
from assistant.reader.onnx_reader import Reader
from assistant.reader.train_list_reader import indexed_releases, load_questions
from assistant.settings import Settings

from .senate import read_jsonl, rows, temporary_assistant
from .tasks import list_f1, list_precision_recall
from .tune_tasks import item_auc, request_of

GAPS = (0.1, 0.2, 0.3, 0.5, 1.0)  # 1.0: any release
RATIOS = (0.1, 0.2, 0.3)
BARS = (0.0, 0.02, 0.05, 0.1, 0.2, 0.5)  # the list reader's bar for an answer (list_item_answer)
LEAST_ITEMS = (None, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5)  # the list reader's best item below which no list is given
LIST_DATA = Path(__file__).resolve().parents[1] / "assistant" / "reader" / "list_data"


@dataclass
class ReadList:
    id: str
    items: list[list[str]]
    covered: bool  # TaskAnswerer.list_covered: otherwise nothing is listed at any gap
    reading: ListReading  # every candidate, before the release filter
    matches: dict[str, float] | None  # what the release filter holds its releases to (TaskAnswerer.topic_probabilities)


def read_lists(tasks: TaskAnswerer, questions: list[dict], reference) -> list[ReadList]:
    out = []
    for q in questions:
        request = request_of(q["question"], tasks.store, reference)
        matches = tasks.topic_probabilities(request, tasks.filter_passages(request))
        reading = tasks.list_reading(request)
        out.append(ReadList(q["id"], q["items"], tasks.list_covered(matches, reading), reading, matches))
    return out


def read_question_sets(args: argparse.Namespace, list_reader: Path | None = None) -> tuple[list[ReadList], list[ReadList]]:
    """The answerable (`args.questions`) and unanswerable (`args.unanswerable`) list questions, read as
    served over an index of the answerable ones' releases and `args.background` others drawn with
    `args.seed`, the evaluation's (`args.exclude`) dropped; by `list_reader` (a folder) instead of the
    shipped list reader when given."""
    excluded = {r["id"] for r in rows(args.exclude)}
    questions = load_questions(args.questions, excluded)
    # the evaluation's releases are dropped from the draw, not avoided in it: a redraw would index other
    # releases than the unanswerable questions were checked against (list_unanswerable.md)
    drawn = indexed_releases(questions, args.releases, args.background, args.seed)
    with temporary_assistant([r for r in drawn if r["id"] not in excluded]) as assistant:
        assistant.warm_up()
        tasks = assistant.tasks
        if list_reader:
            tasks.list_reader = Reader(list_reader, threads=Settings.load().reader_threads)
            print(f"lists read by {list_reader}")
        reference = assistant.reference_day()
        unanswerable = [{**q, "items": []} for q in read_jsonl(args.unanswerable)]
        return read_lists(tasks, questions, reference), read_lists(tasks, unanswerable, reference)


def listed(read: ReadList, ratio: float, weight: float, gap: float, least_item: float | None) -> list[str]:
    """The sentences the list answer quotes at these settings."""
    kept = read.reading.from_releases(read.matches, gap).choose(ratio, weight, least_item) if read.covered else []
    return [s.text for s in kept]


def served_f1(read: ReadList, ratio: float, weight: float, gap: float, least_item: float | None = None) -> float:
    return list_f1(read.items, listed(read, ratio, weight, gap, least_item))


def least_item_table(read: list[ReadList], unanswerable: list[ReadList], config: TaskConfig) -> dict[float | None, float]:
    """Per bar on the list reader's best item (below it the one-fact answer is given): mean list F1,
    precision (of the lists not refused) and recall, the sentences a list quotes (mean, and the share of lists over 10), the lists
    answered as one fact, and the unanswerable lists answered; returns the F1 by bar."""
    out = {}
    for least in LEAST_ITEMS:
        quoted = [listed(r, config.list_ratio, config.list_item_weight, config.list_release_gap, least) for r in read]
        pr = [list_precision_recall(r.items, q) for r, q in zip(read, quoted)]
        out[least] = round(mean(list_f1(r.items, q) for r, q in zip(read, quoted)), 4)
        fell_back = sum(r.covered and r.reading.answers and r.reading.no_list(least) for r in read)
        answered_wrongly = sum(bool(listed(r, config.list_ratio, config.list_item_weight, config.list_release_gap, least))
                               for r in unanswerable)
        print(f"least item {least}: list F1 {out[least]}, precision of the lists given "
              f"{mean(p for p, _ in pr if p is not None):.4f}, recall "
              f"{mean(r for _, r in pr):.4f}, sentences quoted {mean(map(len, quoted)):.1f} (over 10: "
              f"{mean(len(q) > 10 for q in quoted):.3f}), one-fact answers {fell_back} of {len(read)}, "
              f"unanswerable answered {answered_wrongly} of {len(unanswerable)}")
    return out


def refused_at(read: ReadList, bar: float, gap: float) -> bool:
    """Is the list refused with the list reader's answer bar at `bar` (or its topic not covered)?"""
    reading = replace(read.reading, item_answer=bar)
    return not (read.covered and reading.from_releases(read.matches, gap).answers)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, default=LIST_DATA / "list_questions_added.jsonl.gz")
    parser.add_argument("--releases", type=Path, default=Path("../shared/data/senate-press-releases-10k.jsonl.gz"))
    parser.add_argument("--exclude", type=Path, default=Path(__file__).parent / "datasets" / "senate-releases.jsonl.gz",
                        help="releases no question may use: the evaluation's")
    parser.add_argument("--background", type=int, default=400, help="other releases indexed beside the questions'")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--unanswerable", type=Path, default=LIST_DATA / "list_unanswerable.jsonl.gz",
                        help="list questions no indexed release answers: what each answer bar refuses rightly")
    choice = parser.add_mutually_exclusive_group()
    choice.add_argument("--write", action="store_true", help=f"write the chosen gap and least item to {CONFIG}")
    choice.add_argument("--list-reader", type=Path, metavar="DIR",
                        help="read the lists with this list reader (a trained candidate's folder) instead of the shipped one")
    args = parser.parse_args(argv)
    if not args.unanswerable.is_file():
        parser.error(f"--unanswerable {args.unanswerable}: no such file")

    config = TaskConfig.read()
    read, read_unanswerable = read_question_sets(args, args.list_reader)
    shipped_gap = config.list_release_gap
    print("list reader, mean per-question AUC of item sentences: every candidate",
          round(item_auc([(r, r.reading) for r in read]), 4), "those of releases within the shipped gap",
          round(item_auc([(r, r.reading.from_releases(r.matches, shipped_gap)) for r in read]), 4))
    print(f"{len(read)} list questions, {sum(r.covered and r.reading.answers for r in read)} answered before "
          f"the release filter, {sum(r.matches is None for r in read)} name only a period or an issuer")
    uncovered = sum(not r.covered for r in read)
    for bar in sorted({*BARS, config.list_item_answer or 0.0}):  # the answerable and unanswerable lists each bar refuses
        at_bar = [replace(r, reading=replace(r.reading, item_answer=bar)) for r in read]
        refused = sum(refused_at(r, bar, shipped_gap) for r in read)
        f1 = mean(served_f1(r, config.list_ratio, config.list_item_weight, shipped_gap, config.list_least_item) for r in at_bar)
        rightly = sum(refused_at(r, bar, shipped_gap) for r in read_unanswerable)
        print(f"list reader's answer bar {bar}: refused {refused} of {len(read)} ({uncovered} as a topic no "
              f"release covers), list F1 {f1:.4f}; unanswerable refused {rightly} of {len(read_unanswerable)}")
    table = {(ratio, gap): round(mean(served_f1(r, ratio, config.list_item_weight, gap, config.list_least_item) for r in read), 4)
             for ratio in sorted({*RATIOS, config.list_ratio}) for gap in GAPS}
    for (ratio, gap), value in table.items():
        print(f"share of the best {ratio}, release gap {gap}: list F1 {value}")
    at_shipped = {gap: table[(config.list_ratio, gap)] for gap in GAPS}
    top = max(at_shipped.values())
    gap = max(g for g, value in at_shipped.items() if value >= top - 0.005)
    writers = sorted({r.id.split("-")[0] for r in read})
    for writer in writers:
        theirs = [r for r in read if r.id.split("-")[0] == writer]
        print(f"writer {writer} ({len(theirs)}): F1 at gap {gap}",
              round(mean(served_f1(r, config.list_ratio, config.list_item_weight, gap, config.list_least_item)
                         for r in theirs), 4),
              "with any release", round(mean(served_f1(r, config.list_ratio, config.list_item_weight, 1.0,
                                                       config.list_least_item) for r in theirs), 4))
    print(f"chosen gap {gap} at the shipped share {config.list_ratio} (F1 {at_shipped[gap]}; any release {at_shipped[1.0]})")
    by_least = least_item_table(read, read_unanswerable, replace(config, list_release_gap=gap))
    # the highest bar within 0.005 of the best F1: at equal F1, fewer lists padded with a weak best's share
    least = max((b for b, value in by_least.items() if value >= max(by_least.values()) - 0.005),
                key=lambda b: -1.0 if b is None else b)
    print(f"chosen least item {least} (F1 {by_least[least]}; always a list {by_least[None]})")
    if args.write:
        values = json.loads(CONFIG.read_text(encoding="utf-8"))
        values["list_release_gap"] = gap
        values["list_least_item"] = least
        CONFIG.write_text(json.dumps(values, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {CONFIG}")


if __name__ == "__main__":
    main()
