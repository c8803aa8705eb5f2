"""Human-readable views of an `Answer` for the terminal."""

from __future__ import annotations

import textwrap

from assistant.records import Answer, Citation


def answer_text(answer: Answer, width: int = 100) -> str:
    lines = []
    if answer.standalone_question != answer.question:
        lines.append(f"(searched: {answer.standalone_question})")
    if answer.intent and answer.intent != "fact":
        lines.append(f"({answer.intent}" + (f", releases dated {answer.period}" if answer.period else "") + ")")
    # summaries and lists come as lines (heading, release headings, bullets): wrap each on its own
    lines.extend(textwrap.fill(line, width, subsequent_indent="  " if line.startswith("- ") else "")
                 for line in answer.answer.splitlines())
    if answer.short_answer:
        lines.append(f"Short answer: {answer.short_answer}")
    if answer.other_readings:
        lines.append("Other readings (ask one to search it):")
        lines.extend(f"  - {reading}" for reading in answer.other_readings)
    if answer.confidence is not None and not answer.abstained and answer.mode == "extractive":
        lines.append(f"(reader confidence: {answer.confidence:.0%})")
    if answer.citations:
        lines.append("")
        lines.append("Sources:")
        lines.extend(_citation(c, width) for c in answer.citations)
    if answer.abstained and answer.related:
        lines.append("")
        lines.append("Related passages (not sources; they do not answer the question):")
        lines.extend(_citation(c, width, related=True) for c in answer.related)
    return "\n".join(lines)


def _citation(c: Citation, width: int, related: bool = False) -> str:
    head = f"[{c.n}] {c.title or c.release_id} ({c.date or 'undated'}) {c.source}"
    flag = "" if c.supported or related else "  [not supported by this passage]"
    shown = c.quote
    if c.answer_start is not None and c.answer_end is not None:  # the short answer in the quote, in **bold**
        a, b = c.answer_start - c.start, c.answer_end - c.start
        shown = f"{shown[:a]}**{shown[a:b]}**{shown[b:]}"
    quote = textwrap.fill(f"\u201c{shown}\u201d", width, initial_indent="    ", subsequent_indent="    ")
    return f"{head}{flag}\n{quote}"
