"""Builds the fixture PDFs of tests/test_pdf.py from the source texts beside this script.

Each PDF is made by a different tool, the way such files reach a press office, so the tests see real
text layers (line breaks where the tool wrapped, hyphens it inserted) and real metadata titles:

| PDF | source text | tool | line breaks | metadata title |
|---|---|---|---|---|
| `enscript-allen.pdf` | `senate-allen-2004-05-05.txt` | text wrapped by Python's `textwrap` at the widest width up to 72 columns that breaks a compound after its hyphen ("re-" / "employment"), then GNU enscript (`-B`, no page header) and Ghostscript's `ps2pdf` | hard breaks of the plain text | "Enscript Output" (enscript's own label) |
| `fpdf2-nordlys.pdf` | `nordlys-launch.txt` | fpdf2 `multi_cell`, words hyphenated with soft hyphens from pyphen (en_US), so fpdf2 breaks inside words ("subscrip-" / "tion") | fpdf2's word wrap | a file name, "nordlys-launch-draft3.docx", as converters write it |
| `reportlab-biden.pdf` | `senate-biden-2006-05-08.txt` | reportlab platypus paragraphs with its pyphen hyphenation (`hyphenationLang="en_US"`) | reportlab's word wrap | the real headline |

The two Senate releases are public-domain US Senate press releases (from
shared/data/senate-press-releases-10k.jsonl.gz: 5May2004Allen43 and 08May2006Biden13, paragraphs
kept, whitespace inside a paragraph collapsed). The Nordlys release is invented for these tests.

Re-run (the PDFs are committed, so the tests need none of these tools):

    apt-get install -y enscript ghostscript
    python3.11 -m venv /tmp/pdfvenv && /tmp/pdfvenv/bin/pip install reportlab fpdf2 pyphen
    /tmp/pdfvenv/bin/python tests/data/pdf/make_pdfs.py
"""

from __future__ import annotations

import os
import re
import subprocess
import tempfile
import textwrap
from datetime import datetime, timezone
from pathlib import Path

HERE = Path(__file__).resolve().parent


def paragraphs(name: str) -> list[str]:
    return [p for p in (HERE / name).read_text(encoding="utf-8").split("\n\n") if p.strip()]


def wrap_breaking_a_compound(source: str, separator: str = "\n\n", widest: int = 72) -> str:
    """The text wrapped at the widest width (at most `widest` columns) at which textwrap breaks a
    hyphenated compound at a line end, so the fixture has a real hyphen there ("re-" / "employment");
    at `widest` when no width does."""

    def wrapped(width: int) -> str:
        return separator.join(textwrap.fill(p.strip(), width=width) for p in paragraphs(source)) + "\n"

    breaking = [w for w in range(widest, 40, -1) if re.search(r"[a-z]-\n[a-z]", wrapped(w), re.I)]
    return wrapped(breaking[0] if breaking else widest)


def enscript_pdf(source: str, target: str, blank_lines: bool = True) -> None:
    wrapped = wrap_breaking_a_compound(source, separator="\n\n" if blank_lines else "\n")
    with tempfile.TemporaryDirectory() as tmp:
        text, ps = Path(tmp) / "release.txt", Path(tmp) / "release.ps"
        text.write_text(wrapped, encoding="latin-1")
        subprocess.run(["enscript", "-B", "-q", "-p", str(ps), str(text)], check=True)
        fixed_time = {**os.environ, "SOURCE_DATE_EPOCH": "1738540800"}  # Ghostscript dates the PDF by it
        subprocess.run(["ps2pdf", str(ps), str(HERE / target)], check=True, env=fixed_time)


def fpdf2_pdf(source: str, target: str, title: str, headline: int = 0, spacing: float = 3) -> None:
    import pyphen
    from fpdf import FPDF

    hyphenate = pyphen.Pyphen(lang="en_US")
    pdf = FPDF(format="A5")  # fpdf2 warns that its A5 size was corrected in 2.8.5; harmless
    pdf.set_title(title)
    pdf.set_creation_date(datetime(2025, 2, 3, tzinfo=timezone.utc))  # fixed: re-running gives the same file
    pdf.add_page()
    for i, paragraph in enumerate(paragraphs(source)):
        soft = " ".join(word if re.search(r"[-/\d]", word) else hyphenate.inserted(word, hyphen="\u00ad")
                        for word in paragraph.strip().split(" "))  # compounds, URLs, numbers: not hyphenated
        pdf.set_font("Helvetica", style="B" if i == headline else "", size=14 if i == headline else 10)
        pdf.multi_cell(0, 5, soft)
        pdf.ln(spacing)
    pdf.output(str(HERE / target))


def reportlab_pdf(source: str, target: str, spacing: float | None = None) -> None:
    """`spacing`: points between paragraphs (None: the BodyText style's own)."""
    from reportlab.lib.pagesizes import A5
    from reportlab.lib.styles import ParagraphStyle, getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    styles = getSampleStyleSheet()
    body = ParagraphStyle("body", parent=styles["BodyText"], hyphenationLang="en_US")
    if spacing is not None:
        body.spaceBefore = body.spaceAfter = spacing
    parts = paragraphs(source)
    headline = parts[0].strip()
    doc = SimpleDocTemplate(str(HERE / target), pagesize=A5, title=headline, invariant=1)
    doc.build([Paragraph(headline, styles["Heading2"]), *(Paragraph(p.strip(), body) for p in parts[1:])])


if __name__ == "__main__":
    enscript_pdf("senate-allen-2004-05-05.txt", "enscript-allen.pdf")
    fpdf2_pdf("nordlys-launch.txt", "fpdf2-nordlys.pdf", title="nordlys-launch-draft3.docx", headline=1)
    reportlab_pdf("senate-biden-2006-05-08.txt", "reportlab-biden.pdf")
    for pdf in sorted(HERE.glob("*.pdf")):
        print(f"{pdf.name}: {pdf.stat().st_size:,} bytes")
