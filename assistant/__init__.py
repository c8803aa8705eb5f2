"""Press-release assistant: ingest releases, retrieve, answer with checked citations."""

__version__ = "0.1.0"
