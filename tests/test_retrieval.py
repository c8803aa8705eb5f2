"""Hybrid retrieval and the lexical index kept in step with the store; filters; "the latest"."""

import pytest

from assistant.factory import build_assistant, build_library
from assistant.retrieval.filters import SearchFilter
from assistant.settings import Settings

RELEASES = {
    "2023-03-01-grant.md": "---\ndate: 2023-03-01\n---\n# Harbour grant announced\n\n"
                           "The ministry announced a harbour grant of 2 million euros for Tromsø.\n",
    "2024-06-01-grant.md": "---\ndate: 2024-06-01\n---\n# Harbour grant raised\n\n"
                           "The ministry announced a harbour grant of 5 million euros for Tromsø.\n",
    "2022-01-10-other.md": "---\ndate: 2022-01-10\n---\n# Forest fire season\n\n"
                           "Firefighters in Bergen prepared for an early forest fire season.\n",
}


@pytest.fixture
def small(tmp_path, embeddings):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in RELEASES.items():
        (corpus / name).write_text(text)
    settings = Settings(corpus_dir=corpus, index_dir=tmp_path / "index")
    library = build_library(settings, embeddings)
    list(library.sync())
    assistant = build_assistant(settings, embeddings, library)
    return library, assistant


def test_lexical_index_follows_adds_and_removes(small, tmp_path):
    from assistant.index import lexical

    library, assistant = small
    store = library.store
    assert store.catalog.lexical_counts() == {r.id: r.chunks for r in store.releases()}
    hits = lexical.search(store.catalog, "forest fire Bergen", 5)
    assert hits and hits[0].release_id == "2022-01-10-other"
    library.remove("2022-01-10-other")
    assert not lexical.search(store.catalog, "forest fire Bergen", 5)
    assert store.catalog.lexical_counts() == {r.id: r.chunks for r in store.releases()}
    extra = tmp_path / "new.txt"
    extra.write_text("Glacier survey\n\nScientists measured the Jostedalsbreen glacier on 3 May 2024.")
    library.add(extra)
    passages = assistant.search.search("Jostedalsbreen glacier measurement", 3)
    assert passages[0].chunk.release_id == "new"  # answerable at once, no rebuild


def test_a_reader_sees_another_writers_commit_and_writes_nothing(small, embeddings):
    """A second process's store (here: a second store object on the same folder) sees a commit at once;
    searching leaves the catalog file untouched."""
    library, assistant = small
    other = build_library(library.settings, embeddings)
    path = library.store.catalog.path
    before = (path.stat().st_mtime_ns, path.with_name(path.name + "-wal").stat().st_size)
    assert assistant.search.search("harbour grant", 3) and assistant.ask("Where did firefighters prepare?")
    assert (path.stat().st_mtime_ns, path.with_name(path.name + "-wal").stat().st_size) == before
    (library.corpus_dir / "late.txt").write_text("Late news\n\nThe Svalbard seed vault opened a new wing on 2 May 2024.")
    list(other.sync())
    assert "late" in assistant.search.store.current_versions()
    assert assistant.search.search("Svalbard seed vault wing", 1)[0].chunk.release_id == "late"


@pytest.mark.parametrize("fusion", ["rrf", "weighted", "dense", "lexical"])
def test_every_fusion_finds_the_release(small, fusion):
    _, assistant = small
    assistant.search.fusion = fusion
    try:
        top = assistant.search.search("early forest fire season for firefighters", 2)
    finally:
        assistant.search.fusion = "weighted"
    assert top[0].chunk.release_id == "2022-01-10-other"
    assert top[0].rank == 1 and top[0].score >= top[-1].score


def test_filters_by_release_and_date(small):
    _, assistant = small
    search = assistant.search
    only = search.search("harbour grant", 5, SearchFilter(release_ids=("2023-03-01-grant",)))
    assert {p.chunk.release_id for p in only} == {"2023-03-01-grant"}
    from datetime import date

    newer = search.search("harbour grant", 5, SearchFilter(since=date(2024, 1, 1)))
    assert {p.chunk.release_id for p in newer} == {"2024-06-01-grant"}
    older = search.search("harbour grant", 5, SearchFilter(until=date(2023, 12, 31)))
    assert "2024-06-01-grant" not in {p.chunk.release_id for p in older}


def test_latest_uses_release_dates(small):
    _, assistant = small
    answer = assistant.ask("What is the latest harbour grant the ministry announced for Tromsø?")
    assert "5 million euros" in answer.answer and answer.citations[0].date == "2024-06-01"
    period = assistant.ask("What harbour grant did the ministry announce in 2023?")
    assert "2 million euros" in period.answer


@pytest.mark.parametrize("kind", ["dense", "lexical"])
def test_each_retriever_is_a_langchain_retriever(small, kind):
    from langchain_core.retrievers import BaseRetriever

    from assistant.retrieval.retrievers import DenseRetriever, LexicalRetriever

    library, _ = small
    cls = DenseRetriever if kind == "dense" else LexicalRetriever
    retriever = cls(store=library.store, k=2)
    assert isinstance(retriever, BaseRetriever)
    docs = retriever.invoke("early forest fire season for firefighters")
    assert docs[0].metadata["release_id"] == "2022-01-10-other" and docs[0].id
    assert docs[0].page_content.startswith("Firefighters in Bergen") or "Firefighters in Bergen" in docs[0].page_content
    assert len(docs) <= 2


def test_lexical_search_leaving_out_common_terms_ranks_as_the_whole_query(tmp_path):
    """Terms in half the chunks or more are left out of the FTS5 match (their BM25 weight is ~0): the
    ranking must be the one the whole query gives, on the fast path and on the fallback."""
    from assistant.index import lexical
    from assistant.index.catalog import Catalog, CatalogEntry
    from assistant.records import Chunk, Release, Span

    catalog = Catalog(tmp_path / "catalog.sqlite3")
    entries = []
    for i in range(40):
        words = ["senator", "announced", "funding"] if i < 30 else ["funding"]
        words += ["harbour"] * (1 + i % 3) if i % 4 == 0 else ["forest"]
        text = " ".join(words) + f" item{i}."
        release = Release(f"r{i}", f"Release {i}", "2024-01-01", None, None, f"corpus/r{i}.txt", f"h{i}", text)
        chunk = Chunk(f"c{i}", release.id, 0, text, 0, len(text), (Span(0, len(text)),))
        entries.append(CatalogEntry(release, [chunk], {}))
    catalog.commit(entries)
    total, counts = lexical.frequencies(catalog, ["senator", "harbour"])
    assert counts["senator"] >= total / 2 > counts["harbour"]  # one common, one informative term
    for query, k in [("senator harbour", 5), ("senator harbour", 30), ("senator announced forest", 8)]:
        fast = lexical.search(catalog, query, k)
        whole = lexical._ranked(catalog, list(dict.fromkeys(lexical.search_terms(query))), k, None, None, None)
        assert [h.chunk_id for h in fast] == [h.chunk_id for h in whole], query
        assert len(fast) == min(k, 40)


def test_the_index_searches_with_the_configured_hnsw_candidates_also_when_built_before(tmp_path):
    """A new collection gets `hnsw_ef_search`; one built with another value is set to it on opening."""
    from assistant.index.chroma_client import make_client
    from assistant.index.vectors import ChunkVectors

    client = make_client(Settings(index_dir=tmp_path, corpus_dir=tmp_path))
    built = ChunkVectors(client, "releases", "model", ef_search=123)
    assert built.collection.configuration["hnsw"]["ef_search"] == 123
    reopened = ChunkVectors(client, "releases", "model", ef_search=400)
    assert reopened.collection.configuration["hnsw"]["ef_search"] == 400
    assert client.get_collection("releases").configuration["hnsw"]["ef_search"] == 400  # stored, not only in memory
