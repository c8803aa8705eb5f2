"""What the benchmark measures, level by level, for the assistant and the tutorial pipeline."""

from __future__ import annotations

import statistics
from dataclasses import asdict, dataclass, field


@dataclass
class Latency:
    p50: float
    p95: float

    @classmethod
    def of(cls, values: list[float]) -> "Latency":
        ordered = sorted(values)
        return cls(round(statistics.median(ordered), 1), round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 1))


@dataclass
class SystemResult:
    chunks: int
    ingest_seconds: float  # growing from the previous level to this one
    ingest_chunks: int
    ingest_releases: int
    vectors: str  # "model" or "synthetic" for the chunks added at this level
    retrieve_ms: Latency
    answer_ms: Latency
    total_ms: Latency
    cold_start_s: float  # median wall time of a fresh process answering one question
    load_s: float  # a fresh serving process: start-up until warm
    peak_rss_mb: float  # the serving process
    index_mb: float
    read_ms: Latency | None = None  # the reader's share of answer_ms (scoring the candidate sentences)

    @classmethod
    def ingest_only(cls, chunks: int, seconds: float, added: int, releases: int, vectors: str) -> "SystemResult":
        """The numbers of growing; what a serving process measures is filled in later."""
        zero = Latency(0.0, 0.0)
        return cls(chunks, round(seconds, 2), added, releases, vectors, zero, zero, zero, 0.0, 0.0, 0.0, 0.0)

    @property
    def chunks_per_s(self) -> float | None:
        return round(self.ingest_chunks / self.ingest_seconds, 1) if self.vectors == "model" and self.ingest_seconds else None

    @property
    def releases_per_s(self) -> float | None:
        return round(self.ingest_releases / self.ingest_seconds, 2) if self.vectors == "model" and self.ingest_seconds else None

    def to_json(self) -> dict:
        return {**asdict(self), "chunks_per_s": self.chunks_per_s, "releases_per_s": self.releases_per_s}


@dataclass
class LevelResult:
    target_chunks: int
    releases: int
    synthetic_chunks: int
    one_release_s: float  # warm `Library.add` of one typical release, median of several
    one_release_cold_s: float  # `assistant add FILE` from a fresh process
    assistant: SystemResult
    tutorial: SystemResult | None = None

    def ratios(self) -> dict[str, float | None]:
        """The tutorial pipeline's cost divided by the assistant's (above 1: the assistant is cheaper),
        except throughput, which is the assistant's divided by the tutorial's."""
        if self.tutorial is None:
            return {}
        a, t = self.assistant, self.tutorial

        def div(x, y):
            return round(x / y, 2) if x is not None and y else None

        return {"ingest_chunks_per_s": div(a.chunks_per_s, t.chunks_per_s),
                "total_p50": div(t.total_ms.p50, a.total_ms.p50), "total_p95": div(t.total_ms.p95, a.total_ms.p95),
                "cold_start": div(t.cold_start_s, a.cold_start_s), "peak_rss": div(t.peak_rss_mb, a.peak_rss_mb),
                "index_size": div(t.index_mb, a.index_mb)}

    def to_json(self) -> dict:
        data = asdict(self)
        data["assistant"] = self.assistant.to_json()
        data["tutorial"] = self.tutorial.to_json() if self.tutorial else None
        data["ratios"] = self.ratios()
        return data


@dataclass
class BenchReport:
    created: str
    machine: dict
    settings: dict
    levels: list[LevelResult] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"created": self.created, "machine": self.machine, "settings": self.settings,
                "levels": [level.to_json() for level in self.levels]}
