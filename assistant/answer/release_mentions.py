"""A release named by its id in the question: "Summarize 28aug2007alexander99", "What does
2024-12-05-eu-norway-security-and-defence-dialogue.txt say about space?". The ids are the ones the
assistant shows (citations, the JSON, the corpus list), so people copy them into questions.

A word names a release only when it is one of the corpus's ids exactly (as `slugify` makes them, a file
extension allowed) and looks like an id, not a word: letters with digits or hyphens, 10 characters or more.
A release whose file is `budget.txt` has the id "budget", and "What's in the budget?" names no release.
The question is then read with "this release" in place of the id (and of the words "the release" around
it), so the id's letters and digits reach neither the period parser ("aug2007") nor the readers."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from assistant.ingest.parsing import slugify

MIN_LENGTH = 10
_TOKEN = re.compile(r"(?<![\w.-])[A-Za-z0-9][\w.-]*[A-Za-z0-9]")
_EXTENSION = re.compile(r"\.(?:txt|md|markdown|html?|json|xml|pdf)$", re.IGNORECASE)
# "the press release 28aug2007alexander99", "release id: 28aug…", "the 28aug… release", the id in quotes
_AROUND = r"(?:the\s+)?(?:(?:press\s+)?release(?:\s+id)?:?\s+)?[\"'“‘`(]?{id}[\"'”’`)]?(?:\s+(?:press\s+)?release\b)?"


@dataclass(frozen=True)
class ReleaseMention:
    release_ids: tuple[str, ...]  # the releases named, in the order the question names them
    text: str  # the question with each named id read as "this release" ("these releases" for several)


def looks_like_id(token: str) -> bool:
    """Letters with digits or hyphens, long enough not to be a word of the question."""
    return len(token) >= MIN_LENGTH and any(c.isalpha() for c in token) and \
        any(c.isdigit() or c == "-" for c in token)


def find_release_mention(question: str, release_ids: Collection[str]) -> ReleaseMention | None:
    """The releases the question names by id, or None when it names none."""
    named: dict[str, str] = {}  # release id -> the token that named it
    for match in _TOKEN.finditer(question):
        token = _EXTENSION.sub("", match.group())
        if not looks_like_id(token):
            continue
        release_id = slugify(token)
        if release_id in release_ids and release_id not in named:
            named[release_id] = match.group()
    if not named:
        return None
    text = question
    placeholder = "this release" if len(named) == 1 else "these releases"
    for token in sorted(named.values(), key=len, reverse=True):
        pattern = re.compile(_AROUND.format(id=re.escape(token)), re.IGNORECASE)
        text = pattern.sub(placeholder, text, count=1)
    # "these releases and these releases" for "Compare 28aug… and 28feb…"
    text = re.sub(rf"{placeholder}(?:\s*(?:,|and|&|or)\s*{placeholder})+", placeholder, text)
    return ReleaseMention(tuple(named), " ".join(text.split()))
