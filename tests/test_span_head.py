"""The reader's extra `hidden` output and its span head (assistant/reader/span_head.py), with the real model.

Sentences and questions are written for these tests (none from evals/datasets)."""

import shutil

import numpy as np
import pytest

from assistant.reader.inputs import ReaderInput
from assistant.reader.export import MODEL_FILE
from assistant.reader.onnx_reader import CONFIG_FILE, Reader
from assistant.reader.span_head import HIDDEN_OUTPUT, SpanHead, widen

PEOPLE = ("The talks were attended by Anna Holm, State Secretary at the Ministry of Defence, Per Dahl, Director "
          "General of the Ministry of Trade, and Liv Strand, Ambassador to Norway.")
FERRY = "The new ferry line between Tromsø and Bodø will open on 14 May 2026 after two years of work."
HARBOUR = "The harbour upgrade in Vardø, led by engineer Sara Nilsen, will cost 320 million kroner and finish next spring."

# Dynamic int8 quantisation scales activations by batch, so the comparison reads one batch both ways.
BATCH = [
    ReaderInput("Who represented the Ministry of Defence?", "The talks were attended by Anna Holm, State Secretary "
                "at the Ministry of Defence, and Per Dahl, Director General of the Ministry of Trade.",
                "Joint press release"),
    ReaderInput("When does the new ferry line open?", FERRY),
    ReaderInput("What is his title?", "Jonas Lie chaired the talks.", "Dialogue", "The dialogue began on Monday.",
                "It ended on Friday."),
    ReaderInput("How much will the harbour upgrade cost?", HARBOUR),
]


@pytest.fixture(scope="module")
def reader() -> Reader:
    reader = Reader()
    reader.warm_up()
    return reader


@pytest.fixture(scope="module")
def head(reader) -> SpanHead:
    head = SpanHead.load(reader.folder)
    assert head is not None, "span_head.npz is shipped beside the reader"
    return head


def test_the_hidden_output_leaves_the_logits_as_they_were(reader, tmp_path):
    """The shipped graph without its `hidden` output (as exported, before `add_hidden_output`) gives the
    same logits as the shipped one, with or without the states asked for."""
    import onnx

    model = onnx.load(str(reader.folder / MODEL_FILE))
    graph = model.graph
    (concat,) = [n for n in graph.node if HIDDEN_OUTPUT in n.output]
    graph.node.remove(concat)
    graph.output.remove(next(o for o in graph.output if o.name == HIDDEN_OUTPUT))
    onnx.save(model, str(tmp_path / MODEL_FILE))
    for name in ("tokenizer.json", CONFIG_FILE):
        shutil.copy(reader.folder / name, tmp_path / name)
    before = Reader(tmp_path).logits(BATCH)
    np.testing.assert_allclose(reader.logits(BATCH), before, rtol=0, atol=1e-6)
    logits, states = reader.read(BATCH)
    np.testing.assert_allclose(logits, before, rtol=0, atol=1e-6)  # the same call gives the states
    assert len(states) == len(BATCH)
    assert before[1] > before[2]  # and they are a reader's: the ferry's date answers, "his title" does not


def test_states_cover_the_sentence_only(reader):
    session = reader._loaded.get()[0]
    assert HIDDEN_OUTPUT in [o.name for o in session.get_outputs()]
    x = ReaderInput("How much will the harbour upgrade cost?", HARBOUR, "Harbour news", "Before it.", "After it.")
    _, (state,) = reader.read([x])
    assert state.hidden.shape == (len(state.offsets), 3 * 384) and state.asked.shape == (len(state.offsets),)
    assert state.offsets[0][0] == 0 and state.offsets[-1][1] == len(HARBOUR)  # not the title or neighbours
    flagged = {HARBOUR[a:b].lower() for (a, b), asked in zip(state.offsets, state.asked) if asked}
    assert flagged == {"the", "harbour", "upgrade", "will", "cost"}


@pytest.mark.parametrize("question, sentence, expected", [
    ("When does the new ferry line open?", FERRY, "14 May 2026"),
    ("How much will the harbour upgrade cost?", HARBOUR, "320 million"),
    ("Who represented the Ministry of Defence?", PEOPLE, "Anna Holm"),
])
def test_the_span_is_whole_words_of_the_sentence(reader, head, question, sentence, expected):
    _, (state,) = reader.read([ReaderInput(question, sentence, "Joint press release")])
    span = head.best(state, sentence)
    assert span is not None and 0 < span.score <= 1
    text = sentence[span.start : span.end]
    assert expected in text and len(text.split()) <= len(expected.split()) + 2
    assert (span.start == 0 or not sentence[span.start - 1].isalnum()) and not sentence[span.end : span.end + 1].isalnum()


def test_word_pieces_widen_to_words():
    assert widen("Tromsø and Bodø", 2, 4) == (0, 6)
    assert widen("320 million kroner", 4, 11) == (4, 11)
