"""Builds the concrete objects from settings, in one place. Nothing heavy happens until first use."""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from assistant.ingest.chunking import Chunker
from assistant.embedding.torch_model import SentenceTransformerEmbeddings
from assistant.ingest.library import Library
from assistant.embedding.onnx_model import OnnxEmbeddings
from assistant.settings import Settings
from assistant.index.store import ReleaseStore


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
    """The assistant over the library's store: hybrid search, the reader, intents and task answerers,
    and the generative answerer when a chat model is configured."""
    from assistant.answer.extractive import ExtractiveAnswerer
    from assistant.answer.intents import IntentClassifier
    from assistant.answer.persons import share_embeddings
    from assistant.answer.pipeline import Assistant
    from assistant.answer.parts import PartModel
    from assistant.answer.release_facts import ReleaseFactsModel
    from assistant.answer.salience import SalienceModel
    from assistant.answer.smalltalk import SmalltalkModel
    from assistant.answer.spelling import Speller
    from assistant.answer.subjects import SPECIFICS_FILE, SubjectModel
    from assistant.answer.tasks import TaskAnswerer
    from assistant.reader.onnx_reader import LIST_MODEL_DIR, Reader
    from assistant.retrieval.hybrid import HybridSearch

    library = library or build_library(settings, embeddings)
    store = library.store
    share_embeddings(store.embeddings)  # the person-name model's vectors, without a second copy of the model
    search = HybridSearch(store, fusion=settings.fusion, dense_weight=settings.dense_weight, fetch_k=settings.fetch_k)
    extractive = ExtractiveAnswerer(Reader(threads=settings.reader_threads))
    intents = IntentClassifier()
    return Assistant(search, extractive, generative=build_generative(settings, store),
                     default_k=settings.top_k, intents=intents,
                     tasks=TaskAnswerer(search, extractive, list_reader=Reader(LIST_MODEL_DIR, threads=settings.reader_threads),
                                        salience=SalienceModel.load(), subjects=SubjectModel.load(),
                                        specifics=SubjectModel.load(SPECIFICS_FILE),
                                        parts=PartModel.load(), intents=intents, facts=ReleaseFactsModel.load()),
                     smalltalk=SmalltalkModel.load(),
                     speller=Speller(lambda terms: store.frequencies(terms)[1]) if settings.spelling else None,
                     language_check=settings.language_check, verdicts=verdict_reader(settings))


def verdict_reader(settings: Settings):
    """The verdict reader when turned on and its model ships (reader/verdict_model/); else None."""
    from assistant.reader.verdict import VerdictReader

    if not settings.verdicts:
        return None
    reader = VerdictReader()
    return reader if reader.available else None


def build_generative(settings: Settings, store: ReleaseStore):
    """The generative answerer when a chat model is configured; None keeps the assistant extractive.
    Its check reads the store's stored sentence vectors."""
    if not settings.llm_provider:
        return None
    from assistant.answer.chat_model import build_chat_model
    from assistant.answer.generative import GenerativeAnswerer
    from assistant.answer.support import SupportChecker

    return GenerativeAnswerer(lambda: build_chat_model(settings), SupportChecker(store))
