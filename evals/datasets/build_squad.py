"""Builds the `squad` evaluation set: questions other people wrote about text the assistant never saw.

`python -m evals.datasets.build_squad --data ../shared/data/qa` writes
- `squad.jsonl`: every question of the tune articles (split `dev`: calibration and the refusal
  threshold are chosen on them) and of the held-out articles (split `test`: never trained or tuned on);
- `squad-articles.jsonl.gz`: all 18 articles of the shared SQuAD 2.0 parts, one release each, so the
  evaluated articles sit among the other 16 as distractors.

SQuAD 2.0 (Rajpurkar, Jia and Liang, 2018), CC BY-SA 4.0: the articles and questions are theirs."""

from __future__ import annotations

import argparse
import gzip
import json
import re
from pathlib import Path

from assistant.reader import squad

HERE = Path(__file__).resolve().parent
ARTICLES = HERE / "squad-articles.jsonl.gz"
ITEMS = HERE / "squad.jsonl"


def slug(title: str) -> str:
    return "squad-" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    args = parser.parse_args()
    with gzip.open(ARTICLES, "wt", encoding="utf-8") as out:
        for title, paragraphs in squad.articles(args.data):
            text = title.replace("_", " ") + "\n\n" + "\n\n".join(p["context"].strip() for p in paragraphs)
            out.write(json.dumps({"id": slug(title), "title": title.replace("_", " "), "text": text}) + "\n")
    rows = []
    for role, split in (("tune", "dev"), ("test", "test")):
        for q in squad.questions(args.data, role):
            row = {"id": f"squad-{q.id}", "split": split, "kind": "squad" if q.answerable else "unanswerable",
                   "question": q.text, "answerable": q.answerable}
            if q.answerable:
                row.update(reference=q.answers[0], key_facts=[list(q.answers)],
                           evidence=q.paragraph.sentences[q.answer_sentences[0]].text,
                           release_id=slug(q.paragraph.article))
            rows.append(row)
    ITEMS.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} items -> {ITEMS}; articles -> {ARTICLES}")


if __name__ == "__main__":
    main()
