"""Which issuer a question names, from the names the releases' metadata states."""

import re
from datetime import date

import pytest

from assistant.answer.issuers import find_issuer, narrowed_to_issuer
from assistant.retrieval.filters import SearchFilter

from .conftest import SEED_ID

ISSUERS = {"Bayh": ("b1", "b2"), "Ben Nelson": ("n1",), "Nelson": ("x1",), "Lincoln": ("l1",), "Allard": ("a1",),
           "Biden": ("d1",)}


@pytest.mark.parametrize("question, issuer, words", [
    ("What did Senator Bayh announce in March 2006?", "Bayh", "Senator Bayh"),
    ("Summarize the statement on the port deal by Bayh.", "Bayh", "Bayh"),
    ("Which grants were in Senator Bayh's August 2004 announcement?", "Bayh", "Senator Bayh's"),
    ("What did Ben Nelson release last year?", "Ben Nelson", "Ben Nelson"),  # the longer name wins
    ("What did Senator Nelson say?", "Nelson", "Senator Nelson"),
    # given names and titles go with the name, so they are not left in the question as a subject
    ("What did Senator Wayne Allard put out in February 2007?", "Allard", "Senator Wayne Allard"),
    ("Joe Biden's releases from February 2007", "Biden", "Joe Biden's"),
    ("Show me Sen. Joseph R. Biden's releases", "Biden", "Sen. Joseph R. Biden's"),
    ("Which releases mention the Lincoln Memorial?", None, None),  # part of a longer name
    ("what did senator bayh say?", None, None),  # names are matched as the metadata writes them
    ("What did the Bayhs say?", None, None),  # whole words only
])
def test_a_question_names_an_issuer_as_a_name_of_its_own(question, issuer, words):
    found = find_issuer(question, ISSUERS)
    assert (found.issuer if found else None) == issuer
    assert (found.text if found else None) == words
    if found:
        assert found.release_ids == ISSUERS[issuer]


def test_the_issuer_narrows_the_callers_filter_and_never_widens_it():
    mention = find_issuer("What did Senator Bayh say?", ISSUERS)
    assert narrowed_to_issuer(SearchFilter(), mention).release_ids == ("b1", "b2")
    assert narrowed_to_issuer(SearchFilter(("b2", "n1")), mention).release_ids == ("b2",)
    assert narrowed_to_issuer(SearchFilter(("n1",)), mention) is None  # the caller chose none of Bayh's
    assert narrowed_to_issuer(SearchFilter(("n1",)), None) == SearchFilter(("n1",))


RELEASES = {
    "harbour.md": "---\nissuer: Ann Reyes\ndate: 2025-03-04\n---\n# Harbour grant\n\n"
                  "Senator Ann Reyes announced a grant of two million dollars to dredge the northern harbour.\n",
    "bridge.md": "---\nissuer: Ann Reyes\ndate: 2025-03-18\n---\n# Bridge repairs\n\n"
                 "Senator Ann Reyes secured funding to repair the old swing bridge over the river.\n",
    "timetable.md": "---\nissuer: Port Office\ndate: 2025-03-20\n---\n# New ferry timetable\n\n"
                    "The new ferry timetable, which Senator Ann Reyes praised, adds four evening crossings.\n",
    "fares.md": "---\nissuer: Port Office\ndate: 2025-03-25\n---\n# Cheaper ferry fares\n\n"
                "The Port Office cut ferry fares for pensioners and students by a third from April.\n",
}


@pytest.fixture(scope="module")
def issuers_assistant(tmp_path_factory, embeddings):
    """The four releases above among the seed and 40 real Senate releases without issuer metadata, so
    which words are common is measured on press-release text."""
    from evals.senate import rows

    from .conftest import make_assistant

    background = {f"{row['id']}.txt": row["text"] for row, _ in zip(rows(), range(40))}
    return make_assistant(tmp_path_factory.mktemp("issuers"), embeddings, {**RELEASES, **background})[0]


def test_what_an_issuer_announced_lists_its_releases_not_the_ones_that_name_it(issuers_assistant):
    answer = issuers_assistant.ask("What did Senator Ann Reyes announce in March 2025?")
    assert answer.intent == "search" and "issued by Ann Reyes" in answer.answer
    assert {c.release_id for c in answer.citations} == {"harbour", "bridge"}


def test_a_name_that_is_the_subject_falls_back_to_every_issuer(issuers_assistant):
    """None of Ann Reyes's releases is about the ferry timetable; the release that quotes her is."""
    answer = issuers_assistant.ask("Which releases mention the ferry timetable that Ann Reyes praised?")
    assert answer.intent == "search" and "issued by" not in answer.answer
    assert "timetable" in {c.release_id for c in answer.citations}
    assert "(2025-03-20, Port Office):" in answer.answer  # each release found says who put it out


def test_an_issuer_none_of_whose_releases_answers_gets_no_release_that_does_not_name_them(issuers_assistant):
    """None of Ann Reyes's releases is about ferry fares, and the one that is never names her: the
    question asks for hers, so that one is not given; asked of every release, it is."""
    answer = issuers_assistant.ask("Show me Ann Reyes's releases on cheaper ferry fares")
    assert answer.intent == "search" and "fares" not in {c.release_id for c in answer.citations}, answer.answer
    anyone = issuers_assistant.ask("Show me releases on cheaper ferry fares")
    assert anyone.intent == "search" and "fares" in {c.release_id for c in anyone.citations}, anyone.answer


@pytest.mark.slow
def test_an_issuer_and_month_in_the_senate_corpus(distractor_env, distractor_assistant):
    """The senator and month are picked from the corpus: the one where most releases of other senators
    name the senator, so matching the name as words would list them."""
    from collections import defaultdict

    from assistant.ingest.parsing import slugify
    from evals.senate import issuer_name

    rows = [r for r in distractor_env["rows"] if r.get("date") and r.get("senator")]
    own: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in rows:
        own[(issuer_name(r["senator"]), r["date"][:7])].add(slugify(r["id"]))

    def naming(name: str, month: str) -> set[str]:
        return {slugify(r["id"]) for r in rows if r["date"][:7] == month and issuer_name(r["senator"]) != name
                and re.search(rf"\b{re.escape(name)}\b", r["text"])}

    name, month = max((key for key, ids in own.items() if 2 <= len(ids) <= 8), key=lambda key: len(naming(*key)))
    assert naming(name, month)
    year, number = map(int, month.split("-"))
    question = f"What did Senator {name} announce in {date(year, number, 1):%B %Y}?"
    answer = distractor_assistant.ask(question)
    assert answer.intent == "search", question
    assert {c.release_id for c in answer.citations} == own[(name, month)], question


def test_the_opened_release_says_who_issued_it(issuers_assistant):
    from ui.app import library_for
    from ui.release_view import CitationRef, ReleaseViewer

    viewer = ReleaseViewer(library_for(issuers_assistant))
    assert "issued by Ann Reyes" in viewer.open(CitationRef("harbour", 0, 10))
    assert "issued by" not in viewer.open(CitationRef(SEED_ID, 0, 10))  # a .txt file names no issuer


def test_releases_that_name_an_issuer_answer_only_what_they_say_of_the_subject(issuers_assistant):
    """None of Ann Reyes's releases is about wind farms, and the one release of another issuer that names
    her is about the ferry timetable: that she is named there does not make it an answer."""
    for question in ("What did Senator Ann Reyes say about offshore wind farms?",
                     "Which releases mention offshore wind farms that Ann Reyes backed?"):
        answer = issuers_assistant.ask(question)
        assert answer.abstained and not answer.citations, (question, answer.intent, answer.answer)
