"""`assistant bench` end to end at small sizes: a local index and a `chroma run` server it starts."""

import json

import pytest

from .conftest import run_cli

pytestmark = pytest.mark.slow


def _bench(tmp_path, *extra):
    done = run_cli("bench", "--levels", "150,400", "--embed-limit", "250", "--queries", "6", "--cold-runs", "1",
                   "--workdir", str(tmp_path / "bench"), "--json", *extra, timeout=1500,
                   env={"ASSISTANT_REPORTS_DIR": str(tmp_path / "reports")})
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


def _check_level(level, target, vectors):
    a = level["assistant"]
    assert a["chunks"] >= target and a["vectors"] == vectors
    for part in ("retrieve_ms", "answer_ms", "total_ms"):
        assert 0 < a[part]["p50"] <= a[part]["p95"]
    assert a["total_ms"]["p50"] >= a["retrieve_ms"]["p50"]
    assert 0 < a["cold_start_s"] < 60 and a["peak_rss_mb"] > 50 and a["index_mb"] > 0
    assert 0 < level["one_release_s"] < level["one_release_cold_s"]
    if vectors == "model":
        assert a["chunks_per_s"] > 0 and a["releases_per_s"] > 0
    else:  # throughput with synthetic vectors would flatter: it is not reported
        assert a["chunks_per_s"] is None and level["synthetic_chunks"] > 0


def test_bench_on_a_local_index_with_the_tutorial_baseline(tmp_path):
    report = _bench(tmp_path)
    first, second = report["levels"]
    _check_level(first, 150, "model")
    _check_level(second, 400, "synthetic")
    assert report["settings"]["store"] == "chroma-local"
    tutorial = first["tutorial"]
    assert tutorial["chunks"] > 0 and tutorial["total_ms"]["p50"] > 0 and tutorial["chunks_per_s"] > 0
    ratios = first["ratios"]
    assert set(ratios) >= {"ingest_chunks_per_s", "total_p50", "cold_start", "peak_rss", "index_size"}
    assert all(v is None or v > 0 for v in ratios.values())
    folder = tmp_path / "reports"
    [run] = [p for p in folder.iterdir() if not p.is_symlink()]
    assert (run / "bench.png").stat().st_size > 10_000
    md = (run / "bench.md").read_text()
    assert "| chunks |" in md and "Against the targets" in md and "synthetic" in md


def test_bench_against_chroma_servers_it_starts(tmp_path):
    report = _bench(tmp_path, "--server")
    assert report["settings"]["store"] == "chroma-server"
    first = report["levels"][0]
    _check_level(first, 150, "model")
    assert first["tutorial"]["total_ms"]["p50"] > 0 and first["tutorial"]["index_mb"] > 0
    # each system's vectors are on its own server; nothing of Chroma's is in the local folders
    bench = tmp_path / "bench"
    assert not list((bench / "index").glob("chroma.sqlite3")) and not (bench / "tutorial-index").exists()
    assert list((bench / "chroma-server" / "db").glob("chroma.sqlite3"))
    assert list((bench / "chroma-server-tutorial" / "db").glob("chroma.sqlite3"))
