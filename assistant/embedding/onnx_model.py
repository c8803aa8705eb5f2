"""The same sentence-transformers model run by ONNX Runtime, optionally int8-quantised.

The ONNX file is built once, offline, from the local model folder (torch export, then ONNX Runtime's
dynamic quantisation) into a cache folder; after that a process needs neither torch nor
sentence-transformers, so it starts faster and embeds faster (docs/performance.md)."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import warnings
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

import numpy as np
from langchain_core.embeddings import Embeddings

from assistant.embedding.int8_kernels import ask_for_exact_products
from assistant.embedding.torch_model import Lazy, resolve_model_path
from assistant.errors import ConfigError
from assistant.settings import DEFAULT_EMBEDDING_MODEL

T = TypeVar("T")
R = TypeVar("R")

log = logging.getLogger(__name__)

EXPORT_VERSION = 1  # bump when the export or quantisation recipe changes: old builds are then ignored
VARIANTS = ("fp32", "int8")


@dataclass(frozen=True)
class ModelLayout:
    """What the ONNX runner needs to know from a sentence-transformers folder."""

    folder: Path
    max_seq_length: int
    pooling: str  # "mean" or "cls"; vectors are always L2-normalised afterwards

    @classmethod
    def read(cls, folder: Path) -> "ModelLayout":
        if not (folder / "tokenizer.json").is_file():
            raise ConfigError(f"{folder}: no tokenizer.json; the onnx embedding backend needs a fast tokenizer "
                              "(set ASSISTANT_EMBEDDING_BACKEND=torch)")
        modules = _json(folder / "modules.json", default=[])
        pooling_dirs = [m["path"] for m in modules if m.get("type", "").endswith("Pooling")]
        pooling = "mean"
        if pooling_dirs:
            config = _json(folder / pooling_dirs[0] / "config.json", default={})
            if config.get("pooling_mode_cls_token"):
                pooling = "cls"
            elif not config.get("pooling_mode_mean_tokens", True):
                raise ConfigError(f"{folder}: the onnx embedding backend supports mean or CLS pooling only "
                                  "(set ASSISTANT_EMBEDDING_BACKEND=torch)")
        max_len = _json(folder / "sentence_bert_config.json", default={}).get("max_seq_length") or 256
        return cls(folder, int(max_len), pooling)

    def fingerprint(self, variant: str) -> str:
        """Changes when the model's files change, so a stale build is never used."""
        digest = hashlib.sha256(f"{EXPORT_VERSION}:{variant}:{self.folder.resolve()}".encode())
        for path in sorted(self.folder.glob("*")):
            if path.is_file():
                stat = path.stat()
                digest.update(f"{path.name}:{stat.st_size}:{stat.st_mtime_ns}".encode())
        return digest.hexdigest()[:16]


def _json(path: Path, default):
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return default


def default_cache_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "press-assistant" / "onnx"


def build_onnx_model(layout: ModelLayout, variant: str, target: Path) -> Path:
    """Exports the model to ONNX (and quantises it for int8) into `target`, atomically.

    Only here are torch and transformers imported; a second process building the same file waits on
    the lock and then finds it done."""
    from filelock import FileLock

    target.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(str(target) + ".lock"):
        if target.exists():
            return target
        log.warning("building the %s ONNX embedding model once, into %s", variant, target)
        fp32 = target.with_name(target.stem + ".fp32.tmp.onnx")
        _export_fp32(layout.folder, fp32)
        staged = target.with_name(target.stem + ".tmp.onnx")
        if variant == "int8":
            quantize_int8(fp32, staged)
            fp32.unlink()
        else:
            fp32.replace(staged)
        staged.replace(target)
    return target


def available_cores() -> int:
    """The CPU cores this process may run on (a container's limit, not the host's count)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


class Workers:
    """Independent runs of a one-thread ONNX session, `count` at a time (0: one per core).

    These models run one text per run (int8 scales activations per run), and a run that small keeps
    a second thread of its own mostly idle: on 2 cores, two one-thread runs at a time embedded 1.5x
    as many chunks per second as one run at a time on ONNX Runtime's two threads, and read a
    question's six candidates in 0.68 of the time, with identical outputs (`evals/bench/reader_threads.py`).
    One-thread sessions also keep no spinning thread pool: the embedding session's idle threads,
    spinning after the question was embedded, slowed the reader that ran next; in the assistant the
    reader now takes 0.63 of the time it took (`--serving`)."""

    def __init__(self, count: int = 0):
        self.count = count or available_cores()
        self._pool = Lazy(lambda: ThreadPoolExecutor(self.count, thread_name_prefix="onnx-run"))

    def map(self, run: Callable[[T], R], items: list[T]) -> Iterable[R]:
        if self.count > 1 and len(items) > 1:
            return self._pool.get().map(run, items)
        return map(run, items)


def cpu_session(path: Path, threads: int = 0):
    """An ONNX Runtime CPU session with every graph optimisation; 0 threads lets ONNX Runtime choose.
    Int8 products are exact on every CPU (`int8_kernels`)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    if threads:
        options.intra_op_num_threads = threads
    options.log_severity_level = 3
    ask_for_exact_products(options)
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


def quantize_int8(fp32: Path, out: Path) -> None:
    """ONNX Runtime's dynamic quantisation with per-channel signed int8 weights: cosine 0.993 to the
    torch model on release chunks, against 0.953 per-tensor (python -m evals.bench.embeddings)."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)  # the quantiser logs advice about static quantisation to the root logger
    try:
        quantize_dynamic(str(fp32), str(out), per_channel=True, reduce_range=False, weight_type=QuantType.QInt8)
    finally:
        root.setLevel(level)


def _export_fp32(folder: Path, out: Path) -> None:
    import torch
    from transformers import AutoModel, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
    # eager attention traces to plain MatMul/Softmax, which ONNX Runtime fuses and quantises well
    model = AutoModel.from_pretrained(str(folder), attn_implementation="eager", local_files_only=True).eval()
    tokenizer = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    sample = tokenizer(["an example sentence", "a second, longer example sentence"], padding=True,
                       return_tensors="pt")
    names = [n for n in ("input_ids", "attention_mask", "token_type_ids") if n in sample]

    class Encoder(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *inputs):
            return self.inner(**dict(zip(names, inputs))).last_hidden_state

    axes = {n: {0: "batch", 1: "sequence"} for n in [*names, "last_hidden_state"]}
    with warnings.catch_warnings(), torch.no_grad():
        warnings.simplefilter("ignore")
        torch.onnx.export(Encoder(model), tuple(sample[n] for n in names), str(out), input_names=names,
                          output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17, dynamo=False)


class OnnxEmbeddings(Embeddings):
    """LangChain embeddings from an ONNX build of a sentence-transformers model; L2-normalised."""

    def __init__(self, model: str = DEFAULT_EMBEDDING_MODEL, variant: str = "int8", batch_size: int = 8,
                 cache_dir: Path | str | None = None, threads: int = 0, deterministic: bool = True,
                 session_threads: int = 1):
        if variant not in VARIANTS:
            raise ConfigError(f"unknown onnx variant {variant!r}: use one of {', '.join(VARIANTS)}")
        self.base_model = model
        self.variant = variant
        self.model_name = f"{model} (onnx-{variant})"  # recorded in the index: vectors differ from torch's
        # Dynamic quantisation scales activations per run, so in a batch a text's vector would depend on
        # its neighbours; one text per run keeps vectors reproducible and was the fastest for chunks
        # (python -m evals.bench.embeddings).
        self.batch_size = 1 if variant == "int8" and deterministic else batch_size
        self.cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
        self.workers = Workers(threads)  # runs at once
        self.session_threads = session_threads  # threads per run (0: ONNX Runtime's choice; benchmarks only)
        self._loaded = Lazy(self._load)

    def model_file(self, layout: ModelLayout | None = None) -> Path:
        layout = layout or self._layout()
        return self.cache_dir / f"{layout.folder.name}-{layout.fingerprint(self.variant)}-{self.variant}.onnx"

    def _layout(self) -> ModelLayout:
        folder = Path(resolve_model_path(self.base_model))
        if not folder.is_dir():
            raise ConfigError(f"embedding model {self.base_model!r} is not a local folder; the onnx backend builds "
                              "from a sentence-transformers folder")
        return ModelLayout.read(folder)

    def _load(self) -> tuple:
        from tokenizers import Tokenizer

        layout = self._layout()
        path = layout.folder / f"model-{self.variant}.onnx"  # a folder may ship its own build
        if not path.exists():
            path = self.model_file(layout)
            if not path.exists():
                build_onnx_model(layout, self.variant, path)
        session = cpu_session(path, self.session_threads)
        tokenizer = Tokenizer.from_file(str(layout.folder / "tokenizer.json"))
        tokenizer.enable_truncation(layout.max_seq_length)
        tokenizer.no_padding()
        inputs = {i.name for i in session.get_inputs()}
        return session, tokenizer, inputs, layout

    def warm_up(self) -> None:
        self._loaded.get()

    @property
    def ready(self) -> bool:
        return self._loaded.ready

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        return self.encode(list(texts)).tolist()

    def embed_query(self, text: str) -> list[float]:
        return self.encode([text])[0].tolist()

    def encode(self, texts: list[str]) -> np.ndarray:
        session, tokenizer, inputs, layout = self._loaded.get()
        encodings = tokenizer.encode_batch(texts)
        # longest first, so each batch pads to lengths close to its own (as sentence-transformers does)
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))

        def run(rows: list[int]) -> np.ndarray:
            batch = [encodings[i].ids for i in rows]
            width = max(len(ids) for ids in batch)
            ids = np.array([row + [0] * (width - len(row)) for row in batch], dtype=np.int64)
            mask = np.array([[1] * len(row) + [0] * (width - len(row)) for row in batch], dtype=np.int64)
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in inputs:
                feed["token_type_ids"] = np.zeros_like(ids)
            hidden = session.run(None, feed)[0]
            if layout.pooling == "cls":
                return hidden[:, 0]
            weights = mask[..., None].astype(np.float32)
            return (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)

        batches = [order[start : start + self.batch_size] for start in range(0, len(order), self.batch_size)]
        pooled = list(self.workers.map(run, batches))
        vectors = np.empty((len(texts), pooled[0].shape[1]), dtype=np.float32)
        vectors[order] = np.concatenate(pooled)
        # the assistant compares by dot product, so vectors are unit length whatever the model says
        return vectors / np.clip(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12, None)
