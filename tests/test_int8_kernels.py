"""Int8 products are exact on this machine, whatever its CPU kind."""

import numpy as np
import onnx
import onnxruntime as ort
from onnx import TensorProto, helper, numpy_helper

from assistant.embedding.int8_kernels import PRECISE_PRODUCTS, signed_products_saturate
from assistant.embedding.onnx_model import cpu_session
from assistant.reader.export import MODEL_FILE
from assistant.reader.inputs import ReaderInput
from assistant.reader.onnx_reader import MODEL_DIR, Reader

# 255 x 127 + 255 x 127 = 64,770 overflows a 16-bit pair sum: without VNNI the signed kernel saturates
RNG = np.random.default_rng(5)
ACTIVATIONS = np.concatenate([np.full((2, 64), 255, np.uint8), RNG.integers(0, 256, (3, 64), dtype=np.uint8)])
WEIGHTS = np.concatenate([np.full((64, 4), 127, np.int8), np.full((64, 4), -128, np.int8),
                          RNG.integers(-128, 128, (64, 8), dtype=np.int8)], axis=1)
EXACT = ACTIVATIONS.astype(np.int64) @ WEIGHTS.astype(np.int64)


def matmul_integer(path) -> None:
    """A one-node graph: uint8 activations times int8 weights, as dynamic quantisation writes it."""
    inputs = [helper.make_tensor_value_info("A", TensorProto.UINT8, [None, WEIGHTS.shape[0]])]
    outputs = [helper.make_tensor_value_info("Y", TensorProto.INT32, [None, WEIGHTS.shape[1]])]
    constants = [numpy_helper.from_array(WEIGHTS, "B"), numpy_helper.from_array(np.array(0, np.uint8), "A_zero"),
                 numpy_helper.from_array(np.zeros(WEIGHTS.shape[1], np.int8), "B_zero")]
    node = helper.make_node("MatMulInteger", ["A", "B", "A_zero", "B_zero"], ["Y"])
    graph = helper.make_graph([node], "product", inputs, outputs, constants)
    onnx.save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 17)]), str(path))


def test_served_int8_products_are_exact(tmp_path):
    matmul_integer(tmp_path / "product.onnx")
    served = cpu_session(tmp_path / "product.onnx").run(None, {"A": ACTIVATIONS})[0]
    assert np.array_equal(served, EXACT), (served[0, :2], EXACT[0, :2])


def test_the_cpu_check_says_where_the_default_kernel_saturates(tmp_path):
    # the exact kernel is slower: asked for only where ONNX Runtime's default one is wrong
    matmul_integer(tmp_path / "product.onnx")
    default = ort.InferenceSession(str(tmp_path / "product.onnx"), providers=["CPUExecutionProvider"])
    saturated = not np.array_equal(default.run(None, {"A": ACTIVATIONS})[0], EXACT)
    assert saturated == signed_products_saturate()


def test_the_served_reader_scores_as_with_exact_products_forced():
    # where the CPU's default kernel is exact (VNNI) both sessions compute the same integers; elsewhere
    # the served session must already use the exact kernel: either way the logits agree to the bit
    reader = Reader(threads=1)
    pairs = [ReaderInput("Where will the ferry conference be held?",
                         "The ferry conference will be held in Tromso from 3 to 5 June.", title="Ferry conference"),
             ReaderInput("Who chairs the board?", "The board meets four times a year.", title="Board")]
    served = reader.logits(pairs)
    options = ort.SessionOptions()
    options.intra_op_num_threads = 1  # as served
    options.add_session_config_entry(PRECISE_PRODUCTS, "1")
    forced = ort.InferenceSession(str(MODEL_DIR / MODEL_FILE), options, providers=["CPUExecutionProvider"])
    _, tokenizer, names = reader._loaded.get()
    for pair, logit in zip(pairs, served):
        encoding = tokenizer.encode(*pair.pair())
        feed = {"input_ids": np.array([encoding.ids]), "attention_mask": np.ones((1, len(encoding.ids)), np.int64)}
        if "token_type_ids" in names:
            feed["token_type_ids"] = np.array([encoding.type_ids])
        assert forced.run(["logits"], feed)[0].ravel()[0] == logit
