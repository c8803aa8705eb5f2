"""Plain text and Markdown wrapped at a fixed width (a release pasted from an e-mail, or saved by a
tool that breaks lines at 72 or 80 characters): lines wrapped inside a paragraph are joined again.

The sentence splitter ends a sentence at every line break, so "The EU and Norway agreed to step up" /
"support for Ukraine." became two sentences, and an answer quoted half of one. The joining rules are
the PDF reader's (`pdf_text.join_lines`: a line that stopped short, a list item, a headline in
capitals or a blank line ends a block; hyphens the wrapper inserted are dropped). A document is read
as wrapped only when its full lines are at most `WRAP_WIDTH` characters; one whose paragraphs run on
one line each (the Senate releases, the seed release) is returned unchanged, so its sentences, and
every offset into it, stay as they were."""

from __future__ import annotations

import re

from assistant.ingest.pdf_text import DASH_ITEM, LIST_ITEM, PdfLine, join_lines

# a line that stands alone whatever its width: a Markdown table row, heading, quote or code fence, or
# text indented as code
STANDALONE = re.compile(r"^(?:\s*[|#>]|\s*```|\s{4,}\S)")
# full lines (the 90th percentile of line widths) at most this wide were wrapped by a tool: wrappers
# break at 72-80 characters, and a paragraph written on one line runs to hundreds
WRAP_WIDTH = 100
MIN_WIDTH = 40  # narrower full lines are a list's or a table's, not a wrapper's
MIN_LINES = 3  # fewer lines than this: nothing to tell a wrapped paragraph from a short one
FILLED = 0.8  # a wrapped line reaches this share of the full width (it breaks before the word that did not fit)
# the share of lines running on into the next that are filled: 0.81-1.0 for the seed release wrapped at
# 60-80 characters (paragraphs apart by a blank line or not), at most 0.68 for the few of the 10,000
# Senate releases whose lines are as short (schedules, lists, a script)
MOSTLY = 0.75


def unwrap(text: str) -> str:
    """`text` with the lines a wrapper broke inside a paragraph joined, blocks separated by a blank line;
    `text` itself when it was not wrapped."""
    lines: list[PdfLine] = []
    y = 0.0
    for raw in text.split("\n"):
        y -= 1.0  # one step per line: a blank line makes a double step, which the joiner reads as a gap
        if raw.strip():
            standalone = bool(STANDALONE.match(raw))
            y -= standalone  # a gap before it and after it: it joins no other line
            lines.append(PdfLine(" ".join(raw.split()), y, None, 0))
            y -= standalone
    return join_lines(lines) if wrapped(lines) else text


def wrapped(lines: list[PdfLine]) -> bool:
    """The lines were broken at a fixed width: full lines (the 90th percentile) from `MIN_WIDTH` to
    `WRAP_WIDTH` characters and hardly any wider, and most lines that run on into another (`MOSTLY`)
    reach nearly that width (a wrapper fills each line; a list, a table or code stops its lines
    wherever they end)."""
    if len(lines) < MIN_LINES:
        return False
    widths = sorted(len(line.text) for line in lines)
    full = widths[round(0.9 * (len(widths) - 1))]
    # a wrapper leaves no line wider than its width (but an unbreakable address, one line in 50)
    if not MIN_WIDTH <= full <= WRAP_WIDTH or sum(w > WRAP_WIDTH for w in widths) > len(widths) / 50:
        return False
    # a line with another right after it (no blank line between), neither a headline in capitals nor
    # followed by a list item, both of which end a line wherever they end
    running = [a for a, b in zip(lines, lines[1:]) if a.y - b.y == 1.0 and a.text.upper() != a.text
               and not LIST_ITEM.match(b.text) and not DASH_ITEM.match(b.text)]
    return bool(running) and sum(len(a.text) >= FILLED * full for a in running) >= MOSTLY * len(running)
