"""What the benchmark adds beyond what real embedding can do in reasonable time.

- `release_stream`: the shared Senate releases, then, once they run out, copies of them with their
  paragraphs rotated (new ids, new chunk texts), so a corpus can reach 100k chunks.
- `SyntheticVectors`: document vectors that skip the model: each is a real chunk vector of the same
  index plus Gaussian noise (cosine about 0.9 to it), so the vector index keeps the clustered shape of
  real data; queries are still embedded by the real model. Every report says where it was used."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from itertools import count

import numpy as np
from langchain_core.embeddings import Embeddings

from .senate import DATA, SHARED_10K, rows


def release_stream() -> Iterator[dict]:
    for copy in count():
        for row in rows(SHARED_10K if SHARED_10K.exists() else DATA):
            if copy == 0:
                yield row
                continue
            paragraphs = [p for p in row["text"].split("\n\n") if p.strip()]
            if len(paragraphs) < 2:
                continue
            shift = copy % len(paragraphs) or 1
            yield {**row, "id": f"{row['id']}-copy{copy}",
                   "text": "\n\n".join(paragraphs[shift:] + paragraphs[:shift])}


class SyntheticVectors(Embeddings):
    """Noisy copies of real vectors for documents, the real model for queries (same index identity)."""

    def __init__(self, real: Embeddings, anchors: np.ndarray, noise: float = 0.025):
        if len(anchors) == 0:
            raise ValueError("synthetic vectors need some real vectors to start from")
        self.real = real
        self.model_name = getattr(real, "model_name", type(real).__name__)
        self.anchors = anchors / np.linalg.norm(anchors, axis=1, keepdims=True)
        self.noise = noise

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        out = []
        for text in texts:
            seed = int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")
            rng = np.random.default_rng(seed)
            vector = self.anchors[rng.integers(len(self.anchors))] + rng.normal(0, self.noise, self.anchors.shape[1])
            out.append((vector / np.linalg.norm(vector)).tolist())
        return out

    def embed_query(self, text: str) -> list[float]:
        return self.real.embed_query(text)
