"""Titles read past the lines a press office puts at the head of every release, found across the corpus,
on real Senate releases, the real embedding model and a real persistent Chroma."""

from evals.senate import as_markdown

from assistant.ingest.letterhead import letterhead_lines
from assistant.ingest.metadata import find_title, line_key
from assistant.ingest.parsing import slugify

LETTERHEAD = "Contact  Steve WymerEmail"


def allard_releases(senate_rows, n):
    """Releases of Senator Allard's office whose text starts with its contact line."""
    found = [row for row in senate_rows if row["text"].strip().startswith(LETTERHEAD)]
    assert len(found) >= n
    return found[:n]


def write(library, rows):
    for row in rows:
        (library.corpus_dir / f"{row['id']}.md").write_text(as_markdown(row), encoding="utf-8")


def test_a_line_heading_releases_that_differ_is_letterhead_and_a_template_headline_is_not(senate_rows):
    office = allard_releases(senate_rows, 3)
    template = [row for row in senate_rows if row["text"].strip().startswith("Alexander  Frist Applaud Grant")][:3]
    assert len(template) == 3
    lines = letterhead_lines({row["id"]: row["text"] for row in office + template})
    assert line_key(LETTERHEAD) in lines
    # the grant releases are one template filled in for different fire departments: its headline stays
    assert line_key(find_title(template[0]["text"])) not in lines
    assert all(find_title(row["text"], lines) == find_title(row["text"]) for row in template)


def test_sync_titles_releases_by_their_headline_not_their_letterhead(library, senate_rows):
    office = allard_releases(senate_rows, 4)
    library.corpus_dir.mkdir(parents=True, exist_ok=True)
    write(library, office)
    list(library.sync())
    titles = {info.id: info.title for info in library.releases()}
    assert len(titles) == 4
    for row in office:
        title = titles[slugify(row["id"])]
        assert title and LETTERHEAD not in title
        # the headline is the line after the letterhead: the first words of the text past it
        past = row["text"].strip()[len(LETTERHEAD):].split()
        assert title.split()[:3] == past[:3], (title, past[:8])
    # the lexical index searches the new titles
    rows = library.store.catalog.query("SELECT DISTINCT title FROM chunk_text")
    assert {t for (t,) in rows} == set(titles.values())


def test_a_line_on_one_release_alone_is_its_title_again(library, senate_rows):
    office = allard_releases(senate_rows, 2)
    library.corpus_dir.mkdir(parents=True, exist_ok=True)
    write(library, office)
    list(library.sync())
    assert all(LETTERHEAD not in info.title for info in library.releases())
    library.remove(slugify(office[1]["id"]))
    [info] = library.releases()
    assert info.title == LETTERHEAD  # a corpus of one release shows nothing to be letterhead


def test_a_title_the_metadata_states_is_kept(library, senate_rows):
    office = allard_releases(senate_rows, 3)
    library.corpus_dir.mkdir(parents=True, exist_ok=True)
    write(library, office[:2])
    stated = office[2]
    (library.corpus_dir / f"{stated['id']}.md").write_text(
        as_markdown(stated).replace("---\n", f"---\ntitle: {LETTERHEAD}\n", 1), encoding="utf-8")
    list(library.sync())
    titles = {info.id: info.title for info in library.releases()}
    assert titles[slugify(stated["id"])] == LETTERHEAD
    assert all(LETTERHEAD not in titles[slugify(row["id"])] for row in office[:2])


def test_an_index_written_before_openings_were_kept_is_retitled_by_the_next_sync(library, senate_rows):
    office = allard_releases(senate_rows, 3)
    library.corpus_dir.mkdir(parents=True, exist_ok=True)
    write(library, office)
    list(library.sync())
    # as an older version left the catalog: first-line titles, no openings
    library.store.catalog.set_titles({info.id: LETTERHEAD for info in library.releases()})
    with library.store.catalog._transaction() as db:
        db.execute("UPDATE releases SET opening = NULL")
    assert all(info.title == LETTERHEAD for info in library.releases())
    assert {r.status.value for r in library.sync()} == {"unchanged"}  # nothing is embedded again
    assert all(LETTERHEAD not in info.title for info in library.releases())
