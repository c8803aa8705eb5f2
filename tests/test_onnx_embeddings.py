"""The int8 ONNX embedding backend: built offline from the packaged model, close to the torch model,
built once and reused, and free of torch at run time."""

import subprocess
import sys

import numpy as np
import pytest

from assistant.embedding.torch_model import SentenceTransformerEmbeddings
from assistant.errors import ConfigError, IndexMismatchError
from assistant.factory import build_library
from assistant.embedding.onnx_model import OnnxEmbeddings
from evals.senate import rows

from .conftest import SEED


@pytest.fixture(scope="module")
def texts():
    chunks = []
    for row in rows():
        text = row["text"]
        chunks += [text[i : i + 800] for i in range(0, min(len(text), 2400), 800)]
        if len(chunks) >= 48:
            break
    return chunks + ["PESCO", "Where will the next PESCO military mobility meeting be held?"]


@pytest.fixture(scope="module")
def torch_vectors(texts):
    return np.asarray(SentenceTransformerEmbeddings().embed_documents(texts))


@pytest.fixture(scope="module")
def cache(tmp_path_factory):
    return tmp_path_factory.mktemp("onnx-cache")


def test_int8_is_built_once_and_stays_close_to_torch(texts, torch_vectors, cache):
    first = OnnxEmbeddings(variant="int8", cache_dir=cache)
    vectors = np.asarray(first.embed_documents(texts))
    built = first.model_file()
    assert built.exists() and built.stat().st_size < 40e6  # int8 weights: about a quarter of fp32's 90 MB
    stamp = built.stat().st_mtime_ns
    cosine = (vectors * torch_vectors).sum(axis=1)
    assert cosine.mean() > 0.985 and cosine.min() > 0.95, cosine
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    again = OnnxEmbeddings(variant="int8", cache_dir=cache)
    # a text's vector does not depend on what it was embedded with, nor in which order
    assert np.allclose(again.embed_documents(texts[:4][::-1]), vectors[:4][::-1], atol=1e-6)
    assert np.allclose(again.embed_query(texts[5]), vectors[5], atol=1e-6)
    assert built.stat().st_mtime_ns == stamp, "a second process must reuse the build"


def test_texts_embedded_side_by_side_get_the_vectors_of_one_at_a_time(texts, cache):
    """Runs go to one worker a core, one thread each; a text's vector is the one a run after another on
    ONNX Runtime's own threads gives, in the texts' order."""
    side_by_side = np.asarray(OnnxEmbeddings(variant="int8", cache_dir=cache, threads=2).embed_documents(texts))
    one_at_a_time = OnnxEmbeddings(variant="int8", cache_dir=cache, threads=1, session_threads=0)
    assert np.array_equal(side_by_side, np.asarray(one_at_a_time.embed_documents(texts)))


@pytest.mark.slow  # a second export (~4 s); the product runs int8, checked against torch in the fast tier above
def test_fp32_matches_torch(texts, torch_vectors, cache):
    vectors = np.asarray(OnnxEmbeddings(variant="fp32", cache_dir=cache).embed_documents(texts))
    assert (vectors * torch_vectors).sum(axis=1).min() > 0.9999


def test_a_process_using_the_build_never_imports_torch(cache):
    OnnxEmbeddings(variant="int8", cache_dir=cache).warm_up()
    code = ("import sys; from assistant.embedding.onnx_model import OnnxEmbeddings; "
            f"e = OnnxEmbeddings(variant='int8', cache_dir={str(cache)!r}); v = e.embed_query('hello'); "
            "assert len(v) == 384; "
            "assert not [m for m in sys.modules if m.split('.')[0] in ('torch', 'sentence_transformers')], 'torch'")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def test_an_index_remembers_its_backend(settings, cache):
    build_library(settings, OnnxEmbeddings(variant="int8", cache_dir=cache)).add(SEED)
    with pytest.raises(IndexMismatchError, match="onnx-int8"):
        build_library(settings, SentenceTransformerEmbeddings()).releases()


def test_a_model_folder_without_a_fast_tokenizer_is_a_clear_error(tmp_path):
    (tmp_path / "modules.json").write_text("[]")
    with pytest.raises(ConfigError, match="tokenizer.json"):
        OnnxEmbeddings(str(tmp_path), cache_dir=tmp_path / "cache").embed_query("x")


def test_unknown_variant_is_refused():
    with pytest.raises(ConfigError, match="int8"):
        OnnxEmbeddings(variant="int4")
