"""One writer at a time: a second writer waits briefly, then fails with a clear message; readers keep
working while a writer writes, and a long-lived reader sees what another process added."""

import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from assistant.factory import build_assistant, build_library
from assistant.ingest.library import LOCK_NAME
from assistant.settings import Settings

from .conftest import SEED, run_cli

pytestmark = pytest.mark.slow


def wait_until_locked(lock_path: Path, deadline: float = 60) -> None:
    end = time.monotonic() + deadline
    while time.monotonic() < end:
        try:
            FileLock(lock_path).acquire(timeout=0)
        except Timeout:
            return
        else:
            FileLock(lock_path).release(force=True)
        time.sleep(0.2)
    raise AssertionError("the writer never took the lock")


def test_second_writer_fails_clearly_and_readers_go_on(tmp_path, embeddings):
    from evals.senate import write_corpus

    source = tmp_path / "source"
    write_corpus(source, 400)  # of the repository's 1,100 releases: long enough to outlast the 10 s wait
    env = {"ASSISTANT_CORPUS_DIR": str(tmp_path / "corpus"), "ASSISTANT_INDEX_DIR": str(tmp_path / "index")}
    assert run_cli("add", str(SEED), env=env).returncode == 0
    settings = Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")
    reader = build_assistant(settings, embeddings, build_library(settings, embeddings))  # like the web app
    assert "Oslo" in reader.ask("Where will the next PESCO military mobility meeting be held?").answer

    exe = str(Path(sys.executable).with_name("assistant"))
    writer = subprocess.Popen([exe, "add", str(source)], env={**os.environ, **env},
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        wait_until_locked(tmp_path / "index" / LOCK_NAME)
        started = time.monotonic()
        second = run_cli("add", str(SEED), env=env)
        waited = time.monotonic() - started
        assert second.returncode == 1
        assert "another process is writing to the index" in second.stderr
        assert waited < 60 and "Traceback" not in second.stderr
        asked = run_cli("ask", "--json", "Where will the next PESCO military mobility meeting be held?", env=env)
        assert asked.returncode == 0 and "Oslo" in json.loads(asked.stdout)["answer"]
        assert "Oslo" in reader.ask("Where will the next PESCO military mobility meeting be held?").answer
    finally:
        assert writer.wait(timeout=1200) == 0, writer.stderr.read()[-2000:]
    # the long-lived reader sees releases another process added
    listed = json.loads(run_cli("list", "--json", env=env).stdout)
    assert len(listed) == 401
    visible = reader.search.store.current_versions()
    assert len(visible) == 401
    hits = reader.search.search(listed[-1]["title"] or listed[-1]["id"], 5)
    assert any(p.chunk.release_id == listed[-1]["id"] for p in hits), "new release not visible to the reader"
