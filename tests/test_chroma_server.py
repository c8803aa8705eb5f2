"""The same commands against a real `chroma run` server (ASSISTANT_CHROMA_URL)."""

import json
import shutil

import pytest

from assistant.factory import build_library
from assistant.records import IngestStatus
from assistant.settings import Settings

from .conftest import SEED, SEED_ID, run_cli

pytestmark = pytest.mark.slow


def test_library_against_server(chroma_server, embeddings, tmp_path, seed_file):
    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "unused", chroma_url=chroma_server,
                        collection="library_test")
    library = build_library(settings, embeddings)
    assert library.add(seed_file).status is IngestStatus.ADDED
    assert library.add(seed_file).status is IngestStatus.UNCHANGED
    again = build_library(settings, embeddings)  # a second client sees the same data
    [info] = again.releases()
    assert info.id == SEED_ID and info.chunks == again.store.count_chunks()
    assert not (tmp_path / "unused" / "chroma.sqlite3").exists()  # the vectors live on the server
    assert again.store.vectors.count() == info.chunks


def test_answers_against_server(chroma_server, embeddings, tmp_path, seed_file):
    from assistant.factory import build_assistant

    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "local", chroma_url=chroma_server,
                        collection="answer_test")
    library = build_library(settings, embeddings)
    library.add(seed_file)
    answer = build_assistant(settings, embeddings, library).ask(
        "Where will the next PESCO military mobility meeting be held?")
    assert "Oslo" in answer.answer and answer.citations[0].release_id == SEED_ID
    # the catalog is local: a second machine with an empty index folder sees no release of the server's...
    other = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "other", chroma_url=chroma_server,
                     collection="answer_test")
    assert build_library(other, embeddings).releases() == []
    # ...and answers from the server once it has a copy of the writing machine's catalog file
    library.store.catalog.copy_to(other.index_dir / library.store.catalog.path.name)
    again = build_assistant(other, embeddings, build_library(other, embeddings))
    answer = again.ask("Where will the next PESCO military mobility meeting be held?")
    assert "Oslo" in answer.answer and answer.citations[0].release_id == SEED_ID


def test_cli_against_server(chroma_server, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    env = {"ASSISTANT_CORPUS_DIR": str(corpus), "ASSISTANT_INDEX_DIR": str(tmp_path / "index"),
           "ASSISTANT_CHROMA_URL": chroma_server, "ASSISTANT_COLLECTION": "cli_test"}
    assert run_cli("index", env=env).returncode == 0
    run = run_cli("list", "--json", env=env)
    [release] = json.loads(run.stdout)
    assert release["date"] == "2024-12-05"
