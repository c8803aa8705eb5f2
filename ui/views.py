"""HTML views of answers and releases for the web page. Every piece of release text is escaped:
nothing a release contains can run in the browser."""

from __future__ import annotations

import html as _html
import re
from dataclasses import replace

from assistant.answer.conversation import NOT_ABOUT_RELEASES
from assistant.records import Answer, Citation

from .release_view import CitationRef, highlighted, link


def _esc(text: str) -> str:
    return _html.escape(text, quote=False)


INTENT_LABELS = {"fact": "one fact", "summary": "summary", "list": "list across releases",
                 "search": "finding releases", "latest": "latest news", "metadata": "about the release", "chat": "small talk",
                 "language": "another language"}


def answer_markdown(answer: Answer) -> str:
    """The answer as the chat shows it: each [n] a link that opens the quote in its release; above it
    what was searched and how the question was taken (and within which filter)."""
    text = linked_markers(_esc(answer.answer), answer.citations)
    if answer.abstained and answer.intent not in NOT_ABOUT_RELEASES:  # a refusal stands out; a reply is none
        text = f"**{text}**"
    if answer.intent:
        label = f"Taken as: {INTENT_LABELS.get(answer.intent, answer.intent)}"
        if answer.period:
            label += f" · releases dated {answer.period}"
        text = f"<span class='intent'>{_esc(label)}</span>\n\n{text}"
    if answer.scope and not answer.abstained:  # a refusal names its filter in its own words
        text = f"<span class='scope'>Searched only: {_esc(answer.scope)}</span>\n\n{text}"
    if answer.standalone_question != answer.question:
        text = f"_Searched: {_esc(answer.standalone_question)}_\n\n{text}"
    if any(not c.supported for c in answer.citations):
        text += "\n\n⚠ Some sentences are not supported by their cited passage (flagged in the sources)."
    return text


_MARKER = re.compile(r"\[(\d+)\]")


def linked_markers(text: str, citations: tuple[Citation, ...]) -> str:
    """`[n]` markers of the answer's citations as links to the quote in its release."""
    by_n = {c.n: c for c in citations}

    def linked(match: re.Match) -> str:
        c = by_n.get(int(match[1]))
        if c is None:
            return match[0]
        return link(CitationRef.of(c), match[0], f"Open the quote in {c.title or c.release_id}")
    return _MARKER.sub(linked, text)


def streamed_markdown(text: str) -> str:
    """An answer still being written: escaped like the final one, since it may quote a release."""
    return _esc(text)


def error_markdown(exc: Exception) -> str:
    """A refused question or a failed step as one line in the chat (no traceback)."""
    line = " ".join(str(exc).split()) or type(exc).__name__
    return f"<span class='chat-error'>⚠ {_esc(line)}</span>"


def sources_html(answer: Answer | None) -> str:
    if answer is None:
        return "<div class='sources empty'>Sources of the answer appear here.</div>"
    if answer.abstained:
        items = "".join(_passage(c, related=True) for c in answer.related)
        scope = f" Only part of the corpus was searched: {_esc(answer.scope)}." if answer.scope else ""
        note = ("<p class='refusal'>The releases do not answer this question." + scope + " The passages below "
                "are the closest ones, shown for reference: they are <b>not sources</b> of an answer.</p>")
        return f"<div class='sources related'><h3>Related passages</h3>{note}{items}</div>"
    items = "".join(_passage(c) for c in answer.citations)
    confidence = ""
    if answer.confidence is not None and answer.mode == "extractive":
        confidence = (f"<p class='confidence'>Reader confidence: {answer.confidence:.0%} that the first quoted "
                      "sentence answers the question.</p>")
    return f"<div class='sources'><h3>Sources</h3>{confidence}{items}</div>"


def _passage(c: Citation, related: bool = False) -> str:
    """One passage, its text with its line breaks (CSS `pre-line`): a source with its quote marked, a
    related passage plain (it is no source). Both open their release."""
    ref = CitationRef.of(c, related=related)
    at = c.text.find(c.quote)
    if at >= 0 and not related:  # the release offsets made the passage's own: it starts where the quote's offset says
        shift = c.start - at
        inside = replace(ref, start=at, end=at + len(c.quote),
                         answer_start=None if c.answer_start is None else c.answer_start - shift,
                         answer_end=None if c.answer_end is None else c.answer_end - shift)
        body = highlighted(c.text, inside, anchor=None)
    else:
        body = _esc(c.text)
    flag = "" if c.supported or related else "<span class='unsupported'>not supported by this passage</span>"
    label = "" if related else link(ref, f"[{c.n}]", "Open the quote in its release") + " "
    opener = link(ref, "open in release ›", "Open this passage in its release")
    return (f"<div class='passage' data-release='{_html.escape(c.release_id)}'>"
            f"<div class='head'>{label}<b>{_esc(c.title or c.release_id)}</b> · "
            f"{_esc(c.date or 'undated')} · <code>{_esc(c.source)}</code> {flag} {opener}</div>"
            f"<div class='text'>{body}</div></div>")


CSS = """
.sources .passage { border: 1px solid #ddd; border-radius: 8px; padding: 8px 10px; margin: 8px 0; }
.sources .text { white-space: pre-line; }
.sources .head { font-size: 0.9em; margin-bottom: 4px; }
.sources mark.quote { background: #ffe58a; padding: 0 2px; }
.sources mark.short-answer { background: #f5a623; font-weight: bold; padding: 0 1px; }
.sources.related { background: #f6f6f6; border-radius: 8px; padding: 4px 8px; }
.sources.related .passage { border-style: dashed; color: #444; }
.sources .refusal { color: #8a4b00; }
.sources .confidence { color: #555; font-size: 0.9em; }
.sources .unsupported { color: #b00020; font-weight: bold; }
.chat-error { color: #8a1c1c; }
/* the chat's toolbar (clear) gets its own strip instead of floating over the top message */
#chatbot .wrapper { display: flex; flex-direction: column; }
#chatbot .wrapper > .top-panel { position: static; align-self: flex-end; flex: 0 0 auto; }
#chatbot .wrapper > .bubble-wrap { flex: 1 1 auto; min-height: 0; }
.scope { font-size: 0.8em; color: #8a4b00; background: #fff3e0; border-radius: 6px; padding: 1px 6px; }
.intent { font-size: 0.8em; color: #555; background: #eef3fb; border-radius: 6px; padding: 1px 6px; }
"""
