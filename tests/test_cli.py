"""The `assistant` command as a user runs it, in a fresh process each time."""

import json
import shutil

import pytest

from .conftest import SEED, SEED_ID, run_cli


@pytest.fixture
def env(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(SEED, corpus / SEED.name)
    return {"ASSISTANT_CORPUS_DIR": str(corpus), "ASSISTANT_INDEX_DIR": str(tmp_path / "index")}


def listed(env):
    run = run_cli("list", "--json", env=env)
    assert run.returncode == 0, run.stderr
    return json.loads(run.stdout)


@pytest.mark.slow  # eleven fresh processes (~2 s each); the fast tier runs index, add and list in the next test
def test_index_list_add_twice_show_remove(env, tmp_path):
    run = run_cli("index", env=env)
    assert run.returncode == 0, run.stderr
    [release] = listed(env)
    assert release["id"] == SEED_ID
    assert release["date"] == "2024-12-05"
    assert release["title"] == "EU-Norway Security and Defence Dialogue"
    assert release["issuer"] is None  # a .txt file states no issuer
    chunks = release["chunks"]

    incoming = tmp_path / "incoming"
    incoming.mkdir()
    shutil.copy(SEED, incoming / SEED.name)
    for _ in range(2):
        run = run_cli("add", str(incoming / SEED.name), env=env)
        assert run.returncode == 0, run.stderr
        assert "1 unchanged" in run.stderr
    assert [r["chunks"] for r in listed(env)] == [chunks]

    run = run_cli("show", SEED_ID, env=env)
    assert run.returncode == 0 and "   date: 2024-12-05" in run.stdout and " issuer: -" in run.stdout and "PESCO" in run.stdout
    run = run_cli("show", SEED_ID, "--json", env=env)
    shown = json.loads(run.stdout)
    assert all(shown["text"][c["start"] : c["end"]] == c["text"] for c in shown["chunk_list"])

    run = run_cli("remove", SEED_ID, env=env)
    assert run.returncode == 0 and f"removed as {SEED_ID}" in run.stdout
    assert listed(env) == []
    run = run_cli("show", SEED_ID, env=env)
    assert run.returncode == 1 and run.stderr.strip() == f"Error: no release with id '{SEED_ID}'"


def test_bad_input_one_line_each_nonzero_exit_good_files_added(env, tmp_path):
    assert run_cli("index", env=env).returncode == 0
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "blob.txt").write_bytes(bytes(range(256)) * 3)
    (tmp_path / "slides.pptx").write_bytes(b"PK")
    (tmp_path / "big.txt").write_text("x" * 2000)
    (tmp_path / "ok.html").write_text("<h1>Fine release</h1><p>Published on 4 April 2024 in Rome.</p>")
    paths = [str(tmp_path / n) for n in ("empty.txt", "blob.txt", "slides.pptx", "big.txt", "nope.txt", "ok.html")]
    run = run_cli("add", *paths, env={**env, "ASSISTANT_MAX_FILE_BYTES": "1000"})
    assert run.returncode == 1
    errors = [line for line in run.stderr.splitlines() if line.startswith("error: ")]
    assert errors == [
        f"error: {tmp_path}/empty.txt: file is empty",
        f"error: {tmp_path}/blob.txt: binary content (NUL bytes), not text",
        f"error: {tmp_path}/slides.pptx: unsupported file type '.pptx' (supported: .htm, .html, .markdown, .md, .pdf, .txt)",
        f"error: {tmp_path}/big.txt: file is 2,000 bytes, over the 1,000-byte limit",
        f"error: {tmp_path}/nope.txt: no such file",
    ]
    assert "Traceback" not in run.stderr
    ids = sorted(r["id"] for r in listed(env))
    assert ids == sorted([SEED_ID, "ok"])


def test_bad_setting_is_one_line(env):
    run = run_cli("list", env={**env, "ASSISTANT_CHUNK_OVERLAP": "5000"})
    assert run.returncode == 1
    assert run.stderr.strip() == "Error: invalid setting: chunk_overlap=5000 must be at least 0 and below chunk_size=800"
