"""The release a citation comes from, shown whole beside the chat: scrolled to the quote, the quote
highlighted and the short answer inside it highlighted more strongly.

A citation is opened through a link (`#cite:…`) that carries the release id and the offsets, so the
markers of a past chat restored from the browser still open their quote. Everything from the release
is escaped: nothing it contains can run in the page."""

from __future__ import annotations

import html
import logging
import re
from dataclasses import dataclass
from urllib.parse import quote, unquote

import gradio as gr

from assistant.errors import AssistantError
from assistant.ingest.library import Library
from assistant.records import Citation

log = logging.getLogger(__name__)

PREFIX = "#cite:"
_REF = re.compile(r"#cite:(?P<kind>[qr]):(?P<release>[^:]+):(?P<start>\d+)-(?P<end>\d+)(?::(?P<a0>\d+)-(?P<a1>\d+))?$")


@dataclass(frozen=True)
class CitationRef:
    """Where a cited (or, on a refusal, related) passage sits in its release."""

    release_id: str
    start: int  # the quote's offsets in the release text
    end: int
    answer_start: int | None = None  # the short answer's offsets, inside the quote
    answer_end: int | None = None
    related: bool = False  # a related passage: shown without the quote highlight

    @classmethod
    def of(cls, citation: Citation, related: bool = False) -> CitationRef:
        return cls(citation.release_id, citation.start, citation.end, citation.answer_start, citation.answer_end,
                   related)

    def href(self) -> str:
        kind = "r" if self.related else "q"
        short = "" if self.answer_start is None or self.answer_end is None else \
            f":{self.answer_start}-{self.answer_end}"
        return f"{PREFIX}{kind}:{quote(self.release_id, safe='')}:{self.start}-{self.end}{short}"

    @classmethod
    def parse(cls, href: str) -> CitationRef | None:
        """The reference a link carries; None for anything else (a link is page input, never trusted)."""
        match = _REF.search(href or "")
        if not match:
            return None
        a0, a1 = match["a0"], match["a1"]
        return cls(unquote(match["release"]), int(match["start"]), int(match["end"]),
                   int(a0) if a0 else None, int(a1) if a1 else None, match["kind"] == "r")


def link(ref: CitationRef, label: str, title: str) -> str:
    """An anchor the page's click handler (RELEASE_VIEW_JS) turns into opening the release."""
    return (f"<a class='cite' href='{html.escape(ref.href())}' title='{html.escape(title)}'>"
            f"{html.escape(label, quote=False)}</a>")


def highlighted(text: str, ref: CitationRef, anchor: str | None = "opened-quote") -> str:
    """The text escaped, the quote marked (a related passage only outlined) and the short answer marked
    inside the quote; `anchor` ids the quote for scrolling. Offsets outside the text mark nothing."""
    start, end = ref.start, ref.end
    if not 0 <= start < end <= len(text):
        return _esc(text)
    a0, a1 = ref.answer_start, ref.answer_end
    if a0 is None or a1 is None or not start <= a0 < a1 <= end or ref.related:
        inner = _esc(text[start:end])
    else:
        inner = (_esc(text[start:a0]) + f"<mark class='short-answer'>{_esc(text[a0:a1])}</mark>"
                 + _esc(text[a1:end]))
    ident = f" id='{anchor}'" if anchor else ""
    tag, close = (f"<span class='related-span'{ident}>", "</span>") if ref.related else \
        (f"<mark class='quote'{ident}>", "</mark>")
    return _esc(text[:start]) + tag + inner + close + _esc(text[end:])


def _esc(text: str) -> str:
    return html.escape(text, quote=False)


EMPTY = ("<div class='release-view empty'>Click a marker such as <b>[1]</b> in an answer, or a passage in the "
         "sources, to read it in its release.</div>")


class ReleaseViewer:
    """Renders the opened release for the side panel."""

    def __init__(self, library: Library):
        self.library = library

    def open(self, ref: CitationRef | None) -> str:
        if ref is None:
            return EMPTY
        try:
            shown = self.library.show(ref.release_id)
        except AssistantError as exc:
            return f"<div class='release-view missing'>⚠ {_esc(str(exc))}</div>"
        info = shown.info
        if shown.text is None:
            body = "(the file is missing from the corpus folder)"
        else:
            body = highlighted(shown.text, ref)
        head = (f"<h3>In the release</h3><div class='head'><b>{_esc(info.title or info.id)}</b> · "
                f"{_esc(info.date or 'undated')} · {'issued by ' + _esc(info.issuer) + ' · ' if info.issuer else ''}"
                f"<code>{_esc(info.source)}</code></div>")
        return (f"<div class='release-view' data-release='{html.escape(info.id)}'>{head}"
                f"<div class='body'>{body}</div></div>")

    def clicked(self, event: gr.EventData) -> str:
        """The page's click on a citation link (its href arrives as the event's `ref`)."""
        ref = CitationRef.parse(str((event._data or {}).get("ref", "")))
        log.debug("opening %s", ref)
        return self.open(ref) if ref else gr.skip()


# Installed once with the release panel: a click on any citation link in the page (chat or sources)
# opens it here; after each render the panel scrolls to the quote.
RELEASE_VIEW_JS = """
if (!element.__citeClicks) {
  element.__citeClicks = true;
  document.addEventListener('click', (e) => {
    const a = e.target.closest && e.target.closest("a[href^='#cite:']");
    if (!a) return;
    e.preventDefault(); e.stopPropagation();
    trigger('click', {ref: a.getAttribute('href')});
  }, true);
}
const toQuote = () => {
  const body = element.querySelector('.release-view .body');
  const quote = element.querySelector('#opened-quote');
  if (body && quote) body.scrollTop = Math.max(0, quote.offsetTop - body.offsetTop - body.clientHeight / 3);
};
watch('value', toQuote);
toQuote();
"""

CSS = """
#release-view .release-view .head { font-size: 0.9em; margin-bottom: 6px; }
#release-view .release-view .body { white-space: pre-line; max-height: 520px; overflow-y: auto;
  border: 1px solid #ddd; border-radius: 8px; padding: 8px 10px; position: relative; line-height: 1.5; }
#release-view mark.quote { background: #ffe58a; padding: 0 2px; }
#release-view mark.short-answer { background: #f5a623; font-weight: bold; padding: 0 1px; }
#release-view .related-span { outline: 1px dashed #888; }
#release-view .empty { color: #666; font-size: 0.9em; }
a.cite { color: #1f5fbf; font-weight: bold; text-decoration: none; cursor: pointer; }
a.cite:hover { text-decoration: underline; }
"""
