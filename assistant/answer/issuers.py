"""Who put a release out, when a question names them: "What did Senator Bayh announce in March 2006?"
asks for Bayh's releases, not for every release that mentions Bayh.

The names come from the releases' metadata (`issuer`, `publisher` or `author` in front matter or HTML
<meta>), never from a list of words: a question names an issuer when the issuer's name stands in it as
a name of its own, written as the metadata writes it (capitalised) and not the start of a longer name
("Lincoln Memorial" does not name Senator Lincoln)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache

from assistant.retrieval.filters import SearchFilter


@dataclass(frozen=True)
class IssuerMention:
    issuer: str  # the name as the metadata states it
    text: str  # the words of the question that named it, with the capitalised words just before (a
    # given name or title: "Senator Wayne Allard" for the issuer "Allard"), so none is left to match as a subject
    release_ids: tuple[str, ...]  # every release the metadata says the issuer put out


def find_issuer(question: str, issuers: Mapping[str, tuple[str, ...]]) -> IssuerMention | None:
    """The issuer the question names (the longest name when several match), or None."""
    best: IssuerMention | None = None
    for name, release_ids in issuers.items():
        if best and len(name) <= len(best.issuer):
            continue
        m = _name_pattern(name).search(question)
        if m:
            before = _CAPITALISED_BEFORE.search(question, 0, m.start())
            start = before.start() if before else m.start()
            best = IssuerMention(name, question[start:m.end()], release_ids)
    return best


def narrowed_to_issuer(where: SearchFilter, mention: IssuerMention | None) -> SearchFilter | None:
    """The filter kept to the issuer's releases; None when it leaves no release (the caller chose others)."""
    if mention is None:
        return where
    return narrowed_to_releases(where, mention.release_ids)


def narrowed_to_releases(where: SearchFilter, release_ids) -> SearchFilter | None:
    """The filter kept to these releases (those of them it lets through); None when it lets none through."""
    ids = [r for r in release_ids if not where.release_ids or r in where.release_ids]
    return replace(where, release_ids=tuple(ids)) if ids else None


_CAPITALISED_BEFORE = re.compile(r"(?<![\w'’-])(?:[A-Z][\w.'’-]*\s+)+$")


@lru_cache(maxsize=4096)
def _name_pattern(name: str) -> re.Pattern[str]:
    words = name.split()
    # "Bayh's August release": after a possessive a capitalised word starts another phrase
    return re.compile(r"(?<![\w-])" + r"\s+".join(map(re.escape, words))
                      + r"(?:['’]s(?![\w-])|(?![\w'’-])(?!\s+[A-Z][a-z]))")
