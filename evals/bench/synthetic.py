"""Document vectors for corpus sizes that real embedding cannot reach in reasonable time.

`SyntheticVectors`: each document vector skips the model: it is a real chunk vector of the same index
plus Gaussian noise (cosine about 0.9 to it), so the vector index keeps the clustered shape of real
data; queries are still embedded by the real model. Every report says where it was used. (The text
past the end of the data, copies with their text rotated, is `evals.senate.endless_rows`.)"""

from __future__ import annotations

import hashlib

import numpy as np
from langchain_core.embeddings import Embeddings


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
