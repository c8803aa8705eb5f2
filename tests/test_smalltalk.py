"""Messages that ask nothing of the releases get a reply saying what the assistant does, and quote nothing."""

from assistant.answer.conversation import Conversation
from assistant.answer.followup import Turn
from assistant.answer.smalltalk import SmalltalkModel, reply_text
from assistant.records import ReleaseInfo


def test_the_held_out_messages_and_the_evaluation_questions_are_told_apart():
    """On the messages of a writer who saw neither the training examples nor the model (writer b), most
    small talk is caught and nearly no request taken for it; of the evaluation sets' 2,764 questions,
    each a request, at most one in two hundred is (measured 2026-12-05: 0.887, 0.013 and 0.0029)."""
    from evals.smalltalk import measure

    result = measure()
    assert result.caught["b"] >= 0.85 and result.requests_taken["b"] <= 0.03, result
    assert result.caught["a"] >= 0.85 and result.requests_taken["a"] <= 0.03, result
    assert result.evaluation_share <= 0.005, result.evaluation_taken


def test_the_reply_names_the_corpus():
    one = ReleaseInfo("r1", "Harbour grant", "2025-03-04", None, None, "corpus/r1.md", "h1", 1)
    other = ReleaseInfo("r2", "Bridge repairs", "2025-03-18", None, None, "corpus/r2.md", "h2", 1)
    assert "the press release “Harbour grant”" in reply_text([one])
    many = reply_text([other, one])
    assert "the 2 press releases in the corpus, dated 2025-03-04 to 2025-03-18" in many and "“Bridge repairs”" in many
    assert "add some with `assistant add FILE`" in reply_text([])


def test_a_greeting_quotes_nothing_and_a_question_after_it_is_answered(seed_assistant):
    model = SmalltalkModel.load()
    assert model is not None and seed_assistant.smalltalk is not None
    title = seed_assistant.search.store.releases()[0].title
    hello = seed_assistant.ask("hi")
    assert hello.intent == "chat" and hello.abstained and not hello.citations and not hello.related
    assert title in hello.answer
    question = "Where will the next PESCO military mobility meeting be held?"
    answer = seed_assistant.ask(question, history=[Turn("hi", "hi", hello.answer, True)])
    assert answer.intent == "fact" and not answer.abstained
    assert "Oslo" in answer.citations[0].quote


def test_small_talk_between_an_answer_and_its_follow_up_is_skipped(seed_assistant):
    """"thanks!" after an answer is no turn a follow-up can refer to: "Where was it held?" still asks
    where the talks of the answer before were held."""
    chat = Conversation(seed_assistant)
    first = chat.ask("When did the EU and Norway hold their fourth security and defence dialogue?")
    assert not first.abstained
    thanks = chat.ask("thanks!")
    assert thanks.intent == "chat"
    assert [t.question for t in chat.turns] == [first.question]
    where = chat.ask("Where was it held?")
    assert where.standalone_question != "Where was it held?" and "Norway" in where.standalone_question
    assert not where.abstained and "Brussels" in where.citations[0].quote
