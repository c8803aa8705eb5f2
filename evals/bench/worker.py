"""One benchmark measurement in a process of its own, so its start-up and peak memory are its own.

    python -m evals.bench.worker --system assistant|tutorial --questions FILE [--warmup N]

Settings come from the environment (ASSISTANT_*), as for the `assistant` command. Prints one JSON
object: seconds to load, and the timings of every question (milliseconds: retrieve, answer, total)."""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path

TUTORIAL_COLLECTION = "tutorial"
TUTORIAL_URL = "ASSISTANT_BENCH_TUTORIAL_URL"


def load_system(name: str):
    from assistant.embedding.torch_model import SentenceTransformerEmbeddings
    from assistant.factory import build_assistant
    from assistant.settings import Settings

    settings = Settings.load()
    if name == "assistant":
        system = build_assistant(settings)
        system.warm_up()
        return lambda q: system.ask(q).timings_ms
    from ..baselines import TutorialBaseline

    embeddings = SentenceTransformerEmbeddings(settings.embedding_model, batch_size=32)  # as the tutorial has it
    baseline = TutorialBaseline(embeddings, client=tutorial_client(settings), collection=TUTORIAL_COLLECTION)
    return lambda q: baseline.answer(q)["timings_ms"]


def tutorial_settings(settings):
    """The tutorial pipeline keeps its own Chroma folder beside the assistant's index, or, when the
    assistant uses a server, its own server (ASSISTANT_BENCH_TUTORIAL_URL), so each index is measured alone."""
    return settings.model_copy(update={"index_dir": settings.index_dir.parent / "tutorial-index",
                                       "chroma_url": os.environ.get(TUTORIAL_URL) or None})


def tutorial_client(settings):
    """A chromadb client on the tutorial pipeline's own folder or server."""
    from assistant.index.chroma_client import make_client

    return make_client(tutorial_settings(settings))


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--system", choices=["assistant", "tutorial"], required=True)
    parser.add_argument("--questions", type=Path, required=True, help="one question per line")
    parser.add_argument("--warmup", type=int, default=3)
    args = parser.parse_args(argv)
    questions = [q for q in args.questions.read_text(encoding="utf-8").splitlines() if q.strip()]
    started = time.perf_counter()
    ask = load_system(args.system)
    for question in questions[: args.warmup]:
        ask(question)
    loaded = time.perf_counter() - started
    timings = [ask(q) for q in questions]
    print(json.dumps({"load_s": round(loaded, 3), "timings_ms": timings}))


if __name__ == "__main__":
    main()
