import hashlib
from pathlib import Path

import pytest

from assistant.errors import ReleaseError
from assistant.ingest.parsing import read_release

from .conftest import SEED

LIMIT = 10 * 1024 * 1024


def write(tmp_path: Path, name: str, data: bytes | str) -> Path:
    path = tmp_path / name
    path.write_bytes(data.encode() if isinstance(data, str) else data)
    return path


def test_seed_metadata():
    release = read_release(SEED, max_bytes=LIMIT, source="corpus/" + SEED.name)
    assert release.id == "2024-12-05-eu-norway-security-and-defence-dialogue"
    assert release.title == "EU-Norway Security and Defence Dialogue"
    assert release.date == "2024-12-05"
    assert release.place == "Brussels"
    assert release.kind == "Joint Press Release"
    assert release.source == "corpus/" + SEED.name
    assert release.content_hash == hashlib.sha256(SEED.read_bytes()).hexdigest()  # of the file's bytes
    assert release.text == SEED.read_text(encoding="utf-8")  # stored exactly as published


def test_release_id_is_stable_across_edits(tmp_path):
    first = read_release(write(tmp_path, "My Release (v1).txt", "Headline\n\nBody one."), max_bytes=LIMIT)
    second = read_release(write(tmp_path, "My Release (v1).txt", "Headline\n\nBody two."), max_bytes=LIMIT)
    assert first.id == second.id == "my-release-v1"
    assert first.content_hash != second.content_hash


def test_no_date_still_parses_with_date_none(tmp_path):
    release = read_release(write(tmp_path, "undated.txt", "A headline\n\nSomething happened somewhere."), max_bytes=LIMIT)
    assert release.date is None
    assert release.title == "A headline"


def test_american_date_and_dateline(tmp_path):
    text = "SENATOR ANNOUNCES GRANT\n WASHINGTON, D.C. - On March 27, 2007 the senator said so."
    release = read_release(write(tmp_path, "us.txt", text), max_bytes=LIMIT)
    assert release.date == "2007-03-27"
    assert release.place == "Washington, D.C."
    assert release.title == "SENATOR ANNOUNCES GRANT"


def test_markdown_front_matter_overrides(tmp_path):
    text = (
        "---\nid: Custom ID\ntitle: Given title\ndate: 2023-04-05\nplace: Oslo\nkind: Statement\n---\n"
        "# Heading in body\n\nOn 1 January 2020 something happened in Bergen.\n"
    )
    release = read_release(write(tmp_path, "note.md", text), max_bytes=LIMIT)
    assert (release.id, release.title, release.date, release.place, release.kind) == (
        "custom-id", "Given title", "2023-04-05", "Oslo", "Statement",
    )
    assert release.text.startswith("# Heading in body")
    assert "---" not in release.text


def test_markdown_without_front_matter_uses_heading(tmp_path):
    release = read_release(write(tmp_path, "plain.md", "# The headline\n\nBody on 2 May 2021."), max_bytes=LIMIT)
    assert release.title == "The headline"
    assert release.date == "2021-05-02"


def test_html_main_text_without_scripts_styles_navigation(tmp_path):
    html = """<!doctype html><html><head><title>Site | Release</title><style>.x{color:red}</style>
    <script>var secret = "do not index";</script></head><body>
    <nav><a href="/">Home</a> <a href="/news">News</a></nav><header>Site banner</header>
    <main><h1>Ministers meet in Oslo</h1><p>On <b>3 March 2025</b>, ministers met in Oslo.</p>
    <p>They agreed to meet again.</p></main><footer>Copyright</footer></body></html>"""
    release = read_release(write(tmp_path, "page.html", html), max_bytes=LIMIT)
    assert release.title == "Ministers meet in Oslo"
    assert release.date == "2025-03-03"
    assert "On 3 March 2025, ministers met in Oslo." in release.text  # inline tags keep the sentence whole
    for noise in ("secret", "color:red", "Home", "Site banner", "Copyright"):
        assert noise not in release.text


def test_pdf_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    path = tmp_path / "release.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setTitle("Rules adopted by the Council")  # a person's title (not one naming the tool: "PDF release")
    pdf.drawString(72, 750, "Council adopts new rules")
    pdf.drawString(72, 730, "Brussels, 12 June 2024 - The Council adopted the rules today.")
    pdf.save()
    release = read_release(path, max_bytes=LIMIT)
    assert "The Council adopted the rules today." in release.text
    assert release.date == "2024-06-12"
    assert release.title == "Rules adopted by the Council"


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "file is empty"),
        ("blank.txt", b"   \n\n  ", "no text in the file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary content"),
        ("latin1.txt", "Caf\xe9 au lait".encode("latin-1"), "not UTF-8 text"),
        ("report.docx", b"PK\x03\x04 word", "unsupported file type '.docx'"),
        ("noext", b"text", "unsupported file type '(no extension)'"),
        ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "not a readable PDF"),
        ("empty.html", b"<html><script>x()</script></html>", "no text in the file"),
        ("bad.md", b"---\ndate: [unclosed\n---\nbody", "front matter is not valid YAML"),
        ("baddate.md", b"---\ndate: yesterday\n---\nbody", "front matter date 'yesterday'"),
    ],
)
def test_bad_input_names_the_reason(tmp_path, name, data, reason):
    path = write(tmp_path, name, data)
    with pytest.raises(ReleaseError) as info:
        read_release(path, max_bytes=LIMIT)
    assert reason in info.value.reason
    assert str(info.value).startswith(str(path))
    assert "\n" not in str(info.value)


def test_oversized_and_missing(tmp_path):
    big = write(tmp_path, "big.txt", "word " * 300)
    with pytest.raises(ReleaseError, match="over the 1,000-byte limit"):
        read_release(big, max_bytes=1000)
    with pytest.raises(ReleaseError, match="no such file"):
        read_release(tmp_path / "missing.txt", max_bytes=LIMIT)


@pytest.mark.parametrize("name, data, issuer", [
    pytest.param("a.md", "---\nissuer: Office of Senator Ann Reyes\n---\nHeadline\n\nShe spoke.", "Office of Senator Ann Reyes",
                 id="front matter issuer"),
    pytest.param("b.md", "---\nauthor: 'Ministry  of\n  Fisheries'\n---\nHeadline\n\nIt spoke.", "Ministry of Fisheries",
                 id="front matter author, spaces folded"),
    pytest.param("c.md", "---\nauthor: [A, B]\n---\nHeadline\n\nThey spoke.", None, id="a list is not one issuer"),
    pytest.param("d.html", '<html><head><meta name="author" content="Port Authority"></head>'
                           "<body><h1>Headline</h1><p>It spoke.</p></body></html>", "Port Authority", id="html meta"),
    pytest.param("e.txt", "Headline\n\nAuthor: someone. It spoke.", None, id="plain text states none"),
])
def test_the_issuer_comes_from_the_files_metadata(tmp_path, name, data, issuer):
    assert read_release(write(tmp_path, name, data), max_bytes=LIMIT).issuer == issuer


def sentences(text: str) -> list[str]:
    from assistant.ingest.sentences import split_sentences

    return [text[s.start:s.end] for s in split_sentences(text)]


@pytest.mark.parametrize("width, separator, indent", [(60, "\n\n", ""), (72, "\n\n", ""), (72, "\n", ""),
                                                     (80, "\n", ""), (72, "\n\n", "    ")])
@pytest.mark.parametrize("name", ["wrapped.txt", "wrapped.md"])
def test_a_release_wrapped_at_a_fixed_width_reads_as_the_one_written_on_long_lines(tmp_path, name, width, separator,
                                                                                    indent):
    """An e-mailed copy of the seed release, its paragraphs wrapped at `width` characters (apart by a
    blank line or by a line break only; their first lines indented or not): the same sentences as the
    release itself. Read line by line, the wrapped text has more than twice as many, most of them
    parts of sentences."""
    import textwrap

    text = SEED.read_text(encoding="utf-8")
    wrapped = separator.join(textwrap.fill(p, width, initial_indent=indent, break_on_hyphens=False)
                             for p in text.split("\n\n"))
    assert len(sentences(wrapped)) > 2 * len(sentences(text))
    release = read_release(write(tmp_path, name, wrapped), max_bytes=LIMIT)
    assert sentences(release.text) == sentences(text)
    assert release.title == read_release(SEED, max_bytes=LIMIT).title


FERRIES = ("PORT AUTHORITY ANNOUNCES FERRY GRANTS\n"
           "Bergen, 3 March 2025\n\n"
           "The port authority today announced grants to three ferry operators that\n"
           "serve the western islands, after a review of safety and punctuality that\n"
           "took most of last year. The grants go to:\n\n"
           "- Fjord Line Ferries, for two new lifeboats\n"
           "- Island Hopper AS, for crew training\n"
           "- Western Shuttle, for a new ticketing system\n\n"
           "The operators must report on the work by the end of the year, the\n"
           "authority said.\n")


def test_a_wrapped_release_keeps_its_headline_dateline_and_list_items_apart(tmp_path):
    text = FERRIES
    read = sentences(read_release(write(tmp_path, "ferries.txt", text), max_bytes=LIMIT).text)
    assert read[:2] == ["PORT AUTHORITY ANNOUNCES FERRY GRANTS", "Bergen, 3 March 2025"]
    assert ("The port authority today announced grants to three ferry operators that serve the western islands, "
            "after a review of safety and punctuality that took most of last year.") in read
    assert "- Island Hopper AS, for crew training" in read
    plus = sentences(read_release(write(tmp_path, "plus.txt", text.replace("\n- ", "\n+ ")), max_bytes=LIMIT).text)
    assert "+ Island Hopper AS, for crew training" in plus  # "+" bullets are list items too
    assert read[-1] == "The operators must report on the work by the end of the year, the authority said."


def test_a_wrapped_markdown_release_keeps_its_table_rows_and_headings_apart(tmp_path):
    text = ("The ministry published the grants for the coming year in a table that lists\n"
            "each region and the amount it receives, along with the purpose of the money.\n\n"
            "| Region        | Amount (NOK) | Purpose of the grant for this region  |\n"
            "|---------------|--------------|---------------------------------------|\n"
            + "".join(f"| Region {n:<6} | {n},000,000    | Coastal roads and tunnel maintenance  |\n" for n in range(2, 10))
            + "| Vestland      | 12,000,000   | Ferry quays and harbour safety works  |\n\n"
            "## What happens next\n"
            "The regions must report on how the money was spent by the end of the year,\n"
            "the ministry said in its statement on Tuesday.\n")
    read = sentences(read_release(write(tmp_path, "grants.md", text), max_bytes=LIMIT).text)
    assert read[0].endswith("in a table that lists each region and the amount it receives, along with the purpose of the money.")
    assert "| Vestland | 12,000,000 | Ferry quays and harbour safety works |" in read
    assert "| Region 5 | 5,000,000 | Coastal roads and tunnel maintenance |" in read  # each row apart
    assert "## What happens next" in read
    assert read[-1] == ("The regions must report on how the money was spent by the end of the year, the ministry said "
                        "in its statement on Tuesday.")


@pytest.mark.parametrize("text", [
    pytest.param("SENATOR'S SCHEDULE FOR MONDAY\n9:00 a.m. Meeting with county officials in the town hall\n"
                 "10:30 a.m. Tour of the new water plant\n1:00 p.m. Lunch with the chamber of commerce and\n"
                 "local business owners\n3:00 p.m. Press availability\n", id="a schedule of short lines"),
    pytest.param("Headline\n\n" + "A paragraph written out on one line, as most releases are. " * 8 + "\n\n"
                 + "Another such paragraph, just as long as the first one is. " * 8 + "\n", id="paragraphs on one line"),
])
def test_text_no_tool_wrapped_is_stored_as_written(tmp_path, text):
    assert read_release(write(tmp_path, "as-written.txt", text), max_bytes=LIMIT).text == text


def test_end_to_end_a_wrapped_release_is_quoted_by_whole_sentences(tmp_path, embeddings):
    from .conftest import make_assistant

    assistant, library, _ = make_assistant(tmp_path, embeddings, {"ferry-grants.txt": FERRIES})
    answer = assistant.ask("By when do the ferry operators have to report on the work?")
    assert not answer.abstained, answer.answer
    cited = answer.citations[0]
    assert cited.release_id == "ferry-grants"
    assert cited.quote == "The operators must report on the work by the end of the year, the authority said."
    assert library.show("ferry-grants").text[cited.start:cited.end] == cited.quote
