"""Typed errors raised by the library; entry points turn them into one-line messages."""

from __future__ import annotations

from pathlib import Path


class AssistantError(Exception):
    """Base class for every error the library raises on purpose."""


class ConfigError(AssistantError, ValueError):
    """A setting has a value the library cannot work with."""


class ReleaseError(AssistantError):
    """A release file cannot be ingested; names the file and the reason."""

    def __init__(self, path: Path | str, reason: str):
        self.path = str(path)
        self.reason = reason
        super().__init__(f"{self.path}: {reason}")


class ReleaseNotFoundError(AssistantError, KeyError):
    def __init__(self, release_id: str):
        self.release_id = release_id
        super().__init__(f"no release with id {release_id!r}")

    def __str__(self) -> str:  # KeyError would quote the whole message
        return self.args[0]


class IndexMismatchError(AssistantError):
    """The index was built with another embedding model than the one configured."""


class StoreUnavailableError(AssistantError):
    """The Chroma store cannot be opened or reached."""


class WriterBusyError(AssistantError):
    """Another process holds the index's writer lock."""


class QuestionError(AssistantError, ValueError):
    """A question the assistant cannot take (empty, too long, bad filter)."""
