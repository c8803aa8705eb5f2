"""A message asking two things at once: where it splits into questions, and the answer to both on the
seed release with the real reader."""

import pytest

from assistant.answer.compound import question_parts
from assistant.answer import pipeline
from assistant.answer.pipeline import Conversation

from .test_answers import SEED_TEXT

SPLITS = [
    ("Who co-chaired the talks and when did they take place?",
     ["Who co-chaired the talks?", "When did they take place?"]),
    ("how much did the county get, and what is the money for",
     ["How much did the county get?", "What is the money for?"]),
    ("When and where is the next PESCO meeting?", ["When is the next PESCO meeting?", "Where is the next PESCO meeting?"]),
    ("What did Norway pay into plus how was it used?", ["What did Norway pay into?", "How was it used?"]),
    ("Which agency awards the grant and also who applied?", ["Which agency awards the grant?", "Who applied?"]),
    ("How much money and from which agency did the county receive?",
     ["How much money did the county receive?", "From which agency did the county receive?"]),
    ("What was the tally; how big is the new building?", ["What was the tally?", "How big is the new building?"]),
    ("How many jobs will it keep? also how many people work at the plant",
     ["How many jobs will it keep?", "How many people work at the plant?"]),
    ("Who chaired it; where was it held; when did it start?", ["Who chaired it?", "Where was it held?", "When did it start?"]),
    ("Under the bill, what would the regulator be told to do - and what wouldn't it be allowed to do?",
     ["Under the bill, what would the regulator be told to do?", "What wouldn't it be allowed to do?"]),
]

ONE_QUESTION = [
    "What did the EU and Norway agree on?",  # "and" between names
    "Who represented Norway and the EU at the talks?",
    # a question word after "and" that is not a question of its own: the first part asks nothing
    "Secular Arab nationalism was blamed for both the defeat of Arab troops as well as what type of stagnation?",
    "The connection between energy and what allows for a unified electromagnetic force?",
    "When and where",  # nothing after the question words
    "Where and",
    # what follows "and" is no clause: it asks its question of the first one's verb ("By which president?"
    # read alone quoted a college's president)
    "When was Judge Odell Horton appointed, and by which president?",
    "What did Norway give and why?",
    # a comma alone does not join questions: a clause before it, a relative clause after it
    "When the agency decided, what happened?",
    "Which city is home to the Allen Institute, which Senator Stevens congratulated?",
    # what follows "and" goes on with a clause inside the first part: a relative clause, a clause in a
    # phrase, an object
    "What did the senator who sponsored the bill and who chairs the committee say?",
    "Which company, which was founded in 1990 and which employs 500 people, got the grant?",
    "What is the difference between what the House passed and what the Senate passed?",
    "What does the bill say about who qualifies and how much they get?",
    'Who said "We will not rest until the job is done, and what we do matters"?',  # inside a quotation
    "who is it; " * 40,  # a pasted list of questions, over MAX_PARTS
]


@pytest.mark.parametrize("message, parts", SPLITS)
def test_a_message_asking_two_things_splits_into_its_questions(message, parts):
    assert question_parts(message) == parts


@pytest.mark.parametrize("message", ONE_QUESTION)
def test_a_message_asking_one_thing_stays_whole(message):
    assert question_parts(message) == [message]


def _quoted(answer, text: str) -> bool:
    start = SEED_TEXT.index(text)
    return any(c.start <= start < c.end for c in answer.citations)


def test_both_questions_are_answered_from_different_sentences(seed_assistant):
    # each answer is in its own sentence, far apart: read as one question, the reader quoted only the first
    answer = seed_assistant.ask("Who co-chaired the dialogue and where was it held?")
    assert not answer.abstained
    assert "Charles Fries" in answer.answer and "Brussels" in answer.answer
    assert _quoted(answer, "The meeting was co-chaired by Charles Fries")
    assert _quoted(answer, "held their fourth Dialogue on Security and Defence in Brussels")
    assert answer.short_answer is None  # the reader's span is for one question


def test_a_second_question_the_release_does_not_answer_is_named(seed_assistant):
    answer = seed_assistant.ask("Where was the dialogue held, and how many euros did Norway give to Ukraine in 2023?")
    assert not answer.abstained
    assert _quoted(answer, "held their fourth Dialogue on Security and Defence in Brussels")
    assert "don't answer “How many euros did Norway give to Ukraine in 2023?”" in answer.answer


def test_a_follow_up_joined_to_the_last_question_is_not_split(seed_assistant, monkeypatch):
    # "where was it?" names nothing: it is read joined to the last question ("Who co-chaired the dialogue?
    # Where was it?"), which must not be split into the last question again and the follow-up
    def follow_up():
        chat = Conversation(seed_assistant)
        chat.ask("Who co-chaired the dialogue for the European External Action Service?")
        return chat.ask("where was it?")

    answer = follow_up()
    monkeypatch.setattr(pipeline, "question_parts", lambda question: [question])
    unsplit = follow_up()
    assert answer.standalone_question == unsplit.standalone_question
    assert [(c.release_id, c.start) for c in answer.citations] == [(c.release_id, c.start) for c in unsplit.citations]
    assert answer.confidence == unsplit.confidence


def test_each_question_of_a_compound_follow_up_stands_alone(seed_assistant):
    chat = Conversation(seed_assistant)
    chat.ask("When did the EU and Norway hold their fourth Dialogue on Security and Defence?")
    answer = chat.ask("who co-chaired it and where was it held?")  # "it": the dialogue, in both questions
    assert _quoted(answer, "The meeting was co-chaired by Charles Fries")
    assert _quoted(answer, "held their fourth Dialogue on Security and Defence in Brussels")
