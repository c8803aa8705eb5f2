"""Int8 models that compute the same numbers on every CPU.

ONNX Runtime's dynamic int8 graphs multiply unsigned 8-bit activations by signed 8-bit weights
(`MatMulInteger`). With VNNI (`avx512_vnni`, `avx_vnni`) the products are summed exactly in 32 bits;
on x86 CPUs without it (AVX2, AVX-512 before VNNI) the kernel adds pairs of products in 16 bits,
which saturates: 255 x 127 twice is 64,770, past 32,767. So the same shipped reader quoted another
sentence, and the evaluation gates moved, on an AVX2 machine (its logits moved by 0.10 on average, up
to 1.16, against the exact products). The same integers stored as unsigned weights plus 128 with zero
point 128 take the unsigned-by-unsigned kernel, which widens to 16 bits before multiplying and is
exact everywhere. Where signed products would saturate, sessions load that form: the numbers a VNNI
machine computes, at 1.17x the reader's time on a 2-core AVX2 machine (`tests/test_int8_kernels.py`
checks the exact product; README "Performance")."""

from __future__ import annotations

import functools
import platform
from pathlib import Path

import numpy as np

EXACT_SIGNED_FLAGS = frozenset({"avx512_vnni", "avx_vnni"})  # CPU flags whose int8 dot products do not saturate
X86 = frozenset({"x86_64", "amd64", "i386", "i686", "x86"})


def cpu_flags() -> frozenset[str] | None:
    """The CPU's feature flags as Linux reports them; None where they cannot be read."""
    try:
        text = Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None
    for line in text.splitlines():
        if line.startswith("flags"):
            return frozenset(line.partition(":")[2].split())
    return None


@functools.cache
def signed_products_saturate() -> bool:
    """True on x86 without VNNI, and on x86 whose flags cannot be read (the unsigned form is exact on
    every CPU, so it is the safe choice when unsure). ARM's int8 kernels widen before adding."""
    if platform.machine().lower() not in X86:
        return False
    flags = cpu_flags()
    return flags is None or not flags & EXACT_SIGNED_FLAGS


def unsigned_weights(model) -> int:
    """Rewrites `model`'s (an onnx ModelProto) signed int8 matrix-product weights as unsigned, in place;
    returns how many tensors changed. The integers and the product are the same: (q + 128) - 128."""
    from onnx import TensorProto, numpy_helper

    tensors = {t.name: t for t in model.graph.initializer}
    changed: set[str] = set()
    for node in model.graph.node:
        if node.op_type != "MatMulInteger" or len(node.input) < 4:
            continue
        for name in (node.input[1], node.input[3]):  # B and B's zero point
            tensor = tensors.get(name)
            if tensor is None or name in changed or tensor.data_type != TensorProto.INT8:
                continue
            shifted = numpy_helper.to_array(tensor).astype(np.int16) + 128
            tensor.CopyFrom(numpy_helper.from_array(shifted.astype(np.uint8), name))
            changed.add(name)
    return len(changed)


def session_model(path: Path) -> str | bytes:
    """What an ONNX Runtime session should load for `path`: the file itself, or, where signed int8
    products would saturate, the model with its weights made unsigned (serialised bytes)."""
    if not signed_products_saturate():
        return str(path)
    import onnx

    model = onnx.load(str(path))
    if not unsigned_weights(model):
        return str(path)
    return model.SerializeToString()
