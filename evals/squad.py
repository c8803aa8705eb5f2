"""The SQuAD articles of the `squad` evaluation set as corpus files (shipped, compressed, in datasets/)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

ARTICLES = Path(__file__).resolve().parent / "datasets" / "squad-articles.jsonl.gz"


def write_corpus(folder: Path, path: Path = ARTICLES) -> int:
    """Writes every article as a Markdown release whose front matter carries its id and title."""
    folder.mkdir(parents=True, exist_ok=True)
    count = 0
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            row = json.loads(line)
            text = f"---\nid: {row['id']}\ntitle: {json.dumps(row['title'])}\n---\n{row['text']}\n"
            target = folder / f"{row['id']}.md"
            if not target.exists() or target.read_text(encoding="utf-8") != text:
                target.write_text(text, encoding="utf-8")
            count += 1
    return count
