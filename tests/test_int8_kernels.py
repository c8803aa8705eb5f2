"""Int8 models compute the exact integer products on this machine, whatever its CPU kind."""

import shutil

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

from assistant.embedding.int8_kernels import unsigned_weights
from assistant.embedding.onnx_model import cpu_session
from assistant.reader.export import MODEL_FILE
from assistant.reader.inputs import ReaderInput
from assistant.reader.onnx_reader import MODEL_DIR, Reader


def matmul_integer(weights: np.ndarray, path) -> None:
    """A one-node graph: uint8 activations times `weights` (int8), as dynamic quantisation writes it."""
    inputs = [helper.make_tensor_value_info("A", TensorProto.UINT8, [None, weights.shape[0]])]
    outputs = [helper.make_tensor_value_info("Y", TensorProto.INT32, [None, weights.shape[1]])]
    constants = [numpy_helper.from_array(weights, "B"), numpy_helper.from_array(np.array(0, np.uint8), "A_zero"),
                 numpy_helper.from_array(np.zeros(weights.shape[1], np.int8), "B_zero")]
    node = helper.make_node("MatMulInteger", ["A", "B", "A_zero", "B_zero"], ["Y"])
    graph = helper.make_graph([node], "product", inputs, outputs, constants)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))


def test_large_int8_products_are_exact(tmp_path):
    # 255 x 127 + 255 x 127 = 64,770 overflows a 16-bit pair sum: without VNNI the signed kernel saturates
    rng = np.random.default_rng(5)
    activations = np.concatenate([np.full((2, 64), 255, np.uint8), rng.integers(0, 256, (3, 64), dtype=np.uint8)])
    weights = np.concatenate([np.full((64, 4), 127, np.int8), np.full((64, 4), -128, np.int8),
                              rng.integers(-128, 128, (64, 8), dtype=np.int8)], axis=1)
    path = tmp_path / "product.onnx"
    matmul_integer(weights, path)
    exact = activations.astype(np.int64) @ weights.astype(np.int64)
    served = cpu_session(path).run(None, {"A": activations})[0]
    assert np.array_equal(served, exact), (served[0, :2], exact[0, :2])


def test_unsigned_weights_keep_every_integer():
    model = onnx.load(str(MODEL_DIR / MODEL_FILE))
    before = {t.name: numpy_helper.to_array(t).astype(np.int16) for t in model.graph.initializer}
    changed = unsigned_weights(model)
    after = {t.name: numpy_helper.to_array(t).astype(np.int16) for t in model.graph.initializer}
    shifted = [name for name in before if before[name].dtype != after[name].dtype or not np.array_equal(before[name], after[name])]
    assert changed == len(shifted) > 0
    for name in shifted:  # the weights and their zero points move together, so weight - zero point is kept
        assert np.array_equal(after[name] - 128, before[name]), name
    assert {t.data_type for t in model.graph.initializer if t.name in shifted} == {TensorProto.UINT8}


def test_the_served_reader_scores_as_its_unsigned_form(tmp_path):
    # both forms compute exact products where the CPU's signed kernel does (VNNI); elsewhere the
    # served session must already be the unsigned form: either way the logits are the same to the bit
    model = onnx.load(str(MODEL_DIR / MODEL_FILE))
    assert unsigned_weights(model)
    onnx.save(model, str(tmp_path / MODEL_FILE))
    for name in ("tokenizer.json", "reader.json"):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    pairs = [ReaderInput("Where will the ferry conference be held?",
                         "The ferry conference will be held in Tromso from 3 to 5 June.", title="Ferry conference"),
             ReaderInput("Who chairs the board?", "The board meets four times a year.", title="Board")]
    assert np.array_equal(Reader(threads=1).logits(pairs), Reader(tmp_path, threads=1).logits(pairs))
