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
from itertools import combinations

from assistant.ingest.metadata import line_key, segments

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
    sharing: dict[str, list[str]] = {}
    for release_id, opening in openings.items():
        for line in head_lines(opening):
            sharing.setdefault(line, []).append(release_id)
    words: dict[str, frozenset[str]] = {}  # read only for releases that share a line, once

    def words_of(release_id: str) -> frozenset[str]:
        if release_id not in words:
            words[release_id] = frozenset(_WORD.findall(openings[release_id].lower()))
        return words[release_id]

    return frozenset(line for line, ids in sharing.items()
                     if len(ids) >= MIN_RELEASES and mean_overlap(sorted(ids), words_of) < SAME_TEXT_OVERLAP)


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
