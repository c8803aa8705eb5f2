"""An end-to-end span reader: MiniLM fine-tuned for extractive QA, run by ONNX Runtime (no torch).

Unlike the span head (span_head.py), which reads the sentence reader's frozen token states, this
model's encoder is trained for where an answer starts and ends
(`python -m assistant.reader.train_span_reader`). It reads (question, candidate) where the candidate
is the sentence, optionally followed by its context as the reader shows it (inputs.py), and scores
only tokens of the sentence itself, so a span is always a substring of the quoted sentence.

Measured only (evals/measure_short_answer.py --span-reader DIR), not wired into the answer: on the
dev articles it did not reach 0.8 precision for spans without a number at a useful coverage (numbers
in train_span_reader.py), so no model is shipped and SPAN_DIR stays empty."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from assistant.embedding.torch_model import Lazy
from assistant.errors import ConfigError
from assistant.reader.inputs import MAX_LENGTH, ReaderInput
from assistant.reader.span_head import MAX_TOKENS, Span, sentence_tokens, widen

SPAN_DIR = Path(__file__).resolve().parent / "span_model"
SPAN_FILE = "span-reader-int8.onnx"


def best_span(start: np.ndarray, end: np.ndarray, offsets: list[tuple[int, int]], sentence: str) -> Span | None:
    """The most probable (start <= end, at most MAX_TOKENS pieces) span over the sentence's tokens; its
    score is the softmax probability of that pair among all allowed pairs (start x end), widened to
    whole words. Shared by training (dev metrics) and serving, so both decode the same way."""
    n = len(offsets)
    if not n:
        return None
    pair = start[:, None].astype(np.float64) + end[None, :]
    allowed = np.triu(np.ones((n, n), dtype=bool)) & ~np.triu(np.ones((n, n), dtype=bool), MAX_TOKENS)
    pair = np.where(allowed, pair, -np.inf)
    probs = np.exp(pair - pair.max())
    probs /= probs.sum()
    i, j = np.unravel_index(int(np.argmax(probs)), probs.shape)
    a, b = widen(sentence, offsets[i][0], offsets[j][1])
    return Span(a, b, float(probs[i, j]))


def candidate(x: ReaderInput, context: bool) -> tuple[str, str]:
    """The pair as read: with `context`, exactly the reader's; else the sentence alone."""
    return x.pair() if context else (x.question, x.sentence)


class SpanReader:
    def __init__(self, folder: Path | str = SPAN_DIR, threads: int = 0, context: bool = False):
        self.folder = Path(folder)
        self.threads = threads
        self.context = context  # dev: the title and neighbours did not help on the reader's sentence
        self._loaded = Lazy(self._load)

    @classmethod
    def available(cls, folder: Path | str = SPAN_DIR) -> bool:
        return (Path(folder) / SPAN_FILE).exists()

    def _load(self) -> tuple:
        from tokenizers import Tokenizer

        from assistant.embedding.onnx_model import cpu_session

        path = self.folder / SPAN_FILE
        if not path.exists():
            raise ConfigError(f"{path}: no span reader; build it with `python -m assistant.reader.train_span_reader`")
        tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        tokenizer.enable_truncation(MAX_LENGTH, strategy="only_second")
        tokenizer.no_padding()
        session = cpu_session(path, self.threads)
        return session, tokenizer, {i.name for i in session.get_inputs()}

    def warm_up(self) -> None:
        self._loaded.get()

    def best(self, x: ReaderInput, context: bool | None = None) -> Span | None:
        """One call for one sentence: its best span, however unsure."""
        session, tokenizer, names = self._loaded.get()
        e = tokenizer.encode(*candidate(x, self.context if context is None else context))
        feed = {"input_ids": np.array([e.ids], dtype=np.int64),
                "attention_mask": np.ones((1, len(e.ids)), dtype=np.int64)}
        if "token_type_ids" in names:
            feed["token_type_ids"] = np.array([e.type_ids], dtype=np.int64)
        start, end = session.run(["start_logits", "end_logits"], feed)
        positions = sentence_tokens(e, len(x.sentence))
        return best_span(start[0, positions], end[0, positions], [e.offsets[k] for k in positions], x.sentence)
