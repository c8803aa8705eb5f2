"""Messages in another language than English get a reply saying the assistant reads English only; English
messages that name foreign things are read as before."""

import pytest

from assistant.answer import language
from assistant.answer.pipeline import Conversation

OTHER_LANGUAGES = [
    ("Qui a coprésidé la réunion entre l'Union européenne et la Norvège ?", "fr", "French"),
    ("Wo findet das nächste Treffen des Projekts statt?", "de", "German"),
    ("¿Cuándo se celebró el diálogo sobre seguridad y defensa?", "es", "Spanish"),
    ("Hvor skal det neste møtet holdes?", "no", "Norwegian"),
    ("Quali paesi sono stati criticati per il loro sostegno alla Russia?", "it", "Italian"),
    ("谁主持了这次会议？", "zh", "Chinese"),  # another script: one "word", decided by langid alone
    ("Где пройдёт следующая встреча?", "ru", "Russian"),
]

ENGLISH = [
    "Who is Hans Christian Hveem Kjølseth?",
    "What did the Storting decide about the Nansen Support Program?",
    "When did the Bundeswehr join EUFOR Althea?",
    "Where will the next PESCO military mobility meeting be held?",
    "pesco?",
    "tl;dr",
    "Who co-chaired the dialogue for the European External Action Service?",
    # function words that open a name, or two or three words with one function word of another language
    "Is Los Alamos funded",
    "El Paso County funding",
    "Des Moines?",
    "Le Monde article",
    "de minimis exemption",
    "ok ty",
]


@pytest.mark.parametrize("text, code, name", OTHER_LANGUAGES)
def test_a_message_in_another_language_is_named(text, code, name):
    taken = language.written_in(text)
    assert taken is not None and (taken.code, taken.name) == (code, name)


@pytest.mark.parametrize("text", ENGLISH)
def test_an_english_message_naming_foreign_things_is_english(text):
    assert language.written_in(text) is None


def test_the_assistant_replies_that_it_reads_english_only(seed_assistant):
    asked = "Où s'est tenu le dialogue entre l'UE et la Norvège ?"
    answer = seed_assistant.ask(asked)
    assert answer.intent == "language" and answer.abstained and not answer.citations
    assert "English only" in answer.answer and "French" in answer.answer
    # the speller never read it: it "corrected" the French ("tenu" -> "ten")
    assert answer.standalone_question == asked


def test_a_chat_goes_on_from_its_last_answer_after_a_message_in_another_language(seed_assistant):
    chat = Conversation(seed_assistant)
    first = chat.ask("Who co-chaired the dialogue for the European External Action Service?")
    assert "Charles Fries" in first.answer
    assert chat.ask("Wer hat das Treffen geleitet?").intent == "language"
    follow_up = chat.ask("What is his title?")  # "his": the person of the answer before the German message
    assert "Deputy Secretary General" in follow_up.answer


def test_the_check_can_be_turned_off(seed_assistant, monkeypatch):
    monkeypatch.setattr(seed_assistant, "language_check", False)
    answer = seed_assistant.ask("Où s'est tenu le dialogue entre l'UE et la Norvège ?")
    assert answer.intent != "language"


def test_the_measurement_reads_the_dataset_as_the_assistant_does():
    from evals.languages import DATA, classify, evaluation_messages

    rows = [r for r in map(__import__("json").loads, DATA.read_text(encoding="utf-8").splitlines()) if r]
    assert len(rows) == 400 and {r["split"] for r in rows} == {"dev", "test"}
    sample = [r for r in rows if r["kind"] == "question"][:3] + [r for r in rows if r["english"]][:3]
    outcomes = classify(sample)
    assert len(outcomes.replied) + len(outcomes.smalltalk) + len(outcomes.read) == len(sample)
    assert all(not r["english"] for r in outcomes.replied)  # the first questions are French ones
    assert len(evaluation_messages()) > 3000
