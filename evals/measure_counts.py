"""Whether a "how many" list answer gives the right count, on list questions written for training that ask
one (not the evaluation's; the tasks evaluation's own, dev and test, are scored by `assistant eval
--dataset tasks` as `count_accuracy`):

    python -m evals.measure_counts [--questions ...] [--background 400]

Each question that asks a count (`counting.counted_noun`) is asked of the assistant as served, over an
index of its releases beside `--background` Senate releases the evaluation never uses; its count is right
when it equals the number of items its writer listed. Beside it, the number the answer's heading gave
before counts existed: the sentences listed. Prints a row per question and the totals; writes nothing."""

from __future__ import annotations

import argparse
from pathlib import Path

from assistant.answer.counting import counted_noun
from assistant.reader.train_list_reader import indexed_releases, load_questions

from .senate import rows, temporary_assistant
from .tune_lists import LIST_DATA


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--questions", type=Path, nargs="+",
                        default=[LIST_DATA / "list_questions_added.jsonl.gz", LIST_DATA / "list_questions.jsonl.gz"])
    parser.add_argument("--releases", type=Path, default=Path("../shared/data/senate-press-releases-10k.jsonl.gz"))
    parser.add_argument("--exclude", type=Path, default=Path("evals/datasets/senate-releases.jsonl.gz"))
    parser.add_argument("--background", type=int, default=400)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    excluded = {r["id"] for r in rows(args.exclude)}
    questions = [q for path in args.questions for q in load_questions(path, excluded)
                 if counted_noun(q["question"]) and q["items"]]
    drawn = indexed_releases(questions, args.releases, args.background, args.seed)
    counted = listed = 0
    with temporary_assistant([r for r in drawn if r["id"] not in excluded]) as assistant:
        assistant.warm_up()
        for q in questions:
            answer = assistant.ask(q["question"])
            sentences = len(answer.citations) if answer.intent == "list" else None
            gold = len(q["items"])
            counted += answer.count == gold
            listed += sentences == gold
            print(f"{q['id']}: items {gold}, count {answer.count}, sentences listed {sentences}, "
                  f"intent {answer.intent} | {q['question']}\n    {answer.answer.splitlines()[0][:160]}")
    n = len(questions)
    print(f"\n{n} questions asking a count: count right {counted} ({counted / max(n, 1):.2f}); "
          f"the number of sentences listed right {listed} ({listed / max(n, 1):.2f})")


if __name__ == "__main__":
    main()
