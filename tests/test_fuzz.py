"""Fuzzing with hypothesis: the parsers and the chunker on arbitrary bytes and Unicode, and questions of
every odd shape. The only acceptable failure is a clear, one-line ReleaseError or QuestionError."""

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assistant.errors import QuestionError
from assistant.ingest.chunking import Chunker
from assistant.errors import ReleaseError
from assistant.records import Release
from assistant.ingest.parsing import read_release

FUZZ = settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
SUFFIXES = [".txt", ".md", ".html", ".pdf"]
ODD_TEXT = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(categories=["Cc", "Cf", "Zs", "Zl", "Zp"])),  # control, format, spaces
    st.text(alphabet="\u202e\u200f\u0627\u05d0 abc.!?\n\t\x00😀🇳🇴", min_size=1),  # RTL, emoji, NUL
    st.builds(lambda w, n: (w + " ") * n, st.sampled_from(["word", "Sen.", "U.S.", "ثم", "ä"]),
              st.integers(1, 5000)),
)
BROKEN = st.sampled_from([
    b"<html><body><p>unclosed <b>tags <script>alert(1)", b"%PDF-1.7\n1 0 obj << /Type /Catalog", b"<<<>>>",
    b"---\ntitle: [\n---\n", b"\xff\xfe\x00\x00", b"<?xml version='1.0'?><!DOCTYPE x [<!ENTITY a 'a'>]><x>&a;</x>",
])
checked = {"parse": 0, "chunk": 0, "question": 0}


def _parse(tmp_path: Path, suffix: str, data: bytes) -> None:
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    try:
        release = read_release(path, max_bytes=2_000_000)
    except ReleaseError as exc:
        assert str(exc).startswith(str(path)) and "\n" not in str(exc)
    else:
        assert release.text.strip() and release.id
        for chunk in Chunker(800, 200, 400).split(release):
            assert release.text[chunk.start : chunk.end] == chunk.text
    checked["parse"] += 1


@FUZZ
@given(suffix=st.sampled_from(SUFFIXES), data=st.one_of(st.binary(max_size=4000), BROKEN,
                                                         ODD_TEXT.map(lambda t: t.encode("utf-8", "surrogatepass"))))
def test_parsers_on_arbitrary_bytes(tmp_path, suffix, data):
    _parse(tmp_path, suffix, data)


def test_one_megabyte_line_and_nul_bytes(tmp_path):
    _parse(tmp_path, ".txt", b"x" * 1_000_000)
    _parse(tmp_path, ".txt", ("word " * 200_000).encode())
    _parse(tmp_path, ".html", b"<p>" + b"a" * 1_000_000 + b"</p>")
    _parse(tmp_path, ".txt", b"text\x00with nul")


@FUZZ
@given(text=ODD_TEXT.filter(lambda t: t.strip()))
def test_chunker_keeps_exact_offsets(text):
    release = Release("r", None, None, None, None, "x", "h", text)
    for chunk in Chunker(300, 100, 150).split(release):
        assert text[chunk.start : chunk.end] == chunk.text
        assert len(chunk.text) <= 300
        assert all(chunk.start <= s.start < s.end <= chunk.end for s in chunk.sentences)
    checked["chunk"] += 1


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(question=st.one_of(st.text(max_size=300), st.sampled_from([
    "", "   ", "x" * 20_000, "<script>alert(1)</script>", "' OR 1=1 --", "\"quoted\" AND (PESCO OR NEAR)",
    "Где пройдёт встреча?", "会议在哪里举行？", "متى الاجتماع؟", "🙂" * 50, "[1] [2] [3]", "NEAR(a b)", "*",
])))
def test_questions_never_traceback(seed_assistant, question):
    try:
        answer = seed_assistant.ask(question)
    except QuestionError as exc:
        assert "\n" not in str(exc)
    else:
        assert answer.abstained == (not answer.citations)
        for c in answer.citations:
            assert c.quote in c.text
    checked["question"] += 1


def test_fuzzed_case_count():
    """Reports the number of fuzzed inputs (runs after the fuzz tests in file order)."""
    total = sum(checked.values())
    print(f"\nfuzzed inputs: {checked} = {total}")
    assert total >= 1000, checked
