"""Shared fixtures: the real packaged embedding model (loaded once), real Chroma folders, a real
`chroma run` server, and the seed release."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from assistant.factory import build_embeddings, build_library
from assistant.settings import Settings
from evals.bench.chroma_server import chroma_server as start_chroma_server
from evals.bench.chroma_server import free_port  # noqa: F401 - tests import it from here

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session", autouse=True)
def evaluation_dirs(tmp_path_factory):
    """Evaluation corpora and reports written by tests stay out of the checkout."""
    import evals.harness
    import evals.report

    root = tmp_path_factory.mktemp("evaluation")
    old = (evals.harness.CACHE, evals.report.REPORTS)
    evals.harness.CACHE, evals.report.REPORTS = root / "cache", root / "reports"
    yield root
    evals.harness.CACHE, evals.report.REPORTS = old
SEED = ROOT / "corpus" / "2024-12-05-eu-norway-security-and-defence-dialogue.txt"
SEED_ID = SEED.stem


@pytest.fixture(scope="session")
def embeddings():
    """The default embedding backend (int8 ONNX), as the product runs it."""
    model = build_embeddings(Settings())
    model.warm_up()
    return model


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")


@pytest.fixture
def library(settings, embeddings):
    return build_library(settings, embeddings)


@pytest.fixture
def seed_file(tmp_path: Path) -> Path:
    """A copy of the seed release outside the corpus, as a user would add it."""
    path = tmp_path / "incoming" / SEED.name
    path.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, path)
    return path


@pytest.fixture(scope="session")
def senate_rows() -> list[dict]:
    """The repository's own 1,100 Senate releases (evals/datasets/senate-releases.jsonl.gz): no ../shared needed."""
    from evals.senate import DATA, rows

    return list(rows(DATA))


def make_assistant(root: Path, embeddings, files: dict[str, str] | None = None, **settings_extra):
    """A warm assistant over the seed release plus `files` (name -> text), indexed in `root`.
    Returns (assistant, library, settings)."""
    from assistant.factory import build_assistant

    (root / "corpus").mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED, root / "corpus" / SEED.name)
    for name, text in (files or {}).items():
        (root / "corpus" / name).write_text(text)
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index", **settings_extra)
    library = build_library(settings, embeddings)
    list(library.sync())
    assistant = build_assistant(settings, embeddings, library)
    assistant.warm_up()
    return assistant, library, settings


@pytest.fixture(scope="session")
def seed_assistant(tmp_path_factory, embeddings):
    """The assistant over the seed release alone, in a temporary persistent index."""
    return make_assistant(tmp_path_factory.mktemp("seed-only"), embeddings)[0]


DISTRACTORS = int(os.environ.get("ASSISTANT_TEST_DISTRACTORS", "1100"))  # every release the senate and tasks items use


@pytest.fixture(scope="session")
def distractor_env(tmp_path_factory, embeddings):
    """The seed release among 1,100 real Senate releases (the tasks corpus), indexed once per test session."""
    from evals.senate import DATA, write_corpus

    if not DATA.exists():
        pytest.skip(f"{DATA} is missing")
    root = tmp_path_factory.mktemp("distractors")
    rows = write_corpus(root / "corpus", DISTRACTORS)
    shutil.copy(SEED, root / "corpus" / SEED.name)
    settings = Settings(corpus_dir=root / "corpus", index_dir=root / "index")
    library = build_library(settings, embeddings)
    results = list(library.sync())
    assert all(r.status.value == "added" for r in results), [r for r in results if r.status.value != "added"][:3]
    return {"settings": settings, "library": library, "rows": rows,
            "env": {"ASSISTANT_CORPUS_DIR": str(settings.corpus_dir), "ASSISTANT_INDEX_DIR": str(settings.index_dir)}}


@pytest.fixture(scope="session")
def distractor_assistant(distractor_env, embeddings):
    from assistant.factory import build_assistant

    assistant = build_assistant(distractor_env["settings"], embeddings, distractor_env["library"])
    assistant.warm_up()
    return assistant


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory):
    """A real `chroma run` server on a free loopback port, for the whole session."""
    with start_chroma_server(tmp_path_factory.mktemp("chroma-server")) as url:
        yield url


def run_cli(*args: str, env: dict | None = None, input: str | None = None, timeout: float = 600):
    """Runs the installed `assistant` command as a user would."""
    exe = Path(sys.executable).with_name("assistant")
    return subprocess.run(
        [str(exe), *args], capture_output=True, text=True, input=input, timeout=timeout,
        env={**os.environ, **(env or {})},
    )


def summary_quotes(assistant, answerer, question: str) -> list[str]:
    """The sentences `answerer` (a TaskAnswerer, the assistant's own or a variant) quotes when it summarises
    the release `question` asks of, read as `assistant` reads requests."""
    from evals.tune_tasks import request_of

    request = request_of(question, answerer.store, assistant.reference_day())
    return [c.quote for c in answerer.summary(request).answer.citations]


def about_ukraine(quotes: list[str]) -> int:
    """How many of the quotes speak of Ukraine (the seed release's most covered subject)."""
    return sum(bool(re.search(r"Ukrain|Kyiv", q)) for q in quotes)
