"""Builds the concrete objects from settings, in one place. Nothing heavy happens until first use."""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from .chunking import Chunker
from .embeddings import SentenceTransformerEmbeddings
from .library import Library
from .onnx_embeddings import OnnxEmbeddings
from .settings import Settings
from .store import ReleaseStore


def build_embeddings(settings: Settings) -> Embeddings:
    if settings.embedding_backend == "torch":
        return SentenceTransformerEmbeddings(settings.embedding_model, batch_size=settings.embedding_batch_size)
    variant = "int8" if settings.embedding_backend == "onnx-int8" else "fp32"
    return OnnxEmbeddings(settings.embedding_model, variant, batch_size=settings.embedding_batch_size,
                          cache_dir=settings.embedding_cache_dir, threads=settings.embedding_threads)


def build_library(settings: Settings, embeddings=None) -> Library:
    store = ReleaseStore(settings, embeddings or build_embeddings(settings))
    chunker = Chunker(settings.chunk_size, settings.chunk_overlap, settings.max_sentence_chars)
    return Library(settings, store, chunker)


def build_assistant(settings: Settings, embeddings=None, library: Library | None = None):
    from .assistant import Assistant
    from .extractive import ExtractiveAnswerer
    from .retrieval import HybridSearch

    library = library or build_library(settings, embeddings)
    store = library.store
    search = HybridSearch(store, fusion=settings.fusion, dense_weight=settings.dense_weight, fetch_k=settings.fetch_k)
    from .answer.intents import IntentClassifier
    from .answer.tasks import TaskAnswerer
    from .reader.onnx_reader import Reader

    extractive = ExtractiveAnswerer(Reader(threads=settings.reader_threads))
    return Assistant(search, extractive, generative=build_generative(settings, store.embeddings),
                     default_k=settings.top_k, intents=IntentClassifier(),
                     tasks=TaskAnswerer(search, extractive, store.embeddings))


def build_generative(settings: Settings, embeddings):
    """The generative answerer when a chat model is configured; None keeps the assistant extractive."""
    if not settings.llm_provider:
        return None
    from .citations import SupportChecker
    from .generative import GenerativeAnswerer
    from .llm import build_chat_model

    return GenerativeAnswerer(lambda: build_chat_model(settings), SupportChecker(embeddings))
