"""Exact int8 products on every CPU.

ONNX Runtime's dynamic int8 graphs multiply unsigned activations by signed weights. With VNNI the
products are summed exactly; on x86 CPUs without it (AVX2, AVX-512 before VNNI) the kernel adds pairs
of them in 16 bits, which saturates (255 x 127 twice is 64,770), and the shipped reader quoted other
sentences there. ONNX Runtime's `session.x64quantprecision` option rewrites the weights as unsigned
for its exact, slower unsigned-by-unsigned kernel; it is set only where the signed kernel saturates,
so VNNI machines keep the fast one (docs/performance.md, "Exact int8 products on every CPU")."""

from __future__ import annotations

import functools
import platform
from pathlib import Path

PRECISE_PRODUCTS = "session.x64quantprecision"  # ONNX Runtime's session option for the exact kernel
EXACT_SIGNED_FLAGS = frozenset({"avx512_vnni", "avx_vnni"})  # CPU flags whose int8 dot products do not saturate
X86_MACHINES = frozenset({"x86_64", "amd64", "i386", "i686", "x86"})


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
    """True on x86 without VNNI, and on x86 whose flags cannot be read (the exact kernel is right on
    every CPU, only slower, so it is the choice when unsure). ARM's int8 kernels do not saturate."""
    if platform.machine().lower() not in X86_MACHINES:
        return False
    flags = cpu_flags()
    return flags is None or not flags & EXACT_SIGNED_FLAGS


def ask_for_exact_products(options) -> bool:
    """Sets the exact-product option on `options` (onnxruntime.SessionOptions) where the signed kernel
    saturates; returns whether it did."""
    if signed_products_saturate():
        options.add_session_config_entry(PRECISE_PRODUCTS, "1")
        return True
    return False
