"""Baselines run side by side with the assistant on the same items, answering in the same JSON shape.

1. tutorial: the LangChain tutorial pipeline: RecursiveCharacterTextSplitter 1000/200 over the
   release texts, dense top-4 in its own Chroma collection, answer = the top passage.
2. bm25: the assistant's chunks, BM25 only, answer = the top passage.
3. dense: the assistant's chunks, dense only, answer = the top passage.
4. top_sentence: the assistant's own retrieval, answer = the top sentence of its pre-ranking
   (IDF-weighted question words in the sentence, plus the passage's fused score): the reader's rival.
None of them abstains or rewrites follow-ups: that is what they stand for."""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, replace

from langchain_core.embeddings import Embeddings

from assistant.answer.extractive import top_sentence
from assistant.ingest.library import Library
from assistant.records import Release
from assistant.ingest.parsing import read_release
from assistant.retrieval.hybrid import HybridSearch
from assistant.text import content_terms


def _answer(question: str, passages: list[dict], mode: str, started: float) -> dict:
    total = (time.perf_counter() - started) * 1000
    citations = []
    if passages:
        top = passages[0]
        citations = [{"n": 1, "release_id": top["release_id"], "title": top.get("title"), "date": top.get("date"),
                      "source": top.get("source", ""), "chunk_id": top["chunk_id"], "text": top["text"],
                      "quote": top["text"], "start": top["start"], "end": top["start"] + len(top["text"]),
                      "supported": False}]  # nothing checks a baseline's citation
    return {"question": question, "standalone_question": question,
            "answer": (passages[0]["text"] + " [1]") if passages else "", "abstained": not passages,
            "mode": mode, "citations": citations, "related": [],
            "timings_ms": {"retrieve": total, "answer": 0.0, "total": total}}


@dataclass
class ChunkBaseline:
    """Top passage from the assistant's own index, with one retriever only."""

    name: str
    search: HybridSearch
    k: int = 4

    @classmethod
    def over(cls, search: HybridSearch, fusion: str) -> "ChunkBaseline":
        return cls(fusion if fusion != "lexical" else "bm25", replace(search, fusion=fusion))

    def retrieve(self, question: str, k: int) -> list[dict]:
        return [{"release_id": p.chunk.release_id, "chunk_id": p.chunk.id, "text": p.chunk.text, "start": p.chunk.start,
                 "title": p.chunk.title, "date": p.chunk.date, "source": p.chunk.source}
                for p in self.search.search(question, k)]

    def answer(self, question: str) -> dict:
        started = time.perf_counter()
        return _answer(question, self.retrieve(question, self.k), self.name, started)


class TutorialBaseline:
    """The LangChain tutorial RAG: character splitter 1000/200, dense top-4, top passage as answer."""

    name = "tutorial"

    def __init__(self, embeddings: Embeddings, k: int = 4, client=None, collection: str | None = None):
        import chromadb
        from chromadb.config import Settings as ChromaSettings
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        self.k = k
        self.splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200, add_start_index=True)
        client = client or chromadb.EphemeralClient(settings=ChromaSettings(anonymized_telemetry=False))
        self.store = Chroma(client=client, collection_name=collection or f"tutorial_{id(self)}",
                            embedding_function=embeddings, collection_metadata={"hnsw:space": "cosine"})

    @classmethod
    def over(cls, library: Library, k: int = 4) -> "TutorialBaseline":
        """The tutorial pipeline over the releases the library has indexed, with the same embeddings."""
        baseline = cls(library.store.embeddings, k)
        visible = library.store.current_versions()
        releases = (read_release(p, max_bytes=library.settings.max_file_bytes, source=library.source_for(p))
                    for p in library.corpus_files())
        baseline.add_releases(r for r in releases if r.id in visible)
        return baseline

    def add_releases(self, releases: Iterable[Release], batch: int = 500) -> int:
        """Splits and embeds the releases; returns how many chunks were added."""
        docs = []
        for release in releases:
            docs.extend(self.splitter.create_documents(
                [release.text], metadatas=[{"release_id": release.id, "title": release.title or "",
                                            "date": release.date or "", "source": release.source}]))
        ids = [f"{d.metadata['release_id']}:{d.metadata['start_index']}" for d in docs]
        for i in range(0, len(docs), batch):
            self.store.add_documents(docs[i : i + batch], ids=ids[i : i + batch])
        return len(docs)

    def retrieve(self, question: str, k: int) -> list[dict]:
        out = []
        for doc in self.store.similarity_search(question, k=k):
            m = doc.metadata
            out.append({"release_id": m["release_id"], "chunk_id": f"{m['release_id']}:{m['start_index']}",
                        "text": doc.page_content, "start": m["start_index"], "title": m.get("title") or None,
                        "date": m.get("date") or None, "source": m.get("source", "")})
        return out

    def answer(self, question: str) -> dict:
        started = time.perf_counter()
        return _answer(question, self.retrieve(question, self.k), self.name, started)


@dataclass
class TopSentenceBaseline:
    """Always quotes the best pre-ranked sentence of the assistant's own retrieval: no reader, no refusal."""

    search: HybridSearch
    k: int = 6
    name: str = "top_sentence"

    def retrieve(self, question: str, k: int) -> list[dict]:
        return ChunkBaseline("hybrid", self.search).retrieve(question, k)

    def answer(self, question: str) -> dict:
        started = time.perf_counter()
        passages = self.search.search(question, self.k)
        best = top_sentence(question, passages, self.search.store.idf(content_terms(question)))
        if best is None:
            return _answer(question, [], self.name, started)
        chunk = best.passage.chunk
        answer = _answer(question, [{"release_id": chunk.release_id, "chunk_id": chunk.id, "text": chunk.text,
                                     "start": chunk.start, "title": chunk.title, "date": chunk.date,
                                     "source": chunk.source}], self.name, started)
        answer["answer"] = f"{best.text} [1]"
        answer["citations"][0].update(quote=best.text, start=best.start, end=best.end)
        return answer
