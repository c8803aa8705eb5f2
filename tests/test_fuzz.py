"""Fuzzing with hypothesis: the parsers and the chunker on arbitrary bytes and Unicode, and questions of
every odd shape. The only acceptable failure is a clear, one-line ReleaseError or QuestionError.

Each test carries its own settings and counts nothing across tests, so any one of them runs alone.
Example counts are sized for the fast tier (a few seconds each); the `_long` twins (slow tier) run
the same properties on many more examples. Hypothesis draws new examples on every run."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import QuestionError, ReleaseError
from assistant.ingest.chunking import Chunker
from assistant.ingest.parsing import read_release
from assistant.records import Release

from .test_answers import SEED_TEXT, assert_cites_release_sentences


def fuzz(examples: int, **extra) -> settings:
    # database=None: nothing is written into the checkout; a failure prints its reproducing blob instead
    return settings(max_examples=examples, deadline=None, database=None, print_blob=True, **extra)


SUFFIXES = [".txt", ".md", ".html", ".pdf"]
ODD_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"])),  # control, format, spaces
    st.text(alphabet="\u202e\u200f\u0627\u05d0 abc.!?\n\t\x00😀🇳🇴", min_size=1),  # RTL, emoji, NUL
    # long runs of abbreviations and words with no sentence end; capped at 1,000 repeats (5,000 characters,
    # many chunks) because the sentence splitter is superlinear on runs of "U.S. " (5,000 repeats: ~4 s)
    st.builds(lambda w, n: (w + " ") * n, st.sampled_from(["word", "Sen.", "U.S.", "ثم", "ä"]),
              st.integers(1, 1000)),
)
BROKEN = st.sampled_from([
    b"<html><body><p>unclosed <b>tags <script>alert(1)", b"%PDF-1.7\n1 0 obj << /Type /Catalog", b"<<<>>>",
    b"---\ntitle: [\n---\n", b"\xff\xfe\x00\x00", b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'a'>]><x>&a;</x>",
])


def _parse(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        release = read_release(path, max_bytes=2_000_000)
    except ReleaseError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
        assert exc.reason and exc.reason in str(exc)
    else:
        assert release.text.strip() and release.id
        for chunk in Chunker(800, 200, 400).split(release):
            assert release.text[chunk.start : chunk.end] == chunk.text


BYTES = st.one_of(st.binary(max_size=4000), BROKEN, ODD_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass")))
FIXTURE = [HealthCheck.function_scoped_fixture]  # tmp_path: one file, rewritten for each example


@fuzz(100, suppress_health_check=FIXTURE)
@given(suffix=st.sampled_from(SUFFIXES), data=BYTES)
def test_parsers_on_arbitrary_bytes(tmp_path, suffix, data):
    _parse(tmp_path, suffix, data)


@pytest.mark.slow
@fuzz(500, suppress_health_check=FIXTURE)
@given(suffix=st.sampled_from(SUFFIXES), data=BYTES)
def test_parsers_on_arbitrary_bytes_long(tmp_path, suffix, data):
    _parse(tmp_path, suffix, data)


def test_one_megabyte_line_and_nul_bytes(tmp_path):
    _parse(tmp_path, ".txt", b"x" * 1_000_000)
    _parse(tmp_path, ".txt", ("word " * 200_000).encode())
    _parse(tmp_path, ".html", b"<p>" + b"a" * 1_000_000 + b"</p>")
    _parse(tmp_path, ".txt", b"text\x00with nul")


def _chunk(text: str) -> None:
    release = Release("r", None, None, None, None, "x", "h", text)
    chunks = Chunker(300, 100, 150).split(release)
    assert chunks  # text with something in it is never chunked into nothing
    for chunk in chunks:
        assert text[chunk.start : chunk.end] == chunk.text
        assert len(chunk.text) <= 300
        assert all(chunk.start <= s.start < s.end <= chunk.end for s in chunk.sentences)
    # every non-space character lies in some chunk: nothing is silently dropped
    covered = set()
    for chunk in chunks:
        covered.update(range(chunk.start, chunk.end))
    assert all(i in covered for i, ch in enumerate(text) if not ch.isspace()), "a character was left out"


TEXTS = ODD_TEXT.filter(lambda t: t.strip())


@fuzz(150)
@given(text=TEXTS)
def test_chunker_keeps_exact_offsets(text):
    _chunk(text)


@pytest.mark.slow
@fuzz(500)
@given(text=TEXTS)
def test_chunker_keeps_exact_offsets_long(text):
    _chunk(text)


QUESTIONS = st.one_of(st.text(max_size=300), st.sampled_from([
    "", "   ", "x" * 20_000, "<script>alert(1)</script>", "' OR 1=1 --", "\"quoted\" AND (PESCO OR NEAR)",
    "Где пройдёт встреча?", "会议在哪里举行？", "متى الاجتماع؟", "🙂" * 50, "[1] [2] [3]", "NEAR(a b)", "*",
]))


def _ask(assistant, question: str) -> None:
    try:
        answer = assistant.ask(question)
    except QuestionError as exc:
        assert "\n" not in str(exc)
        return
    if answer.abstained:  # a refusal, or a reply to small talk or to another language: none quotes anything
        assert answer.citations == ()
        assert answer.answer.startswith("The releases in the corpus don't say") or \
            (answer.intent in ("chat", "language") and answer.related == ())
        for r in answer.related:  # nearest passages, never presented as sources
            assert not r.supported and SEED_TEXT[r.start : r.end] == r.quote
    else:
        for c in answer.citations:  # whatever was asked, a quote is a whole sentence of the release file
            assert_cites_release_sentences(c)


@fuzz(25)  # each question is a full answer (0.1-0.3 s with the reader)
@given(question=QUESTIONS)
def test_questions_never_traceback(seed_assistant, question):
    _ask(seed_assistant, question)


@pytest.mark.slow
@fuzz(120)
@given(question=QUESTIONS)
def test_questions_never_traceback_long(seed_assistant, question):
    _ask(seed_assistant, question)
