"""Answering on the seed release with the real model and index: right answers with the right quote,
refusals, follow-ups, filters, bad questions."""

import re

import pytest

from assistant.answer.pipeline import Conversation
from assistant.errors import QuestionError
from assistant.ingest.sentences import split_sentences

from .conftest import SEED

SEED_TEXT = SEED.read_text(encoding="utf-8")  # the release file itself, not anything the index returns
SOURCE = f"corpus/{SEED.name}"
SENTENCE_STARTS = {s.start for s in split_sentences(SEED_TEXT)}
SENTENCE_ENDS = {s.end for s in split_sentences(SEED_TEXT)}

ANSWERS = [
    ("Where will the next PESCO military mobility meeting be held?", ["Oslo", "31 March to 2 April 2025"],
     "the EU welcomes Norway hosting the next meeting of the project on 31 March to 2 April 2025 in Oslo."),
    ("When did the EU and Norway hold their fourth Dialogue on Security and Defence?", ["5 December 2024"],
     "On Thursday 5 December 2024, the European Union and Norway held their fourth Dialogue"),
    ("Who co-chaired the dialogue for the European External Action Service?", ["Charles Fries"],
     "The meeting was co-chaired by Charles Fries"),
    ("When will the expert-level consultations on cyber and hybrid threats be held?", ["early 2025"],
     "it was decided to hold in early 2025 expert-level consultations"),
    ("Which countries' support to Russia did the parties deplore?", ["China", "North Korea", "Iran"],
     "The parties deplored the support of China, North Korea and Iran to Russia"),
    ("Which Norwegian city will welcome the military mobility project participants next spring?", ["Oslo"],
     "next meeting of the project on 31 March to 2 April 2025 in Oslo"),
    ("What domain do Norway and the EU recognise as strategic?", ["space"],
     "Both Norway and the EU recognise space as a strategic domain."),
]

# Nothing in the corpus is about these. Questions about an amount or a head count the release does
# not give ("How many euros did Norway give to the European Peace Facility?") are in the seed test
# split; the reader refuses too few of them (evals/reports, refusal_recall), so they are measured
# there rather than asserted one by one here.
OUT_OF_CORPUS = ["What is the population of Iceland?", "Who is the Prime Minister of Norway?",
                 "Who won the 2022 World Cup?"]


def assert_cites_release_sentences(c, release_text: str = SEED_TEXT, source: str = SOURCE):
    """A citation names the release file, its offsets slice the quote out of that file's text, the
    quote is whole sentences (it starts and ends on sentence boundaries), and the passage shown is
    the release text around the quote. None of this holds by construction: offsets and passage come
    from the index, the text compared against comes from the corpus file."""
    assert c.source == source, c.source
    assert release_text[c.start : c.end] == c.quote, (c.start, c.end, c.quote)
    assert c.start in SENTENCE_STARTS and c.end in SENTENCE_ENDS, f"not whole sentences: {c.quote!r}"
    at = [m.start() for m in re.finditer(re.escape(c.text), release_text)]
    assert any(a <= c.start and c.end <= a + len(c.text) for a in at), "the passage is not the text around the quote"


def assert_quotes_exact(answer):
    assert answer.citations
    for c in answer.citations:
        assert_cites_release_sentences(c)
        assert f"[{c.n}]" in answer.answer
    body = answer.answer
    if answer.other_readings:  # an ambiguous follow-up: the first line names the reading searched
        note, body = body.split("\n", 1)
        assert note.startswith("Read ") and "could also mean" in note, note
    if answer.short_answer and body.startswith(f"{answer.short_answer} \u2014 "):  # a narrower follow-up
        body = body[len(answer.short_answer) + 3 :]
    for c in answer.citations:
        if c.answer_start is not None:  # the short answer lies inside the quote, at its offsets in the file
            assert c.start <= c.answer_start < c.answer_end <= c.end
            assert SEED_TEXT[c.answer_start : c.answer_end] == answer.short_answer
        body = body.replace(f"{c.quote} [{c.n}]", "")
    lines = [line.strip() for line in body.strip().splitlines() if line.strip()]
    if answer.intent not in (None, "fact") and lines:
        # a summary or list frames its quotes: one heading line, release headings, bullets; nothing else
        assert lines[0].endswith(":"), lines[0]
        lines = [line for line in lines[1:] if not re.fullmatch(r"(-\s*)?(\*\*[^*]+\*\* \([^)]*\):?)?", line)]
    assert not lines, "every sentence of an extractive answer is a cited verbatim quote"


@pytest.mark.parametrize("question, facts, quote_part", ANSWERS)
def test_right_answer_with_the_right_quote(seed_assistant, question, facts, quote_part):
    answer = seed_assistant.ask(question)
    assert not answer.abstained
    for fact in facts:
        assert fact in answer.answer
    # the sentence holding the expected fact is the one quoted
    assert any(quote_part in c.quote for c in answer.citations)
    assert_quotes_exact(answer)
    assert answer.mode == "extractive"
    # the reader's own time is reported for one-fact answers ("Which countries ...?" may be taken as a list)
    assert set(answer.timings_ms) == {"intent", "retrieve", "answer", "total"} | ({"read"} if answer.intent == "fact" else set())


@pytest.mark.parametrize("question", OUT_OF_CORPUS)
def test_refuses_when_the_release_does_not_say(seed_assistant, question):
    answer = seed_assistant.ask(question)
    assert answer.abstained, answer.answer
    assert answer.citations == ()
    assert answer.answer == "The releases in the corpus don't say."
    assert answer.related
    for r in answer.related:  # the nearest passages, offered to read, never marked as sources
        assert not r.supported
        assert SEED_TEXT[r.start : r.end] == r.quote and r.start in SENTENCE_STARTS


def test_answer_is_deterministic(seed_assistant):
    question = ANSWERS[0][0]
    first = seed_assistant.ask(question).to_json()
    second = seed_assistant.ask(question).to_json()
    first.pop("timings_ms"), second.pop("timings_ms")
    assert first == second


def test_follow_ups_are_rewritten(seed_assistant):
    chat = Conversation(seed_assistant)
    chat.ask("Who co-chaired the dialogue for the European External Action Service?")
    title = chat.ask("What is his title?")
    assert title.standalone_question == "What is Charles Fries's title?"
    assert "Deputy Secretary General" in title.answer
    # three people co-chaired: the others are offered as readings, and the answer says which was searched
    assert title.other_readings == ("What is Eivind Vad Petersson's title?",
                                    "What is Hans Christian Hveem Kjølseth's title?")
    assert_quotes_exact(title)

    chat = Conversation(seed_assistant)
    chat.ask("Which naval operation is Norway interested in contributing to?")
    where = chat.ask("Where does it operate?")
    assert "Operation ASPIDES" in where.standalone_question
    assert "Red Sea" in where.answer


def test_a_typo_is_corrected_before_the_question_is_read(seed_assistant):
    """Dev item seedtasks-214 was refused: "whcih" left the reader 0.07 sure of the sentence that answers,
    "which" 0.91. The question is read corrected and shown as asked; the answer quotes the release."""
    asked = "whcih asian partners did the EU tell norway it recently signed security and defence partnerships with?"
    answer = seed_assistant.ask(asked)
    assert answer.question == asked and answer.standalone_question.startswith("which asian partners")
    assert not answer.abstained and any("Japan" in c.quote for c in answer.citations), answer.answer
    assert_quotes_exact(answer)


def test_date_filters_use_release_dates(seed_assistant):
    question = ANSWERS[0][0]
    assert not seed_assistant.ask(question, until="2024-12-31").abstained
    assert seed_assistant.ask(question, since="2025-01-01").abstained
    assert not seed_assistant.ask(question, since="2024-12-05", until="2024-12-05").abstained


@pytest.mark.parametrize(
    "kwargs, message",
    [
        ({"question": ""}, "question: empty"),
        ({"question": "   \n\t "}, "question: empty"),
        ({"question": "x" * 20_000}, "question: 20,000 characters, over the 2,000-character limit"),
        ({"question": "When?", "since": "yesterday"}, "since: 'yesterday' is not a date"),
        ({"question": "When?", "k": 0}, "k: 0 is outside 1..50"),
        ({"question": "When?", "mode": "poetry"}, "mode: 'poetry' is not one of"),
        ({"question": "When?", "since": "2025-01-02", "until": "2025-01-01"}, "since 2025-01-02 is after until"),
    ],
)
def test_bad_questions_get_clear_errors(seed_assistant, kwargs, message):
    with pytest.raises(QuestionError, match=message.replace("(", r"\(").replace(".", r"\.")):
        seed_assistant.ask(**kwargs)


@pytest.mark.parametrize("question", ["Где пройдёт следующая встреча PESCO?", "<script>alert(1)</script>",
                                      "كم يورو؟", "🙂🙂🙂", "SELECT * FROM chunks; --"])
def test_odd_questions_answer_or_abstain_cleanly(seed_assistant, question):
    answer = seed_assistant.ask(question)
    if answer.abstained:  # a refusal, or a reply to small talk ("🙂🙂🙂") or to another language: nothing quoted
        assert answer.citations == ()
        assert answer.answer.startswith("The releases in the corpus don't say") or \
            (answer.intent in ("chat", "language") and answer.related == ())
        assert all(not r.supported for r in answer.related)
    else:
        assert_quotes_exact(answer)  # whatever was asked, only verbatim, whole release sentences come back
    assert "<script>" not in answer.answer  # the question is never echoed into the answer
