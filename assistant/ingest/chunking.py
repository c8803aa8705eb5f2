"""Splits a release's text into sentence- and paragraph-aware chunks that keep exact offsets."""

from __future__ import annotations

import hashlib

from assistant.errors import ConfigError
from assistant.records import Chunk, Release, Span
from assistant.ingest.sentences import split_sentences


class Chunker:
    """Packs whole sentences into chunks of at most `size` characters.

    A chunk closes early at a paragraph break once it is half full, so chunks follow the release's
    own structure; the next chunk repeats the trailing sentences of the previous one that fit in
    `overlap` characters. Sentences longer than `max_sentence` are cut at word breaks first, which
    also handles text that lost its punctuation."""

    def __init__(self, size: int = 800, overlap: int = 200, max_sentence: int = 400):
        if size < 100:
            raise ConfigError(f"chunk size {size} is too small: use at least 100 characters")
        if not 0 <= overlap < size:
            raise ConfigError(f"chunk overlap {overlap} must be at least 0 and below the chunk size {size}")
        if not 0 < max_sentence <= size:
            raise ConfigError(f"max sentence length {max_sentence} must be between 1 and the chunk size {size}")
        self.size = size
        self.overlap = overlap
        self.max_sentence = max_sentence

    def split(self, release: Release) -> list[Chunk]:
        text = release.text
        groups = self._pack(text, split_sentences(text, self.max_sentence))
        chunks = []
        for position, sentences in enumerate(groups):
            start, end = sentences[0].start, sentences[-1].end
            body = text[start:end]
            chunks.append(
                Chunk(
                    id=chunk_id(release.id, release.content_hash, position, body),
                    release_id=release.id,
                    position=position,
                    text=body,
                    start=start,
                    end=end,
                    sentences=tuple(sentences),
                )
            )
        return chunks

    def _pack(self, text: str, sentences: list[Span]) -> list[list[Span]]:
        groups: list[list[Span]] = []
        current: list[Span] = []
        fresh = 0  # sentences in `current` that are not overlap from the previous chunk
        for sentence in sentences:
            if current and fresh:
                length = sentence.end - current[0].start
                paragraph_break = "\n\n" in text[current[-1].end : sentence.start] or "\n" in text[
                    current[-1].end : sentence.start
                ].strip(" \t")
                half_full = current[-1].end - current[0].start >= self.size // 2
                if length > self.size or (paragraph_break and half_full):
                    groups.append(current)
                    current = self._overlap_tail(current, sentence)
                    fresh = 0
            current.append(sentence)
            fresh += 1
        if current and fresh:
            groups.append(current)
        return groups

    def _overlap_tail(self, previous: list[Span], following: Span) -> list[Span]:
        tail: list[Span] = []
        for sentence in reversed(previous[1:]):  # never repeat a whole chunk
            if following.end - sentence.start > self.size or previous[-1].end - sentence.start > self.overlap:
                break
            tail.insert(0, sentence)
        return tail


def chunk_id(release_id: str, content_hash: str, position: int, text: str) -> str:
    """Deterministic: re-adding the same release yields the same ids; a new version gets new ones."""
    digest = hashlib.sha256(f"{release_id}\x1f{content_hash}\x1f{position}\x1f{text}".encode())
    return digest.hexdigest()[:32]
