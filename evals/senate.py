"""The shared collection of real US Senate press releases, as corpus files.

The 1,100 releases the evaluation uses (the first 1,100 rows with text) ship compressed in
`evals/datasets/senate-releases.jsonl.gz` (`DATA`), so a plain clone evaluates, benchmarks and tests
without `../shared`; the full 10,000 (`SHARED_10K`, in `../shared/data` when it is there) is only ever an
optional input (`assistant bench --data`). Each release becomes a Markdown file whose front matter
carries the collection's id and date, so the assistant sees them like any release a person adds."""

from __future__ import annotations

import gzip
import json
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from itertools import count as counting
from pathlib import Path

DATA = Path(__file__).resolve().parent / "datasets" / "senate-releases.jsonl.gz"
SHARED_10K = Path(__file__).resolve().parent.parent.parent / "shared" / "data" / "senate-press-releases-10k.jsonl.gz"
FIELDS = '"id" and "text", optionally "date" (YYYY-MM-DD) and "senator"'
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


def open_text(path: Path):
    """A text file for reading, gunzipped when its name ends in .gz."""
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path, encoding="utf-8")


def rows(path: Path = DATA) -> Iterator[dict]:
    """The releases of a JSONL file (gzipped when it ends in .gz) with at least 200 characters of text."""
    path = Path(path)
    with open_text(path) as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
                if not isinstance(row, dict) or not isinstance(row.get("text"), str) or not row.get("id"):
                    raise ValueError
            except ValueError:
                raise ValueError(f"{path}:{number}: expected one JSON object a line with {FIELDS}") from None
            if len(row["text"].strip()) >= 200:  # a few rows are empty stubs
                yield row


def endless_rows(path: Path = DATA) -> Iterator[dict]:
    """The releases, then, once they run out, copies of them under new ids (`<id>-copyN`) with their
    text rotated (`rotated`), so a corpus of any size can be made from any file; it never ends."""
    source = list(rows(path))  # read once, not once per round of copies
    if not source:
        raise ValueError(f"{path}: no release with at least 200 characters of text")
    for copy in counting():
        for row in source:
            yield row if copy == 0 else {**row, "id": f"{row['id']}-copy{copy}", "text": rotated(row["text"], copy)}


def rotated(text: str, turn: int) -> str:
    """The text turned by `turn` paragraphs when it has more than `turn` of them, else by sentences, else
    by words, so each copy's text and chunks differ from the original's and from the other copies'."""
    text = text.replace("\r\n", "\n").strip()
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    for units, joint in ((paragraphs, "\n\n"), (_SENTENCE_END.split(text), " "), (text.split(), " ")):
        if len(units) > turn:
            break
    shift = turn % len(units) or 1
    return joint.join(units[shift:] + units[:shift])


def as_markdown(row: dict) -> str:
    front = [f"id: {row['id']}"]
    if row.get("date"):
        front.append(f"date: {row['date']}")
    if row.get("senator"):  # who put the release out: "BenNelson" in the data, "Ben Nelson" as people write it
        front.append(f"issuer: {json.dumps(issuer_name(row['senator']))}")
    body = row["text"].replace("\r\n", "\n")
    return "---\n" + "\n".join(front) + "\n---\n" + body


def issuer_name(senator: str) -> str:
    return " ".join(re.sub(r"(?<=[a-z]{2})(?=[A-Z])", " ", senator).split())


def write_corpus(folder: Path, count: int, skip: int = 0, path: Path = DATA, copies: bool = False) -> list[dict]:
    """Writes `count` releases (after `skip`) into `folder`; returns their rows. With `copies`, past the
    end of the file come rotated copies (`endless_rows`), so there are always `count`."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for i, row in enumerate(endless_rows(path) if copies else rows(path)):
        if i < skip:
            continue
        if len(written) == count:
            break
        (folder / f"{row['id']}.md").write_text(as_markdown(row), encoding="utf-8")
        written.append(row)
    return written


def read_jsonl(path: Path) -> list[dict]:
    """Every JSON object of a JSONL file, gzipped when it ends in .gz (training data files)."""
    path = Path(path)
    with open_text(path) as handle:
        return [json.loads(line) for line in handle if line.strip()]


@contextmanager
def temporary_assistant(releases: list[dict]):
    """The assistant over these releases in a temporary local index, built by its own ingest: what the
    training scripts read releases through, so they see sentences and candidates as served."""
    from assistant.factory import build_assistant, build_library
    from assistant.settings import Settings

    with tempfile.TemporaryDirectory() as folder:
        corpus = Path(folder) / "corpus"
        corpus.mkdir()
        for row in releases:
            (corpus / f"{row['id']}.md").write_text(as_markdown(row), encoding="utf-8")
        settings = Settings.load().model_copy(update={"corpus_dir": corpus, "index_dir": Path(folder) / "index",
                                                      "chroma_url": None})
        library = build_library(settings)
        list(library.sync())
        yield build_assistant(settings, library=library)
