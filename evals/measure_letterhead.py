"""How the corpus-level letterhead test (`assistant/ingest/letterhead.py`) splits the head lines that
several Senate releases share, and which titles it changes.

    python -m evals.measure_letterhead [--data FILE.jsonl.gz] [--show 40]

Prints, for each head line shared by two or more releases, the mean word overlap of those releases
(the test's input), the gap between the two groups, and the titles read again (old -> new)."""

from __future__ import annotations

import argparse
import random
from collections import Counter

from assistant.ingest import letterhead
from assistant.ingest.metadata import HEAD_CHARS, find_title, line_key
from evals import senate


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=senate.DATA, help="releases as JSONL (gzipped when .gz)")
    parser.add_argument("--show", type=int, default=40, help="titles read again to print, a fixed sample")
    args = parser.parse_args(argv)

    openings = {row["id"]: row["text"][:HEAD_CHARS] for row in senate.rows(args.data)}
    sharing = letterhead.releases_heading({rid: letterhead.head_lines(text) for rid, text in openings.items()})
    words_of = letterhead.words_reader(openings.__getitem__)
    shared = {line: letterhead.mean_overlap(sorted(ids), words_of)
              for line, ids in sharing.items() if len(ids) >= letterhead.MIN_RELEASES}
    below = [v for v in shared.values() if v < letterhead.SAME_TEXT_OVERLAP]
    above = [v for v in shared.values() if v >= letterhead.SAME_TEXT_OVERLAP]
    print(f"{len(openings)} releases; {len(shared)} head lines shared by {letterhead.MIN_RELEASES}+ releases")
    print(f"  letterhead (overlap < {letterhead.SAME_TEXT_OVERLAP}): {len(below)}, overlap "
          f"{min(below):.2f}-{max(below):.2f}" if below else "  letterhead: none")
    print(f"  shared by releases that overlap more (templates, copies, reused headlines): {len(above)}, overlap {min(above):.2f}-{max(above):.2f}"
          if above else "  shared headlines: none")
    titles = {line_key(find_title(opening) or "") for opening in openings.values()}
    for name, group in (("letterhead", below), ("others", above)):
        as_titles = sorted(v for line, v in shared.items() if line in titles and (v < letterhead.SAME_TEXT_OVERLAP) == (group is below))
        if as_titles:
            print(f"  of the {name}, {len(as_titles)} are a release's first-line title: overlap "
                  f"{as_titles[0]:.2f}-{as_titles[-1]:.2f}")
    for line, overlap in sorted(shared.items(), key=lambda kv: -len(sharing[kv[0]]))[:25]:
        print(f"    {len(sharing[line]):4d} releases  overlap {overlap:.2f}  {line[:70]!r}")

    lines = letterhead.letterhead_lines(openings)
    changed = []
    for release_id, opening in openings.items():
        old = find_title(opening)
        new = find_title(opening, lines) or old
        if new != old:
            changed.append((release_id, old, new))
    print(f"titles read again: {len(changed)} of {len(openings)}")
    for line, n in Counter(line_key(old or "") for _, old, _ in changed).most_common(15):
        print(f"    {n:4d} were {line[:70]!r}")
    for release_id, old, new in random.Random(0).sample(changed, min(args.show, len(changed))):
        print(f"  {release_id}: {(old or '')[:45]!r} -> {(new or '')[:80]!r}")


if __name__ == "__main__":
    main()
