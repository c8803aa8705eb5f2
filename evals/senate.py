"""The shared collection of real US Senate press releases, as corpus files.

The 1,100 releases the evaluation uses (the first 1,100 rows with text) ship compressed in
`evals/datasets/senate-releases.jsonl.gz`, so a plain clone evaluates without `../shared`; the
benchmark and the ingest stress tests need more and read the full 10,000 from `../shared/data` when it
is there. Each release becomes a Markdown file whose front matter carries the collection's id and
date, so the assistant sees them like any release a person adds."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

DATA = Path(__file__).resolve().parent / "datasets" / "senate-releases.jsonl.gz"
SHARED_10K = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "senate-press-releases-10k.jsonl.gz"


def rows(path: Path = DATA) -> Iterator[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            if len(row["text"].strip()) >= 200:  # a few rows are empty stubs
                yield row


def as_markdown(row: dict) -> str:
    front = [f"id: {row['id']}"]
    if row.get("date"):
        front.append(f"date: {row['date']}")
    if row.get("senator"):
        front.append(f"senator: {json.dumps(row['senator'])}")
    body = row["text"].replace("\r\n", "\n")
    return "---\n" + "\n".join(front) + "\n---\n" + body


def write_corpus(folder: Path, count: int, skip: int = 0, path: Path = DATA) -> list[dict]:
    """Writes `count` releases (after `skip`) into `folder`; returns their rows."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for i, row in enumerate(rows(path)):
        if i < skip:
            continue
        if len(written) == count:
            break
        (folder / f"{row['id']}.md").write_text(as_markdown(row), encoding="utf-8")
        written.append(row)
    return written
