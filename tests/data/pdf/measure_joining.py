"""Measures the PDF line joining (assistant/ingest/pdf_text.py) beyond the three committed fixtures.

Renders N public-domain US Senate releases with each tool of make_pdfs.py, with and without space
between paragraphs, reads each PDF back with the project's `read_release` and counts against the
source text: sentences kept whole (the source's sentences found in the ingested text), releases whose
sentence split equals the source's, releases whose words equal the source's (hyphens), and titles equal
to the headline. "before" is the text layer as ingest stored it before (pypdf's lines joined by newlines).

Needs the tools of make_pdfs.py (its docstring says how to install them) and the project's venv:

    PYTHONPATH=/tmp/pdfvenv/lib/python3.11/site-packages .venv/bin/python tests/data/pdf/measure_joining.py \\
        /work/shared/data/senate-press-releases-10k.jsonl.gz 40 [SKIP]

The rules were developed looking at the first 40 such releases; SKIP=40 measures on releases not seen.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import make_pdfs  # noqa: E402

from assistant.ingest.parsing import read_release  # noqa: E402
from assistant.ingest.sentences import split_sentences  # noqa: E402


def sentences(text: str) -> list[str]:
    return [plain(text[s.start : s.end]) for s in split_sentences(text)]


def plain(text: str) -> str:
    """Whitespace collapsed, and enscript's Courier apostrophe (’ in its text layer) read as '."""
    return " ".join(text.replace("\u2019", "'").split())


def releases(path: str, count: int, skip: int = 0) -> list[str]:
    """`count` releases of 800 to 3,000 characters in Latin-1, after the first `skip` such."""
    out: list[str] = []
    with gzip.open(path, "rt", encoding="utf-8") as rows:
        for line in rows:
            paragraphs = [" ".join(p.split()) for p in json.loads(line)["text"].split("\n")]
            text = "\n\n".join(p for p in paragraphs if p)
            try:
                text.encode("latin-1")  # enscript and fpdf2's core fonts write Latin-1 only
            except UnicodeEncodeError:
                continue
            if 800 <= len(text) <= 3000 and len(paragraphs) >= 3:
                if skip:
                    skip -= 1
                else:
                    out.append(text + "\n")
            if len(out) == count:
                return out
    return out


def before(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\n\n".join(p.extract_text().strip() for p in PdfReader(io.BytesIO(pdf.read_bytes())).pages)


def main(data: str, count: int, skip: int = 0) -> None:
    tools = {
        "enscript": lambda src, out, gap: make_pdfs.enscript_pdf(src, out, blank_lines=gap),
        "fpdf2": lambda src, out, gap: make_pdfs.fpdf2_pdf(src, out, title="x.docx", spacing=3 if gap else 0),
        "reportlab": lambda src, out, gap: make_pdfs.reportlab_pdf(src, out, spacing=None if gap else 0),
    }
    texts = releases(data, count, skip)
    with tempfile.TemporaryDirectory() as tmp:
        make_pdfs.HERE = Path(tmp)
        for name, make in tools.items():
            for gap in (True, False):
                tally = dict.fromkeys(["whole", "whole_before", "sentences", "split_equal", "words_equal", "title"], 0)
                for i, text in enumerate(texts):
                    (Path(tmp) / "src.txt").write_text(text, encoding="utf-8")
                    make("src.txt", f"r{i}.pdf", gap)
                    release = read_release(Path(tmp) / f"r{i}.pdf", max_bytes=10_000_000)
                    want = sentences(text)
                    got, old = set(sentences(release.text)), set(sentences(before(Path(tmp) / f"r{i}.pdf")))
                    tally["sentences"] += len(want)
                    tally["whole"] += sum(s in got for s in want)
                    tally["whole_before"] += sum(s in old for s in want)
                    tally["split_equal"] += sentences(release.text) == want
                    tally["words_equal"] += plain(release.text) == plain(text)
                    tally["title"] += plain(release.title or "")[:80] == plain(text.split("\n\n")[0])[:80]
                n = len(texts)
                print(f"{name:9} {'gap' if gap else 'no gap':6}  sentences whole {tally['whole']}/{tally['sentences']}"
                      f" (before {tally['whole_before']})  split equal {tally['split_equal']}/{n}"
                      f"  words equal {tally['words_equal']}/{n}  title = headline {tally['title']}/{n}")


if __name__ == "__main__":
    main(sys.argv[1], *(int(arg) for arg in sys.argv[2:4]))
