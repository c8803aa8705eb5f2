"""Builds the concrete objects from settings, in one place. Nothing heavy happens until first use."""

from __future__ import annotations

from .chunking import Chunker
from .embeddings import SentenceTransformerEmbeddings
from .library import Library
from .settings import Settings
from .store import ReleaseStore


def build_embeddings(settings: Settings) -> SentenceTransformerEmbeddings:
    return SentenceTransformerEmbeddings(settings.embedding_model, batch_size=settings.embedding_batch_size)


def build_library(settings: Settings, embeddings=None) -> Library:
    store = ReleaseStore(settings, embeddings or build_embeddings(settings))
    chunker = Chunker(settings.chunk_size, settings.chunk_overlap, settings.max_sentence_chars)
    return Library(settings, store, chunker)
