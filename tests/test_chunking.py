import pytest

from assistant.ingest.chunking import Chunker
from assistant.errors import ConfigError
from assistant.ingest.parsing import read_release
from assistant.ingest.sentences import split_sentences

from .conftest import SEED


@pytest.fixture(scope="module")
def seed():
    return read_release(SEED, max_bytes=10**7)


def assert_exact(release, chunks, size):
    for chunk in chunks:
        assert release.text[chunk.start : chunk.end] == chunk.text
        assert len(chunk.text) <= size
        assert chunk.sentences[0].start == chunk.start and chunk.sentences[-1].end == chunk.end
        for span in chunk.sentences:
            assert chunk.start <= span.start < span.end <= chunk.end
            sentence = release.text[span.start : span.end]
            assert sentence == sentence.strip()


def test_seed_chunks_slice_back_and_cover_every_sentence(seed):
    chunks = Chunker(800, 200).split(seed)
    assert_exact(seed, chunks, 800)
    covered = {s for c in chunks for s in c.sentences}
    assert covered == set(split_sentences(seed.text))
    key = "Norway is a valued partner in the PESCO project on military mobility"
    assert any(seed.text[s.start : s.end].startswith(key) and seed.text[s.start : s.end].endswith("in Oslo.")
               for c in chunks for s in c.sentences)


def test_sentences_respect_abbreviations():
    text = "Sen. Conrad Burns (R-Mont.) today announced funds. The U.S. Fire Administration agreed."
    sentences = [text[s.start : s.end] for s in split_sentences(text)]
    assert sentences == ["Sen. Conrad Burns (R-Mont.) today announced funds.", "The U.S. Fire Administration agreed."]


def test_text_without_punctuation(senate_rows):
    rows = [r for r in senate_rows if r["text"].count(".") < 2 and len(r["text"]) > 3000][:20]
    assert rows
    from assistant.records import Release

    for row in rows:
        release = Release(row["id"], None, None, None, None, "x", "h", row["text"])
        chunks = Chunker(800, 200, 300).split(release)
        assert len(chunks) >= 3
        assert_exact(release, chunks, 800)
        assert all(s.end - s.start <= 300 for c in chunks for s in c.sentences)


def test_overlap_repeats_trailing_sentences(seed):
    with_overlap = Chunker(500, 200).split(seed)
    without = Chunker(500, 0).split(seed)
    assert len(with_overlap) > len(without)
    assert all(a.end <= b.start for a, b in zip(without, without[1:]))
    assert any(b.start < a.end for a, b in zip(with_overlap, with_overlap[1:]))


def test_ids_are_deterministic(seed):
    assert [c.id for c in Chunker().split(seed)] == [c.id for c in Chunker().split(seed)]
    assert len({c.id for c in Chunker().split(seed)}) == len(Chunker().split(seed))


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"size": 500, "overlap": 500}, "overlap 500 must be at least 0 and below the chunk size 500"),
        ({"size": 500, "overlap": -1}, "overlap -1"),
        ({"size": 50}, "chunk size 50 is too small"),
        ({"size": 300, "overlap": 0, "max_sentence": 400}, "max sentence length 400"),
    ],
)
def test_invalid_configuration_fails_at_construction(kwargs, message):
    with pytest.raises(ConfigError, match=message):
        Chunker(**kwargs)


def test_settings_validate_chunking(tmp_path):
    from assistant.settings import Settings

    with pytest.raises(ConfigError, match="invalid setting: chunk_overlap=900 must be at least 0 and below"):
        Settings.load(chunk_size=800, chunk_overlap=900)


def sentences_of(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_a_scraped_line_is_cut_by_the_boundary_model_not_at_every_wide_gap():
    # scraping left wide gaps where the punctuation and a link (the senator's name) were
    text = ("May 24th  2007   WASHINGTON  D C    U S  Sen    R Colo   announced today that his amendment passed\n"
            "This bill is good news for Colorado families     said Allard   The vote is set for Friday")
    assert sentences_of(text) == ["May 24th  2007",
                                  "WASHINGTON  D C    U S  Sen    R Colo   announced today that his amendment passed",
                                  "This bill is good news for Colorado families     said Allard",
                                  "The vote is set for Friday"]


def test_a_piece_of_a_wide_gapped_sentence_in_lower_case_goes_on_with_the_piece_before():
    text = "The Senate agreed.     The bill is good news for Colorado families     said Allard today."
    assert sentences_of(text) == ["The Senate agreed.",
                                  "The bill is good news for Colorado families     said Allard today."]


def test_a_line_break_ends_a_sentence_whatever_follows():
    text = "The Senate passed the bill\nthe House votes next week\n# # #"
    assert sentences_of(text) == ["The Senate passed the bill", "the House votes next week", "# # #"]
