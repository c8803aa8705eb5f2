"""HTML views of answers and releases for the web page. Every piece of release text is escaped:
nothing a release contains can run in the browser."""

from __future__ import annotations

import html as _html

from assistant.records import Answer, Citation


def _esc(text: str) -> str:
    return _html.escape(text, quote=False)


INTENT_LABELS = {"fact": "one fact", "summary": "summary", "list": "list across releases",
                 "search": "finding releases", "latest": "latest news"}


def answer_markdown(answer: Answer) -> str:
    text = _esc(answer.answer)
    if answer.abstained:
        text = f"**{text}**"
    if answer.intent:
        label = f"Taken as: {INTENT_LABELS.get(answer.intent, answer.intent)}"
        if answer.period:
            label += f" · releases dated {answer.period}"
        text = f"<span class='intent'>{_esc(label)}</span>\n\n{text}"
    if answer.standalone_question != answer.question:
        text = f"_Searched: {_esc(answer.standalone_question)}_\n\n{text}"
    if any(not c.supported for c in answer.citations):
        text += "\n\n⚠ Some sentences are not supported by their cited passage (flagged in the sources)."
    return text


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
        note = ("<p class='refusal'>The releases do not answer this question. The passages below are the "
                "closest ones, shown for reference: they are <b>not sources</b> of an answer.</p>")
        return f"<div class='sources related'><h3>Related passages</h3>{note}{items}</div>"
    items = "".join(_passage(c) for c in answer.citations)
    confidence = ""
    if answer.confidence is not None and answer.mode == "extractive":
        confidence = (f"<p class='confidence'>Reader confidence: {answer.confidence:.0%} that the first quoted "
                      "sentence answers the question.</p>")
    return f"<div class='sources'><h3>Sources</h3>{confidence}{items}</div>"


def _passage(c: Citation, related: bool = False) -> str:
    at = c.text.find(c.quote)
    if at >= 0:
        body = (_esc(c.text[:at]) + f"<mark class='quote'>{_esc(c.quote)}</mark>"
                + _esc(c.text[at + len(c.quote):]))
    else:
        body = _esc(c.text)
    flag = "" if c.supported or related else "<span class='unsupported'>not supported by this passage</span>"
    label = "" if related else f"<span class='marker'>[{c.n}]</span> "
    return (f"<div class='passage' data-release='{_html.escape(c.release_id)}'>"
            f"<div class='head'>{label}<b>{_esc(c.title or c.release_id)}</b> · "
            f"{_esc(c.date or 'undated')} · <code>{_esc(c.source)}</code> {flag}</div>"
            f"<div class='text'>{body}</div></div>")


CSS = """
.sources .passage { border: 1px solid #ddd; border-radius: 8px; padding: 8px 10px; margin: 8px 0; }
.sources .head { font-size: 0.9em; margin-bottom: 4px; }
.sources mark.quote { background: #ffe58a; padding: 0 2px; }
.sources.related .passage { border-style: dashed; opacity: 0.85; }
.sources .refusal { color: #8a4b00; }
.sources .confidence { color: #555; font-size: 0.9em; }
.sources .unsupported { color: #b00020; font-weight: bold; }
.sources .marker { font-weight: bold; color: #1f5fbf; }
.chat-error { color: #8a1c1c; }
.intent { font-size: 0.8em; color: #555; background: #eef3fb; border-radius: 6px; padding: 1px 6px; }
"""
