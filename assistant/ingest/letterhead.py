"""Lines a press office puts at the head of every release (letterhead), found across the corpus.

A release's title is the first line of its text when no metadata states one. Web pages saved as text
often start with the site's own lines instead: "Latest News", "Contact  Steve WymerEmail", "United
States Senator Richard Shelby   Press Room", a dateline. One file cannot tell such a line from a
headline; the corpus can: a letterhead line heads many releases that say different things, while a
headline heads one release, or several copies of one template ("Alexander, Frist Applaud Grant
Funding to Aid Tennessee Fire Departments" over 29 near-identical grant releases).

Measured with `python -m evals.measure_letterhead` (the mean pairwise word overlap, Jaccard, of the
releases sharing a line that is some release's first-line title):
- the 1,100 Senate releases the evaluation uses: letterhead 0.11-0.19 (14 lines, e.g. "Contact  Steve
  WymerEmail" over 22 releases), headlines of templates and of releases filed twice 0.77-1.00 (13);
- all 10,000 shared Senate releases: letterhead 0.09-0.22; a headline an office reused for different
  releases ("Sen. DeWine Announces Federal Funding for Southwest Ohio Projects", two to five releases)
  0.20-0.50. The threshold, 0.25, sits above all letterhead; it takes eight reused headlines (0.20-0.24)
  for letterhead, and their releases are then titled by their next line, mostly the lead sentence."""

from __future__ import annotations

import random
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

from assistant.ingest.metadata import find_title, line_key, segments

HEAD_SEGMENTS = 6  # the head lines compared across releases (where a headline stands)
MIN_RELEASES = 2  # a line heading this many releases that differ is letterhead
# Mean word overlap (Jaccard) of the releases sharing a line below which the line is letterhead (above)
SAME_TEXT_OVERLAP = 0.25
PAIRS_SAMPLED = 45  # pairs compared per shared line: a line shared by thousands needs no more
_WORD = re.compile(r"[^\W_]+")


def head_lines(text: str) -> tuple[str, ...]:
    """The lines at the head of a release's text where a headline stands, normalised (`line_key`)."""
    return tuple(dict.fromkeys(line_key(line) for _, line in segments(text)[:HEAD_SEGMENTS]))


def letterhead_lines(openings: Mapping[str, str]) -> frozenset[str]:
    """The head lines (`line_key`) that head `MIN_RELEASES` or more of these releases (id -> the
    opening of its text) that are not copies of one another."""
    sharing = releases_heading({release_id: head_lines(opening) for release_id, opening in openings.items()})
    words_of = words_reader(openings.__getitem__)
    return frozenset(line for line, ids in sharing.items() if len(ids) >= MIN_RELEASES and is_letterhead(ids, words_of))


def releases_heading(heads: Mapping[str, Sequence[str] | None]) -> dict[str, list[str]]:
    """Each head line -> the releases it heads, from each release's head lines (None: not read)."""
    sharing: dict[str, list[str]] = {}
    for release_id, lines in heads.items():
        for line in lines or ():
            sharing.setdefault(line, []).append(release_id)
    return sharing


def is_letterhead(ids: Sequence[str], words_of: Callable[[str], frozenset[str]]) -> bool:
    """Whether a line heading these releases is letterhead: they overlap little (`SAME_TEXT_OVERLAP`)."""
    return mean_overlap(sorted(ids), words_of) < SAME_TEXT_OVERLAP


def words_reader(opening_of: Callable[[str], str]) -> Callable[[str], frozenset[str]]:
    """The words of a release's opening, read once per release and only for releases asked about."""
    words: dict[str, frozenset[str]] = {}

    def words_of(release_id: str) -> frozenset[str]:
        if release_id not in words:
            words[release_id] = frozenset(_WORD.findall(opening_of(release_id).lower()))
        return words[release_id]

    return words_of


def mean_overlap(ids: Sequence[str], words_of: Callable[[str], frozenset[str]]) -> float:
    """Mean Jaccard overlap of the releases' words over their pairs (a fixed sample when there are many)."""
    n = len(ids)
    if n * (n - 1) // 2 <= PAIRS_SAMPLED:
        pairs = list(combinations(range(n), 2))
    else:  # drawn, not listed: a line heading 10,000 releases has 50 million pairs
        draw = random.Random(n)
        pairs = [tuple(draw.sample(range(n), 2)) for _ in range(PAIRS_SAMPLED)]
    overlaps = []
    for a, b in pairs:
        first, second = words_of(ids[a]), words_of(ids[b])
        overlaps.append(len(first & second) / (len(first | second) or 1))
    return sum(overlaps) / len(overlaps)


@dataclass(frozen=True)
class TitleRow:
    """What the catalog keeps for titling one release whose title is read from its text."""

    id: str
    title: str | None
    head: tuple[str, ...] | None  # its head lines (`head_lines`); None until first read
    titled: bool  # its title was read with the corpus's letterhead known (False once written anew)


@dataclass(frozen=True)
class LineCount:
    """A head line shared by several releases, as last judged: by how many, and whether letterhead."""

    releases: int
    letterhead: bool


@dataclass
class Retitling:
    """What one pass of `retitle` changes: heads read, titles changed, line judgements kept or dropped."""

    heads: dict[str, tuple[str, ...]] = field(default_factory=dict)
    titles: dict[str, str | None] = field(default_factory=dict)
    titled: list[str] = field(default_factory=list)  # releases whose title was read now
    counts: dict[str, LineCount] = field(default_factory=dict)  # lines judged now
    dropped: list[str] = field(default_factory=list)  # lines no longer shared


def retitle(rows: Sequence[TitleRow], counts: Mapping[str, LineCount],
            openings_of: Callable[[Sequence[str]], Mapping[str, str]]) -> Retitling:
    """The titles to read again after releases were added, replaced or removed, without reading every
    release: a shared line is judged again only when the number of releases it heads changed (the
    judgement, `letterhead_lines`, reads a fixed sample of their openings), and a title is read again
    only for a release written anew or one heading a line whose judgement changed (a line a release
    written anew heads is judged again too: a replaced release changes what its lines head). `openings_of`
    gives the openings of the releases asked for. Same titles as reading every release every time
    (`tests/test_letterhead.py`). Over the 10,000 shared Senate releases (a one-off timing): the first
    pass 3.9 s; each release added after it 40-80 ms, reading its own opening and up to about 90 others
    (a sample for each shared line it heads)."""
    plan = Retitling()
    openings: dict[str, str] = {}

    def opening(release_id: str) -> str:
        if release_id not in openings:
            openings.update(openings_of([release_id]))
        return openings[release_id]

    fresh = [r.id for r in rows if r.head is None or not r.titled]
    openings.update(openings_of(fresh))
    heads = {r.id: r.head for r in rows}
    for release_id in fresh:
        if heads[release_id] is None:
            heads[release_id] = plan.heads[release_id] = head_lines(openings[release_id])
    sharing = releases_heading(heads)
    words_of = words_reader(opening)
    # a release written anew may change which releases a line heads without changing how many
    touched = {line for release_id in fresh for line in heads[release_id] or ()}
    for line, ids in sharing.items():
        before = counts.get(line)
        if len(ids) >= MIN_RELEASES and (before is None or before.releases != len(ids) or line in touched):
            plan.counts[line] = LineCount(len(ids), is_letterhead(ids, words_of))
    plan.dropped = [line for line in counts if len(sharing.get(line, ())) < MIN_RELEASES]
    judged = {**counts, **plan.counts}
    for line in plan.dropped:
        del judged[line]
    letterhead = frozenset(line for line, count in judged.items() if count.letterhead)
    turned = {line for line in set(counts) | set(plan.counts)
              if (line in letterhead) != bool(counts.get(line) and counts[line].letterhead)}
    again = set(fresh) | {release_id for line in turned for release_id in sharing.get(line, ())}
    if turned:  # a headline line ending in a date and a letterhead line ("... 2006 Washington  D C") is cut there
        again |= {release_id for release_id, lines in heads.items() for line in lines or ()
                  if any(line.endswith(" " + t) for t in turned)}
    titles = {r.id: r.title for r in rows}
    for release_id in sorted(again):
        text = opening(release_id)
        title = find_title(text, letterhead) or find_title(text)
        if title != titles[release_id]:
            plan.titles[release_id] = title
    plan.titled = sorted(again)
    return plan
