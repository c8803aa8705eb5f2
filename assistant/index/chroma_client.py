"""Opens the Chroma client: a persistent folder by default, or a `chroma run` server by URL."""

from __future__ import annotations

from urllib.parse import urlparse

from assistant.errors import StoreUnavailableError
from assistant.settings import Settings


def make_client(settings: Settings):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False, allow_reset=False)
    try:
        if settings.chroma_url:
            url = urlparse(settings.chroma_url)
            if not url.hostname:
                raise StoreUnavailableError(f"ASSISTANT_CHROMA_URL={settings.chroma_url!r} is not an http(s) URL")
            return chromadb.HttpClient(
                host=url.hostname,
                port=url.port or (443 if url.scheme == "https" else 8000),
                ssl=url.scheme == "https",
                settings=chroma_settings,
            )
        settings.index_dir.mkdir(parents=True, exist_ok=True)
        return chromadb.PersistentClient(path=str(settings.index_dir), settings=chroma_settings)
    except StoreUnavailableError:
        raise
    except Exception as exc:  # chromadb raises bare Exceptions/ValueErrors for unreachable servers
        where = settings.chroma_url or settings.index_dir
        raise StoreUnavailableError(f"cannot open the Chroma index at {where}: {exc}") from exc
