"""Recognises retrieved text that tries to instruct the assistant, so it is never used as an answer.

Retrieved text is data. A passage that addresses an AI ("ignore previous instructions", a fake
system prompt, chat-template tokens, our own passage markup) is quarantined: its sentences are
neither quoted as answers nor shown to a chat model. A sentence carrying citation-like markers
("[1]") is not quoted either, because it would forge the answer's own citation markup."""

from __future__ import annotations

import re

INJECTION = re.compile(
    r"\b(?:ignore|disregard|forget|override)\s+(?:all\s+|any\s+|the\s+|your\s+)*(?:previous|prior|above|earlier|preceding|system)?"
    r"\s*(?:instructions?|prompts?|directions|rules|guidelines)\b"
    r"|\byou are now\b|\bdeveloper mode\b|\bjailbreak\b|\bsystem prompt\b"
    r"|(?:^|\n|\.\s)\s*(?:system|assistant|user)\s*:"
    r"|</?passage\b|<\|im_(?:start|end)\|>|\[/?INST\]",
    re.IGNORECASE,
)
FAKE_MARKER = re.compile(r"\[\d{1,3}\]")


def is_injection(text: str) -> bool:
    return bool(INJECTION.search(text))


def forges_markers(sentence: str) -> bool:
    return bool(FAKE_MARKER.search(sentence))
