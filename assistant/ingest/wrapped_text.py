"""Plain text and Markdown wrapped at a fixed width (a release pasted from an e-mail, or saved by a
tool that breaks lines at 72 or 80 characters): lines wrapped inside a paragraph are joined again.

The sentence splitter ends a sentence at every line break, so "The EU and Norway agreed to step up" /
"support for Ukraine." became two sentences, and an answer quoted half of one. The joining rules are
the PDF reader's (`pdf_text.join_runs`: a line that stopped short, a list item, a headline in
capitals or a blank line ends a block; hyphens the wrapper inserted are dropped). A document is read
as wrapped only when its full lines are at most `WRAP_WIDTH` characters; one whose paragraphs run on
one line each (the Senate releases, the seed release) is returned unchanged, so its sentences, and
every offset into it, stay as they were."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.ingest.pdf_text import DASH_ITEM, LIST_ITEM, PdfLine, join_runs

# a line that stands alone whatever its width: a Markdown table row, heading, quote or code fence
STANDALONE = re.compile(r"^\s*(?:\||#{1,6}\s|>|```)")
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
    blocks = _blocks(text)
    prose = [line for block in blocks if isinstance(block, list) for line in block]
    if not wrapped(blocks, prose):
        return text
    joined = iter(join_runs([block for block in blocks if isinstance(block, list)]))
    out: list[str] = []
    for i, block in enumerate(blocks):
        if i:  # two stand-alone lines of one table or quote stay on consecutive lines
            out.append("\n" if isinstance(block, _Standalone) and isinstance(blocks[i - 1], _Standalone)
                       and block.adjacent else "\n\n")
        out.append(block.text if isinstance(block, _Standalone) else next(joined))
    return "".join(out)


@dataclass(frozen=True)
class _Standalone:
    text: str  # its words one space apart: a table row's padding would read as sentence gaps
    adjacent: bool  # right after the block before it, with no blank line between


def _blocks(text: str) -> list[list[PdfLine] | _Standalone]:
    """The text's runs of prose lines (no blank or stand-alone line between), and its stand-alone lines,
    in order. Prose lines are numbered down the whole document (`y`), one step each, so that the joiner
    reads one line pitch throughout and decides where a block ends by the lines themselves."""
    blocks: list[list[PdfLine] | _Standalone] = []
    y, after_blank = 0.0, True
    for raw in text.split("\n"):
        if not raw.strip():
            after_blank = True
            continue
        if STANDALONE.match(raw):
            blocks.append(_Standalone(" ".join(raw.split()), not after_blank))
        else:
            y -= 1.0
            line = PdfLine(" ".join(raw.split()), y, None, 0)
            if after_blank or not blocks or isinstance(blocks[-1], _Standalone):
                blocks.append([line])
            else:
                blocks[-1].append(line)
        after_blank = False
    return blocks


def wrapped(blocks: list[list[PdfLine] | _Standalone], prose: list[PdfLine]) -> bool:
    """The prose lines were broken at a fixed width: full lines (the 90th percentile) from `MIN_WIDTH` to
    `WRAP_WIDTH` characters and hardly any wider, and most lines that run on into another (`MOSTLY`)
    reach nearly that width (a wrapper fills each line; a list, a table or code stops its lines
    wherever they end)."""
    if len(prose) < MIN_LINES:
        return False
    widths = sorted(len(line.text) for line in prose)
    full = widths[round(0.9 * (len(widths) - 1))]
    # a wrapper leaves no line wider than its width (but an unbreakable address, one line in 50)
    if not MIN_WIDTH <= full <= WRAP_WIDTH or sum(w > WRAP_WIDTH for w in widths) > len(widths) / 50:
        return False
    # a line with another of its run after it, neither a headline in capitals nor followed by a list
    # item, both of which end a line wherever they end
    running = [a for run in blocks if isinstance(run, list) for a, b in zip(run, run[1:])
               if a.text.upper() != a.text and not LIST_ITEM.match(b.text) and not DASH_ITEM.match(b.text)]
    return bool(running) and sum(len(a.text) >= FILLED * full for a in running) >= MOSTLY * len(running)
