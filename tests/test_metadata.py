"""Release metadata found in the text (assistant/ingest/metadata.py) and stated by the file format
(front matter, HTML, through assistant/ingest/parsing.py), on small releases written inline.

Rows the extractor is known to get wrong are strict xfails naming the weakness."""

from pathlib import Path

import pytest

from assistant.ingest import metadata
from assistant.ingest.parsing import read_release

LIMIT = 1_000_000


def weak(reason: str):
    return pytest.mark.xfail(strict=True, reason=reason)


def release(tmp_path: Path, text: str, name: str = "release.txt"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return read_release(path, max_bytes=LIMIT)


# -- dates ------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, iso", [
    pytest.param("Oslo, 5 December 2024 - The ministers met.", "2024-12-05", id="day month year"),
    pytest.param("Thursday 5 December 2024: the ministers met.", "2024-12-05", id="weekday day month year"),
    pytest.param("On December 5, 2024 the ministers met.", "2024-12-05", id="month day, year"),
    pytest.param("WASHINGTON, Wednesday, March 1st, 2006 - The senator spoke.", "2006-03-01", id="weekday, month ordinal"),
    pytest.param("Issued 5th December 2024.", "2024-12-05", id="ordinal day"),
    pytest.param("Dec. 5, 2024 - Short month with a dot.", "2024-12-05", id="abbreviated month with dot"),
    pytest.param("Sept 3, 2019 - The four-letter September.", "2019-09-03", id="sept"),
    pytest.param("March 27 2007 the senator said so.", "2007-03-27", id="no comma"),
    pytest.param("Published 2024-12-05 by the press office.", "2024-12-05", id="ISO"),
    pytest.param("On 31 February 2024, nothing; on 1 March 2024 the board met.", "2024-03-01",
                 id="impossible date skipped"),
    pytest.param("Released 1 May 2020. The law of December 5, 2019 applies.", "2020-05-01", id="first date wins"),
    pytest.param("The 2024 budget grows by 3 percent.", None, id="a year alone is no date"),
    pytest.param("Dated 12/05/2024 in the header.", None, id="ambiguous slash date not guessed"),
    pytest.param("x" * 3000 + " Dated 5 December 2024.", None, id="beyond the head of the text"),
    pytest.param("Publié le 3 mars 2024.", "2024-03-03", id="French month",
                 marks=weak("only English month names are known")),
])
def test_find_date(text, iso):
    found, at = metadata.find_date(text)
    assert found == iso
    if iso is None:
        assert at == -1
    else:
        assert 0 <= at < len(text) and text[at].isalnum()


# -- titles and kinds -------------------------------------------------------------------------------
@pytest.mark.parametrize("text, title, kind", [
    pytest.param("EU and Norway meet in Oslo\n\nThe ministers met.", "EU and Norway meet in Oslo", None,
                 id="first line"),
    pytest.param("PRESS RELEASE\nEU and Norway meet\n5 December 2024\nBody.", "EU and Norway meet", "PRESS RELEASE",
                 id="kind line skipped for the title"),
    pytest.param("Joint Press Release\n\nMinisters agree on ports\n", "Ministers agree on ports", "Joint Press Release",
                 id="joint press release"),
    pytest.param("5 December 2024\n\nHeadline after the date\nBody", "Headline after the date", None,
                 id="date line skipped"),
    pytest.param("MEDIA ADVISORY\nSenator to visit the port\n", "Senator to visit the port", "MEDIA ADVISORY",
                 id="media advisory"),
    pytest.param("Communiqué\nCouncil conclusions on fisheries\n", "Council conclusions on fisheries", "Communiqué",
                 id="communique with accent"),
    pytest.param("# Markdown heading\n\nBody.", "Markdown heading", None, id="markdown hashes stripped"),
    pytest.param("Headline\nSub\nMore\nStatement\n", "Headline", None, id="kind after the third line is not a kind"),
    # a date run into the headline line where the line breaks were lost (Senate releases saved as text)
    pytest.param("FOR IMMEDIATE RELEASE  July 9  2007 Schumer Calls On GSA To Accelerate Building\nBody.",
                 "Schumer Calls On GSA To Accelerate Building", None, id="release label and date before the headline"),
    pytest.param("March 23  2007 Senate Passes Budget Measure to Cut Red Tape at the VA\nBody.",
                 "Senate Passes Budget Measure to Cut Red Tape at the VA", None, id="date opening the headline line"),
    pytest.param("Casey Opposes Bush Plan on Mexican Trucks  September 12, 2007  WASHINGTON, DC - U.S. Senator Bob "
                 "Casey today voted to block unsafe trucks.", "Casey Opposes Bush Plan on Mexican Trucks", None,
                 id="date and dateline after the headline"),
    pytest.param("Senator Collins Questions Military Officials April 13  2007\nBody.",
                 "Senator Collins Questions Military Officials", None, id="date ending the headline line"),
    pytest.param("Enzi touts expansion of farm insurance  November 3  2006 Washington  D C\nBody.",
                 "Enzi touts expansion of farm insurance  November 3  2006 Washington  D C", None,
                 id="a date before a bare place stays where the corpus shows no letterhead"),
    pytest.param("Senate Passes Resolution Honoring September 11, 2001 Victims\nBody.",
                 "Senate Passes Resolution Honoring September 11, 2001 Victims", None, id="a date inside a headline stays"),
])
def test_find_title_and_kind(text, title, kind):
    assert metadata.find_title(text) == title
    assert metadata.find_kind(text) == kind


def test_a_date_before_a_letterhead_line_ends_the_headline():
    text = "Enzi touts expansion of farm insurance  November 3  2006 Washington  D C\nBody."
    assert metadata.find_title(text, {"washington d c"}) == "Enzi touts expansion of farm insurance"


def test_a_long_first_line_is_cut_at_a_word_with_an_ellipsis():
    line = "Ministers " + "agree on new rules for ports and ferries " * 10
    title = metadata.find_title(line + "\nBody.")
    assert title.endswith("…") and len(title) <= metadata.TITLE_MAX + 1
    assert line.startswith(title[:-1]) and line[len(title) - 1] == " "  # cut where a word ends


# -- places -----------------------------------------------------------------------------------------
@pytest.mark.parametrize("text, place", [
    pytest.param("Title\nBRUSSELS, 5 December 2024 - The council met.", "Brussels", id="capitals dateline"),
    pytest.param("Title\nWASHINGTON, D.C. - The senator said so.", "Washington, D.C.", id="dateline with D.C."),
    pytest.param("Title\nOslo — The minister spoke.", "Oslo", id="dash dateline"),
    pytest.param("Title\nNew York (5 May 2024) - Trading opened.", "New York", id="two words, date in brackets"),
    pytest.param("Title\n\nOn 3 March 2025, ministers met in Bergen. Then more.", "Bergen",
                 id="place in the dating sentence"),
    pytest.param("Title\nMarch 3, 2025 - Ministers met.", None, id="a month is not a place"),
    pytest.param("Title\nNo place is named here at all.", None, id="no place"),
    pytest.param("Title\nTROMSØ, 5 May 2024 - The council met.", "Tromsø", id="non-ASCII dateline",
                 marks=weak("the dateline pattern accepts ASCII letters only")),
    pytest.param("Title\nSan Francisco, CA - The company said.", "San Francisco, CA", id="state code without dots",
                 marks=weak("only dotted state codes (D.C.) are read after the comma")),
])
def test_find_place(text, place):
    _, at = metadata.find_date(text)
    assert metadata.find_place(text, at) == place


# -- through the parser: the file's own metadata and the text's --------------------------------------
FULL = """JOINT PRESS RELEASE
Harbour agreement signed
BERGEN, 14 March 2025 - The ministers signed the harbour agreement today.
"""


@pytest.mark.parametrize("name, text, expected", [
    pytest.param("r.txt", FULL,
                 {"title": "Harbour agreement signed", "date": "2025-03-14", "place": "Bergen",
                  "kind": "JOINT PRESS RELEASE"}, id="txt: all from the text"),
    pytest.param("r.md", "---\ntitle: Given title\ndate: 2023-04-05\nplace: Oslo\nkind: Statement\n---\n" + FULL,
                 {"title": "Given title", "date": "2023-04-05", "place": "Oslo", "kind": "Statement"},
                 id="md: front matter overrides every field"),
    pytest.param("r.md", "---\ntitle: Only the title\n---\n" + FULL,
                 {"title": "Only the title", "date": "2025-03-14", "place": "Bergen", "kind": "JOINT PRESS RELEASE"},
                 id="md: partial front matter, the rest from the text"),
    pytest.param("r.md", "---\ndate: '2020-01-02'\n---\n" + FULL,
                 {"title": "Harbour agreement signed", "date": "2020-01-02"}, id="md: quoted date string"),
    pytest.param("r.md", "---\nauthor: Press office\n---\n# Heading\n\nNo date in this one.",
                 {"title": "Heading", "date": None, "place": None, "kind": None}, id="md: unknown keys ignored, no date"),
    pytest.param("r.html", "<html><head><title>Site | News</title>"
                           "<meta property='article:published_time' content='2022-06-30T09:00:00Z'></head>"
                           "<body><h1>Harbour agreement</h1><p>On 1 January 2020 work began in Bergen.</p></body></html>",
                 {"title": "Harbour agreement", "date": "2022-06-30"}, id="html: h1 over title, meta date over text"),
    pytest.param("r.html", "<html><head><title>Only a title</title></head><body><p>Nothing dated.</p></body></html>",
                 {"title": "Only a title", "date": None}, id="html: title element, missing date"),
    pytest.param("r.txt", "Undated note\n\nSomething happened somewhere.",
                 {"title": "Undated note", "date": None, "place": None, "kind": None}, id="txt: missing date"),
])
def test_release_metadata(tmp_path, name, text, expected):
    parsed = release(tmp_path, text, name)
    assert {field: getattr(parsed, field) for field in expected} == expected


def test_front_matter_id_is_slugged_and_kept_out_of_the_text(tmp_path):
    parsed = release(tmp_path, "---\nid: My Custom ID!\n---\n" + FULL, "whatever-name.md")
    assert parsed.id == "my-custom-id"
    assert parsed.text == FULL.rstrip("\n")  # the text is the body (front matter drops the final newline)
    assert release(tmp_path, FULL, "Harbour Deal (final).txt").id == "harbour-deal-final"  # else the file name


# -- a title stated by a PDF's metadata: a person's headline or a tool's label -----------------------
HEAD = "Joint Press Release\nEU-Norway Security and Defence Dialogue\nBrussels, 5 December 2024 - The ministers met."


@pytest.mark.parametrize("title, tools, generated", [
    pytest.param("", (), True, id="empty"),
    pytest.param("Enscript Output", ("GNU Enscript 1.6.5.90", "GPL Ghostscript 10.00.0"), True, id="tool's own label"),
    pytest.param("Microsoft Word - draft3.docx", ("Microsoft® Word for Microsoft 365", "Microsoft® Word"), True,
                 id="file name after the tool"),
    pytest.param("nordlys-launch-draft3.docx", (), True, id="file name alone"),
    pytest.param("C:\\Users\\press\\release final.pdf", (), True, id="a path"),
    pytest.param("untitled", ("(unspecified)", "ReportLab PDF Library - (opensource)"), True, id="untitled"),
    pytest.param("Document1", (), True, id="too short for a headline"),
    pytest.param("EU-Norway Security and Defence Dialogue", ("Microsoft® Word",), False, id="the headline"),
    pytest.param("EU–Norway security & defence dialogue", (), False, id="the headline, other dash and case"),
    pytest.param("Ministers agree on defence cooperation", ("Acrobat PDFMaker",), False,
                 id="a person's title the text does not repeat"),
    pytest.param("Security Dialogue", ("Word",), False, id="short, but the text repeats it"),
])
def test_stated_title_is_generated(title, tools, generated):
    assert metadata.title_is_generated(title, HEAD, tools) is generated
