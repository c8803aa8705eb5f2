"""A release named by its id in the question: "Summarize 28aug2007alexander99", "What does
2024-12-05-eu-norway-security-and-defence-dialogue.txt say about space?". The ids are the ones the
assistant shows (citations, the JSON, the corpus list), so people copy them into questions.

A word names a release only when it is one of the corpus's ids exactly (as `slugify` makes them, a file
extension allowed) and looks like an id, not a word: letters with digits, or with three hyphens or more,
10 characters or more. A release whose file is `budget.txt` has the id "budget", and "What's in the
budget?" names no release; nor does "anti-corruption" name `anti-corruption.txt`. The question is then
read with "this release" in place of each id (and of the words "the release" around it), so the id's
letters and digits reach neither the period parser ("aug2007") nor the readers."""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass

from assistant.ingest.parsing import slugify

MIN_LENGTH = 10
_TOKEN = re.compile(r"(?<![\w.-])[A-Za-z0-9][\w.-]*[A-Za-z0-9]")
_EXTENSION = re.compile(r"\.(?:txt|md|markdown|html?|json|xml|pdf)$", re.IGNORECASE)
# the words around an id that it replaces too: "the press release 28aug…", "release id: 28aug…", "the
# 28aug… release", the id in quotes or brackets when they close around it (not the "'" of "28aug…'s")
_BEFORE = re.compile(r"(?:\bthe\s+)?(?:\b(?:press\s+)?release(?:\s+id)?:?\s+)?([\"“‘`(]?)$", re.IGNORECASE)
_AFTER = re.compile(r"([\"”’`)]|'(?!s\b))?(\s+(?:press\s+)?release\b)?", re.IGNORECASE)


@dataclass(frozen=True)
class ReleaseMention:
    release_ids: tuple[str, ...]  # the releases named, in the order the question names them
    text: str  # the question with each named id read as "this release" ("these releases" for several)


def looks_like_id(token: str) -> bool:
    """Letters with digits or with three hyphens or more, long enough not to be a word of the question."""
    return len(token) >= MIN_LENGTH and any(c.isalpha() for c in token) and \
        (any(c.isdigit() for c in token) or token.count("-") >= 3)


def find_release_mention(question: str, release_ids: Collection[str]) -> ReleaseMention | None:
    """The releases the question names by id, or None when it names none. `release_ids`: a set or dict
    of the corpus's ids (looked up, not scanned)."""
    named: list[str] = []
    spans: list[tuple[int, int]] = []
    for match in _TOKEN.finditer(question):
        token = _EXTENSION.sub("", match.group())
        if not looks_like_id(token):
            continue
        release_id = slugify(token)
        if release_id in release_ids:
            spans.append(match.span())
            if release_id not in named:
                named.append(release_id)
    if not named:
        return None
    placeholder = "this release" if len(named) == 1 else "these releases"
    text = question
    for start, end in reversed(spans):  # from the end, so the spans before stay where they are
        before, after = _BEFORE.search(text, 0, start), _AFTER.match(text, end)
        opening, closing = before.group(1), after.group(1) or ""
        paired = bool(opening and closing)  # "“28aug…”", "(28aug…)": the marks go with the id
        kept = "" if paired else opening  # a mark on one side only stays,
        tail = end if closing and not paired else after.end()  # and so does what follows a closing one
        text = text[:before.start()] + kept + placeholder + text[tail:]
    if len(named) > 1:  # "Compare 28aug… and 28feb…": one phrase for the releases named
        text = re.sub(rf"{placeholder}(?:\s*(?:,|and|&|or)\s*{placeholder})+", placeholder, text)
    return ReleaseMention(tuple(named), " ".join(text.split()))
