"""Titles read past the lines a press office puts at the head of every release, found across the corpus,
on real Senate releases, the real embedding model and a real persistent Chroma."""

from evals.senate import as_markdown

import random

from assistant.ingest.letterhead import LineCount, TitleRow, letterhead_lines, retitle
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
    library.store.catalog.save_titling(titles={info.id: LETTERHEAD for info in library.releases()})
    with library.store.catalog._transaction() as db:
        db.execute("UPDATE releases SET opening = NULL, head = NULL, titled = 0")
        db.execute("DELETE FROM head_lines")
    assert all(info.title == LETTERHEAD for info in library.releases())
    assert {r.status.value for r in library.sync()} == {"unchanged"}  # nothing is embedded again
    assert all(LETTERHEAD not in info.title for info in library.releases())


def test_titles_kept_in_step_release_by_release_are_those_read_from_the_whole_corpus(senate_rows):
    """`retitle` reads again only what a change can affect; after every batch of adds and removals its
    titles equal those read from every release's opening with the whole corpus's letterhead."""
    rows = senate_rows[:400]
    openings = {row["id"]: row["text"][:3000] for row in rows}
    draw = random.Random(7)
    stored: dict[str, TitleRow] = {}
    counts: dict[str, LineCount] = {}
    read: list[str] = []

    def openings_of(ids):
        read.extend(ids)
        return {i: openings[i] for i in ids}

    order = list(openings)
    draw.shuffle(order)
    batches = [order[:150], order[150:151], order[151:300], order[300:301]] + [order[301 + i::4] for i in range(4)]
    for n, batch in enumerate(batches):
        for release_id in batch:  # as the catalog writes a release: its first line as title, not yet titled
            stored[release_id] = TitleRow(release_id, find_title(openings[release_id]), None, False)
        if n == 3:  # and releases removed
            for release_id in draw.sample(sorted(stored), 20):
                del stored[release_id]
        read.clear()
        plan = retitle(list(stored.values()), counts, openings_of)
        for release_id, row in stored.items():
            stored[release_id] = TitleRow(release_id, plan.titles.get(release_id, row.title),
                                          plan.heads.get(release_id, row.head), row.titled or release_id in plan.titled)
        counts = {line: c for line, c in {**counts, **plan.counts}.items() if line not in plan.dropped}
        whole = letterhead_lines({i: openings[i] for i in stored})
        expected = {i: find_title(openings[i], whole) or find_title(openings[i]) for i in stored}
        assert {i: r.title for i, r in stored.items()} == expected, f"batch {n}"
        if len(batch) == 1:  # one release added to hundreds reads a few openings, not all
            assert len(set(read)) < len(stored) / 2, (n, len(set(read)), len(stored))


def test_a_line_turning_letterhead_retitles_a_headline_that_ends_with_it():
    """"... 2006 Washington  D C" is cut at its date once the corpus shows "Washington  D C" to be
    letterhead: the release holding it at the end of its headline line is read again too."""
    openings = {
        "a": "Washington  D C\nSenator opens rural clinic\nThe clinic in Lusk serves ranch families.",
        "b": "Enzi touts expansion of farm insurance  November 3  2006 Washington  D C\nWyoming growers gain cover.",
        "c": "Washington  D C\nSenate passes mining safety bill\nInspectors will visit every coal mine twice.",
    }

    def openings_of(ids):
        return {i: openings[i] for i in ids}

    stored = {i: TitleRow(i, find_title(openings[i]), None, False) for i in ("a", "b")}
    plan = retitle(list(stored.values()), {}, openings_of)
    stored = {i: TitleRow(i, plan.titles.get(i, r.title), plan.heads.get(i, r.head), True) for i, r in stored.items()}
    assert stored["b"].title.endswith("Washington  D C")  # one release with the line: nothing shows it letterhead
    stored["c"] = TitleRow("c", find_title(openings["c"]), None, False)
    plan = retitle(list(stored.values()), plan.counts, openings_of)
    assert plan.titles["b"] == "Enzi touts expansion of farm insurance"
    assert plan.titles["a"] == "Senator opens rural clinic" and plan.titles["c"] == "Senate passes mining safety bill"
