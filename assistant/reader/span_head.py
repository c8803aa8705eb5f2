"""An answer-span head on the reader's own encoder: start/end scores over the candidate sentence's tokens.

The reader's ONNX graph exposes the encoder's last three layers' hidden states (`hidden`, their
concatenation; the last is the tensor the pooler reads its [CLS] vector from) beside `logits`, so one
reader call gives both the sentence score and the token states. Three layers, not the last alone:
on the dev articles the head's token F1 rose from 0.35 to 0.42 (all six layers: no better); the last
layer of a sentence classifier keeps less of where inside the sentence the answer is. The head is linear (start and end logits per token), trained on frozen states by
`python -m assistant.reader.train_span_head`; only tokens of the sentence itself (not the question,
title or neighbours) can start or end a span. Its score is the softmax probability of the chosen
(start, end) pair over all pairs in the sentence, so it reads as "how sure the head is of this span"."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np

HIDDEN_OUTPUT = "hidden"
HIDDEN_TENSORS = tuple(f"/inner/bert/encoder/layer.{k}/output/LayerNorm/LayerNormalization_output_0" for k in (3, 4, 5))
HEAD_FILE = "span_head.npz"
MAX_TOKENS = 16  # longest span in word pieces: a short answer, not a clause


@dataclass(frozen=True)
class TokenStates:
    """One reader input's last hidden states and where its sentence's word pieces lie in the sentence."""

    hidden: np.ndarray  # (tokens of the sentence, hidden size)
    offsets: list[tuple[int, int]]  # character offsets of those tokens in the sentence
    asked: np.ndarray  # (tokens of the sentence,): 1 where the word piece is also in the question

    def features(self) -> np.ndarray:
        """The states plus the asked flag: an answer seldom repeats the question's words, and the
        head alone picked them often on dev (the topic of the question is what the encoder attends to)."""
        return np.concatenate([self.hidden.astype(np.float32), self.asked[:, None].astype(np.float32)], axis=1)


@dataclass(frozen=True)
class Span:
    start: int  # offsets in the sentence
    end: int
    score: float  # probability of this (start, end) among the sentence's spans


def asked_flags(encoding, positions: list[int]) -> np.ndarray:
    """1 for each token at `positions` whose word piece id also occurs in the question (first sequence)."""
    question = {i for i, seq in zip(encoding.ids, encoding.sequence_ids) if seq == 0}
    return np.array([encoding.ids[k] in question for k in positions], dtype=np.float32)


def sentence_tokens(encoding, sentence_length: int) -> list[int]:
    """Token positions of the candidate's sentence: second sequence, inside the sentence's characters
    (the candidate text starts with the sentence; title and context come after it)."""
    return [i for i, (seq, (a, b)) in enumerate(zip(encoding.sequence_ids, encoding.offsets))
            if seq == 1 and b > a and b <= sentence_length]


def answer_tokens(encoding, sentence: str, answers: tuple[str, ...]) -> tuple[int, int] | None:
    """First and last token (positions in `encoding`) of the first gold answer found in the candidate's
    sentence; None when no answer is there or it was truncated away."""
    positions = sentence_tokens(encoding, len(sentence))
    for answer in answers:
        a = sentence.find(answer)
        if a < 0:
            continue
        inside = [k for k in positions if encoding.offsets[k][0] < a + len(answer) and encoding.offsets[k][1] > a]
        if inside:
            return inside[0], inside[-1]
    return None


class SpanHead:
    """Linear, or with one small ReLU layer first (`inner`, `inner_bias`) when trained with --hidden."""

    def __init__(self, weights: np.ndarray, bias: np.ndarray, inner: np.ndarray | None = None,
                 inner_bias: np.ndarray | None = None):
        self.weights = weights.astype(np.float32)  # (hidden or inner size, 2): start, end
        self.bias = bias.astype(np.float32)  # (2,)
        self.inner = None if inner is None else inner.astype(np.float32)
        self.inner_bias = None if inner_bias is None else inner_bias.astype(np.float32)

    @classmethod
    def load(cls, folder: Path) -> "SpanHead | None":
        path = folder / HEAD_FILE
        if not path.exists():
            return None
        data = np.load(path)
        return cls(data["weights"], data["bias"], data.get("inner"), data.get("inner_bias"))

    def save(self, folder: Path) -> Path:
        path = folder / HEAD_FILE
        arrays = {"weights": self.weights, "bias": self.bias}
        if self.inner is not None:
            arrays |= {"inner": self.inner, "inner_bias": self.inner_bias}
        np.savez(path, **arrays)
        return path

    def logits(self, features: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        x = features
        if self.inner is not None:
            x = np.maximum(x @ self.inner + self.inner_bias, 0.0)
        out = x @ self.weights + self.bias
        return out[:, 0], out[:, 1]

    def best(self, states: TokenStates, sentence: str) -> Span | None:
        """The most probable span (start <= end, at most MAX_TOKENS word pieces), widened to whole words."""
        if not states.offsets:
            return None
        start, end = self.logits(states.features())
        n = len(start)
        pair = start[:, None] + end[None, :]
        allowed = np.triu(np.ones((n, n), dtype=bool)) & ~np.triu(np.ones((n, n), dtype=bool), MAX_TOKENS)
        pair = np.where(allowed, pair, -np.inf)
        z = pair - pair.max()
        probs = np.exp(z) / np.exp(z).sum()
        i, j = np.unravel_index(int(np.argmax(probs)), probs.shape)
        a, b = widen(sentence, states.offsets[i][0], states.offsets[j][1])
        return Span(a, b, float(probs[i, j]))


def widen(sentence: str, start: int, end: int) -> tuple[int, int]:
    """Word pieces end inside words; a short answer quotes whole words."""
    while start > 0 and sentence[start - 1].isalnum():
        start -= 1
    while end < len(sentence) and sentence[end].isalnum():
        end += 1
    return start, end


def add_hidden_output(source: Path, target: Path) -> None:
    """Copies the reader's ONNX graph with the last three layers' hidden states, concatenated, as a
    second output. Only a Concat is added, no node or weight changes, so `logits` stays what it was."""
    import onnx

    model = onnx.load(str(source))
    graph = model.graph
    if any(o.name == HIDDEN_OUTPUT for o in graph.output):
        onnx.save(model, str(target))
        return
    produced = {o for n in graph.node for o in n.output}
    if not set(HIDDEN_TENSORS) <= produced:
        raise ValueError(f"{source}: no tensors {HIDDEN_TENSORS} (is this the reader's graph?)")
    graph.node.append(onnx.helper.make_node("Concat", list(HIDDEN_TENSORS), [HIDDEN_OUTPUT], axis=-1,
                                            name="hidden_output"))
    graph.output.append(onnx.helper.make_tensor_value_info(HIDDEN_OUTPUT, onnx.TensorProto.FLOAT,
                                                           ["batch", "sequence", 384 * len(HIDDEN_TENSORS)]))
    onnx.checker.check_model(model)
    onnx.save(model, str(target))
