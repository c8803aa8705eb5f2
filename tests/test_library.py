"""Ingestion end to end on the real model and a real persistent Chroma in a temporary folder."""

import shutil

import pytest

from assistant.errors import IndexMismatchError, ReleaseNotFoundError
from assistant.factory import build_library
from assistant.records import IngestStatus
from assistant.settings import Settings

from .conftest import SEED_ID


def chunk_ids(library):
    return sorted(library.store.vectors.all_ids())


def test_add_copies_into_corpus_and_indexes(library, seed_file):
    result = library.add(seed_file)
    assert result.status is IngestStatus.ADDED and result.release_id == SEED_ID
    assert (library.corpus_dir / seed_file.name).read_bytes() == seed_file.read_bytes()
    [info] = library.releases()
    assert (info.id, info.date, info.title) == (SEED_ID, "2024-12-05", "EU-Norway Security and Defence Dialogue")
    assert info.chunks == result.chunks == library.store.count_chunks() > 1
    for chunk in library.show(SEED_ID).chunks:
        assert library.show(SEED_ID).text[chunk.start : chunk.end] == chunk.text


def test_adding_twice_changes_nothing(library, seed_file):
    library.add(seed_file)
    before = chunk_ids(library)
    again = library.add(seed_file)
    assert again.status is IngestStatus.UNCHANGED
    assert chunk_ids(library) == before
    assert [r.status for r in library.sync()] == [IngestStatus.UNCHANGED]
    assert chunk_ids(library) == before


def test_same_content_under_another_name_is_not_duplicated(library, seed_file, tmp_path):
    library.add(seed_file)
    twin = tmp_path / "copy-of-seed.txt"
    shutil.copy(seed_file, twin)
    result = library.add(twin)
    assert result.status is IngestStatus.UNCHANGED and result.release_id == SEED_ID
    assert len(library.releases()) == 1


def test_changed_file_replaces_its_chunks(library, seed_file):
    library.add(seed_file)
    old = set(chunk_ids(library))
    seed_file.write_text(seed_file.read_text() + "\nA new closing paragraph about Arctic cooperation.\n")
    result = library.add(seed_file)
    assert result.status is IngestStatus.REPLACED
    new = set(chunk_ids(library))
    assert new and not (new & old) - {cid for cid in new if cid in old}
    assert all(c.text in library.show(SEED_ID).text for c in library.show(SEED_ID).chunks)
    assert any("Arctic" in c.text for c in library.show(SEED_ID).chunks)
    assert library.store.count_chunks() == library.releases()[0].chunks  # old version gone


def test_sync_follows_corpus_edits_and_deletions(library, seed_file, settings):
    settings.corpus_dir.mkdir(parents=True)
    shutil.copy(seed_file, settings.corpus_dir / seed_file.name)
    (settings.corpus_dir / "other.md").write_text("---\ndate: 2025-01-02\n---\n# Other release\n\nOslo hosts a summit.\n")
    assert sorted(r.status.value for r in library.sync()) == ["added", "added"]
    (settings.corpus_dir / "other.md").write_text("# Other release\n\nBergen hosts a summit instead.\n")
    (settings.corpus_dir / seed_file.name).unlink()
    statuses = {r.release_id: r.status for r in library.sync()}
    assert statuses == {"other": IngestStatus.REPLACED, SEED_ID: IngestStatus.REMOVED}
    [info] = library.releases()
    assert info.id == "other" and info.date is None
    assert library.store.count_chunks() == info.chunks
    assert "Bergen" in library.show("other").chunks[0].text


def test_remove_deletes_file_and_chunks(library, seed_file):
    library.add(seed_file)
    library.remove(SEED_ID)
    assert library.releases() == [] and library.store.count_chunks() == 0
    assert not (library.corpus_dir / seed_file.name).exists()
    with pytest.raises(ReleaseNotFoundError):
        library.remove(SEED_ID)


def test_index_survives_restart(settings, embeddings, seed_file):
    build_library(settings, embeddings).add(seed_file)
    reopened = build_library(settings, embeddings)  # a new Chroma client on the same folder
    assert [r.id for r in reopened.releases()] == [SEED_ID]
    assert reopened.store.count_chunks() == reopened.releases()[0].chunks


def test_bad_files_in_a_batch_leave_the_rest_and_the_store_alone(library, seed_file, tmp_path):
    library.add(seed_file)
    before = (chunk_ids(library), sorted(p.name for p in library.corpus_dir.iterdir()))
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (bad / "doc.docx").write_bytes(b"PK\x03\x04")
    (bad / "latin.txt").write_bytes("Caf\xe9".encode("latin-1"))
    (bad / seed_file.name).write_bytes(b"")  # an empty file must not replace the stored release
    (bad / "good.txt").write_text("Good release\n\nOn 1 March 2025 the good release was published.")
    results = [library.add(p) for p in library.expand([bad, tmp_path / "missing.txt"])]
    rejected = {r.path.rsplit("/", 1)[-1]: r.reason for r in results if r.status is IngestStatus.REJECTED}
    assert set(rejected) == {"empty.txt", "binary.txt", "doc.docx", "latin.txt", seed_file.name, "missing.txt"}
    assert [r.release_id for r in results if r.status is IngestStatus.ADDED] == ["good"]
    assert set(before[0]) <= set(chunk_ids(library))
    assert (library.corpus_dir / seed_file.name).read_bytes() == seed_file.read_bytes()
    assert sorted(p.name for p in library.corpus_dir.iterdir()) == sorted(before[1] + ["good.txt"])


def test_opening_with_another_model_is_a_clear_error(settings, embeddings, seed_file, tmp_path):
    from assistant.embedding.torch_model import SentenceTransformerEmbeddings, resolve_model_path

    build_library(settings, embeddings).add(seed_file)
    copy = tmp_path / "my-model"
    shutil.copytree(resolve_model_path(embeddings.base_model), copy)
    other = build_library(settings, SentenceTransformerEmbeddings(str(copy)))
    with pytest.raises(IndexMismatchError, match="run `assistant index --rebuild`"):
        other.releases()
    # rebuilding with the new model works and records it
    assert [r.status for r in other.sync(rebuild=True)] == [IngestStatus.ADDED]
    assert other.store.vectors.collection.metadata["embedding_model"] == str(copy)
    assert other.store.catalog.meta("embedding_model") == str(copy)
    with pytest.raises(IndexMismatchError):
        build_library(settings, embeddings).releases()


def test_interrupted_write_leaves_no_visible_half(library, seed_file, monkeypatch):
    """A crash after the new version's vectors are written but before the catalog commits leaves the
    old version whole; the next sync removes the leftover vectors."""
    library.add(seed_file)
    good = library.show(SEED_ID).chunks
    seed_file.write_text(seed_file.read_text().replace("Oslo", "Bergen"))

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("simulated crash")

    monkeypatch.setattr(library.store.catalog, "commit", crash)
    with pytest.raises(KeyboardInterrupt):
        library.store.write_release(*_parsed(library, seed_file))
    monkeypatch.undo()
    assert [c.id for c in library.show(SEED_ID).chunks] == [c.id for c in good]
    assert library.store.vectors.count() > len(good)  # the leftovers exist but are invisible
    assert library.store.count_chunks() == len(good)
    assert "Bergen" not in " ".join(p.chunk.text for p in _search(library, "next PESCO meeting Bergen"))
    list(library.sync())
    assert library.store.vectors.count() == len(good)


def _search(library, query):
    from assistant.retrieval.hybrid import HybridSearch

    return HybridSearch(library.store).search(query, 20)


def _parsed(library, path):
    from assistant.ingest.parsing import read_release

    release = read_release(path, max_bytes=10**7, source=library.source_for(library.corpus_dir / path.name))
    return release, library.chunker.split(release)


def test_bad_chroma_url_is_a_clear_error(tmp_path, embeddings):
    from assistant.errors import StoreUnavailableError

    settings = Settings(corpus_dir=tmp_path / "c", index_dir=tmp_path / "i", chroma_url="http://127.0.0.1:9")
    with pytest.raises(StoreUnavailableError, match="cannot open the Chroma index at http://127.0.0.1:9"):
        build_library(settings, embeddings).releases()


def test_a_catalog_from_before_issuers_gets_them_on_the_next_sync(settings, embeddings):
    import sqlite3

    settings.corpus_dir.mkdir(parents=True)
    (settings.corpus_dir / "grant.md").write_text("---\nissuer: Senator Ann Reyes\n---\n# Grant\n\nThe harbour gets a grant.\n")
    (settings.corpus_dir / "plain.md").write_text("# Plain\n\nThe ferry runs daily.\n")
    library = build_library(settings, embeddings)
    list(library.sync())
    path = library.store.catalog.path
    library.store.catalog.close()
    with sqlite3.connect(path) as db:  # the catalog as the version before issuers wrote it
        db.execute("ALTER TABLE releases DROP COLUMN issuer")
    reopened = build_library(settings, embeddings)
    assert {r.id: r.issuer for r in reopened.releases()} == {"grant": None, "plain": None}
    statuses = {r.release_id: r.status for r in reopened.sync()}
    assert statuses == {"grant": IngestStatus.REPLACED, "plain": IngestStatus.UNCHANGED}
    assert reopened.store.issuers() == {"Senator Ann Reyes": ("grant",)}
    assert reopened.store.count_chunks() == sum(r.chunks for r in reopened.releases())
