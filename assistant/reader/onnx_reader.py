"""The shipped reader, run by ONNX Runtime: no torch at serving time.

`probabilities()` are calibrated: a logistic map of the raw score, fitted on the tune splits
(`python -m evals.tune_reader`), so 0.8 means right about 80% of the time on data like those splits."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from assistant.embedding.torch_model import Lazy
from assistant.errors import ConfigError
from assistant.embedding.onnx_model import Workers, cpu_session
from assistant.reader.export import MODEL_FILE
from assistant.reader.inputs import MAX_LENGTH, ReaderInput
from assistant.reader.span_head import HIDDEN_OUTPUT, TokenStates, asked_flags, sentence_tokens

MODEL_DIR = Path(__file__).resolve().parent / "model"
LIST_MODEL_DIR = Path(__file__).resolve().parent / "list_model"  # the list reader (train_list_reader.py)
CONFIG_FILE = "reader.json"


@dataclass(frozen=True)
class ReaderConfig:
    """What `evals.tune_reader` chose on the tune splits; shipped beside the weights."""

    scale: float = 1.0  # calibration of the reader's raw score: p = sigmoid(scale * logit + shift)
    shift: float = 0.0
    prerank_weight: float = 0.0  # ranking only: candidates are ordered by logit + prerank_weight * pre-rank score
    threshold: float = 0.5  # refuse when the best calibrated probability is below this
    candidates: int = 12  # sentences the reader scores per question
    extra: float = 0.9  # another sentence joins the answer when its probability is at least this
    max_length: int = MAX_LENGTH  # tokens read per candidate at serving time (the context's tail is cut first)

    @classmethod
    def read(cls, folder: Path) -> "ReaderConfig":
        path = folder / CONFIG_FILE
        if not path.exists():
            return cls()
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(**{k: v for k, v in data.get("decision", {}).items() if k in cls.__dataclass_fields__})


class Reader:
    """Scores (question, candidate sentence with context) pairs, by default each in a run of its own.

    The int8 graph scales its activations per run, so a sentence read in a batch scored up to 1.2
    logits differently depending on the sentences beside it; read alone, its score and token states
    are its own, and on 2 cores six candidates took as long one by one as in one padded batch
    (31.8 against 31.6 ms p50, best of 3, over 300 dev questions).

    Runs go to `threads` workers at once, each on one thread (`Workers`: on 2 cores, 0.68 of the time
    for six candidates, the same scores to the bit); a batch read `together` is one run, on one thread."""

    def __init__(self, folder: Path | str = MODEL_DIR, threads: int = 0, batch_size: int = 1, session_threads: int = 1):
        self.folder = Path(folder)
        self.workers = Workers(threads)  # runs at once
        self.session_threads = session_threads  # threads per run (0: ONNX Runtime's choice; benchmarks only)
        self.batch_size = batch_size
        self.config = ReaderConfig.read(self.folder)
        self._loaded = Lazy(self._load)

    def _load(self) -> tuple:
        from tokenizers import Tokenizer

        path = self.folder / MODEL_FILE
        if not path.exists():
            raise ConfigError(f"{path}: the reader model is missing; build it with "
                              "`python -m assistant.reader.train --data ../shared/data/qa --out build/reader` "
                              "(see assistant/reader/model/README.md)")
        session = cpu_session(path, self.session_threads)
        tokenizer = Tokenizer.from_file(str(self.folder / "tokenizer.json"))
        tokenizer.enable_truncation(self.config.max_length, strategy="longest_first")
        tokenizer.no_padding()
        return session, tokenizer, {i.name for i in session.get_inputs()}

    def warm_up(self) -> None:
        self._loaded.get()

    def logits(self, inputs: list[ReaderInput], together: bool = False) -> np.ndarray:
        """`together`: all inputs in one run, quantised at one scale, for scores that are compared with
        each other (occlusion's drops) rather than with a threshold."""
        return self._run(inputs, hidden=False, batch_size=len(inputs) if together else None)[0]

    def read(self, inputs: list[ReaderInput]) -> tuple[np.ndarray, list[TokenStates]]:
        """Logits and, from the same call, each sentence's token states for the span head."""
        return self._run(inputs, hidden=True)

    def _run(self, inputs: list[ReaderInput], hidden: bool, batch_size: int | None = None
             ) -> tuple[np.ndarray, list[TokenStates]]:
        batch_size = batch_size or self.batch_size
        if not inputs:
            return np.zeros(0, dtype=np.float32), []
        session, tokenizer, names = self._loaded.get()
        encodings = tokenizer.encode_batch([i.pair() for i in inputs])
        order = sorted(range(len(inputs)), key=lambda i: -len(encodings[i].ids))
        out = np.empty(len(inputs), dtype=np.float32)
        states: list[TokenStates | None] = [None] * len(inputs)
        outputs = ["logits", HIDDEN_OUTPUT] if hidden else ["logits"]

        def run(rows: list[int]) -> list:
            width = max(len(encodings[i].ids) for i in rows)
            ids = np.zeros((len(rows), width), dtype=np.int64)
            mask = np.zeros_like(ids)
            types = np.zeros_like(ids)
            for r, i in enumerate(rows):
                e = encodings[i]
                ids[r, : len(e.ids)] = e.ids
                mask[r, : len(e.ids)] = 1
                types[r, : len(e.ids)] = e.type_ids
            feed = {"input_ids": ids, "attention_mask": mask}
            if "token_type_ids" in names:
                feed["token_type_ids"] = types
            return session.run(outputs, feed)

        batches = [order[start : start + batch_size] for start in range(0, len(order), batch_size)]
        for rows, result in zip(batches, self.workers.map(run, batches)):
            out[rows] = result[0].reshape(-1)
            for r, i in enumerate(rows) if hidden else ():
                positions = sentence_tokens(encodings[i], len(inputs[i].sentence))
                states[i] = TokenStates(result[1][r, positions], [encodings[i].offsets[k] for k in positions],
                                        asked_flags(encodings[i], positions))
        return out, [s for s in states if s is not None]

    def calibrate(self, logits: np.ndarray) -> np.ndarray:
        z = self.config.scale * np.asarray(logits, dtype=np.float64) + self.config.shift
        return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))

    def probabilities(self, inputs: list[ReaderInput]) -> np.ndarray:
        return self.calibrate(self.logits(inputs))

