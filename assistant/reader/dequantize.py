"""Recovers a float CrossEncoder from a shipped int8 reader: `python -m assistant.reader.dequantize --onnx M --out DIR`.

The readers ship as int8 ONNX only (their torch weights are tens of MB more and were not kept), so a
later round of training could only start again from a checkpoint rebuilt from scratch: the list
reader's start, the sentence reader's three epochs, takes 66-110 minutes on 2 cores. Dynamic int8
quantisation keeps every weight as integers with a scale and zero point (per output column for the
matrices, per tensor for the embeddings), so the served weights are recovered exactly as the served
graph uses them: a model that continues from what ships. The graph's matrices are named by the
exporter (`onnx::MatMul_720`); each is matched to its layer by the bias its product is added to.

Writes DIR as a sentence-transformers CrossEncoder folder (the `--init` of the training scripts) and
checks it: exported and quantised again, it must give the shipped model's logits. Needs torch."""

from __future__ import annotations

import argparse
from pathlib import Path

import numpy as np

QUANTIZED = "_quantized"


def dequantized_weights(onnx_path: Path) -> dict[str, np.ndarray]:
    """The model's weights as float arrays under the torch names (`inner.` dropped; matrices as torch's
    Linear keeps them: out x in)."""
    import onnx
    from onnx import numpy_helper

    graph = onnx.load(str(onnx_path)).graph
    arrays = {t.name: numpy_helper.to_array(t) for t in graph.initializer}
    consumers: dict[str, list] = {}
    for node in graph.node:
        for name in node.input:
            consumers.setdefault(name, []).append(node)

    def bias_after(output: str, hops: int = 6) -> str | None:
        """The float initializer added to `output` a few nodes downstream (the Linear's bias)."""
        frontier = [output]
        for _ in range(hops):
            following = [n for name in frontier for n in consumers.get(name, [])]
            for node in following:
                if node.op_type == "Add":
                    named = [i for i in node.input if i in arrays and i.endswith(".bias")]
                    if named:
                        return named[0]
            frontier = [o for n in following for o in n.output]
        return None

    weights: dict[str, np.ndarray] = {}
    for name, array in arrays.items():
        if name.endswith(QUANTIZED):
            base = name[: -len(QUANTIZED)]
            values = (array.astype(np.float32) - arrays[base + "_zero_point"].astype(np.float32)) * arrays[base + "_scale"]
            if base.endswith(".weight"):  # an embedding table, named and laid out as in torch
                weights[base] = values
                continue
            if base.endswith(".weight_Transposed"):  # pooler and classifier: the exporter named them
                weights[base[: -len("_Transposed")]] = values.T
                continue
            user = next(n for n in consumers[name] if n.op_type == "MatMulInteger")
            bias = bias_after(user.output[0])
            if bias is None:
                raise ValueError(f"no bias follows {base}; cannot tell which layer it is")
            weights[bias[: -len(".bias")] + ".weight"] = values.T
        elif not name.endswith(("_scale", "_zero_point")) and array.dtype == np.float32 and array.ndim >= 1:
            weights[name] = array
    return {k.removeprefix("inner."): v for k, v in weights.items()}


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--onnx", type=Path, required=True, help="a shipped reader's reader-int8.onnx")
    parser.add_argument("--out", type=Path, required=True, help="the CrossEncoder folder to write")
    args = parser.parse_args(argv)

    import torch
    from sentence_transformers import CrossEncoder

    from assistant.embedding.torch_model import resolve_model_path
    from assistant.reader.inputs import MAX_LENGTH
    from assistant.settings import DEFAULT_EMBEDDING_MODEL

    try:
        recovered = dequantized_weights(args.onnx)
    except Exception as error:  # missing, not ONNX (protobuf's DecodeError), or a graph this module does not know
        raise SystemExit(f"{args.onnx}: not a reader this can recover ({type(error).__name__}: {error})") from None
    model = CrossEncoder(str(resolve_model_path(DEFAULT_EMBEDDING_MODEL)), num_labels=1, max_length=MAX_LENGTH,
                         device="cpu", local_files_only=True)
    state = model.model.state_dict()
    missing = [k for k in state if k not in recovered and not k.endswith("position_ids")]
    unknown = [k for k in recovered if k not in state]
    if missing or unknown:
        raise SystemExit(f"{args.onnx}: weights do not match the base architecture "
                         f"(missing {missing[:3]}, unknown {unknown[:3]})")
    model.model.load_state_dict({k: torch.from_numpy(np.ascontiguousarray(v)) for k, v in recovered.items()},
                                strict=False)
    args.out.mkdir(parents=True, exist_ok=True)
    model.save(str(args.out))
    print(f"wrote {args.out}: {len(recovered)} tensors from {args.onnx}")
    print(f"quantised again, against {args.onnx}: {agreement(args.out, args.onnx)}")


def agreement(folder: Path, onnx_path: Path) -> str:
    """The recovered weights exported and quantised again, against the shipped model: the largest logit
    difference on a few pairs (near 0 when the weights are recovered exactly: quantising a recovered
    weight gives back its integers). The float model itself differs from either by the int8 activations."""
    import tempfile

    from assistant.reader.export import export_int8
    from assistant.reader.inputs import ReaderInput
    from assistant.reader.onnx_reader import Reader

    pairs = [ReaderInput(q, s, title="Senator announces grants") for q, s in [
        ("Which fire departments received grants?", "The Springfield Fire Department will receive $120,000."),
        ("Which fire departments received grants?", "Fire safety has long been a priority for the senator."),
        ("What does the bill require?", "The bill requires ferry operators to carry two lifeboats."),
        ("When was the dam finished?", "Construction of the dam ended in 1936 after five years."),
        ("Who opposed the plan?", "The weather in March was unusually warm."),
        ("Which towns got money?", "Grants went to Dayton, Toledo and Akron for road repairs."),
    ]]
    with tempfile.TemporaryDirectory() as again:
        export_int8(folder, Path(again))
        difference = np.abs(Reader(Path(again)).logits(pairs) - Reader(onnx_path.parent).logits(pairs)).max()
    return f"max |logit difference| {difference:.4f} over {len(pairs)} pairs"


if __name__ == "__main__":
    main()
