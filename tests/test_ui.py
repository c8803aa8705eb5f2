"""The chat handlers as plain methods: the ChatInterface function streams and renders; the conversation a
question continues is the one its page shows (undo, retry, New chat, a restored chat, errors); markers
and passages open the release at the quote; the release filter, refusals under it, other readings,
feedback; the examples come from no test split. (The app served for real: test_ui_served.py.)"""

import json
import logging
import re

import gradio as gr
import pytest

from assistant.factory import build_assistant
from assistant.feedback import FeedbackLog
from assistant.records import Answer, Citation
from assistant.settings import Settings
from ui.app import library_for
from ui.chat import EXAMPLES, SEARCH_ALL, SEARCHING, ChatHandlers
from ui.picker import ReleasePicker
from ui.release_view import EMPTY, CitationRef, ReleaseViewer
from ui.views import answer_markdown, sources_html

from .conftest import ROOT, SEED, SEED_ID
from .ui_support import CO_CHAIR, FOLLOW_UP, FRIES, PESCO, content

# -- the chat handlers as plain methods ------------------------------------------------------------------

@pytest.fixture(scope="module")
def handlers(seed_assistant):
    return ChatHandlers(seed_assistant, ReleaseViewer(library_for(seed_assistant)))


def exchange(handlers, question, history, since="", releases=()):
    """One question as ChatInterface runs it: the page shows the function's last message after the
    question. The history goes through the Chatbot both ways, as it does between server and browser."""
    outputs = list(handlers.respond(question, history, "extractive", since, "", list(releases)))
    reply = outputs[-1][0]
    reply = reply if isinstance(reply, dict) else {"role": "assistant", "content": reply}
    chatbot = gr.Chatbot()
    shown = chatbot.preprocess(chatbot.postprocess(history + [{"role": "user", "content": question}, reply]))
    return shown, outputs


def turns(handlers, shown) -> list[str]:
    return [t.question for t in handlers.conversation_for(shown).turns]


def test_an_answer_streams_in_then_shows_sources_and_opens_the_quote(handlers):
    outputs = list(handlers.respond(PESCO, [], "extractive", "", "", []))
    first, *middle, last = outputs
    assert first[0] == SEARCHING and "Sources of the answer appear here" in first[1] and first[2] == EMPTY
    assert middle and all(isinstance(m[0], str) for m in middle)  # the answer text as it is produced
    assert "in Oslo." in middle[-1][0]
    reply, sources, opened = last
    assert reply["metadata"]["id"].startswith("answer-") and reply["role"] == "assistant"
    assert "Taken as: one fact" in reply["content"] and re.search(r"in Oslo\. <a class='cite' [^>]+>\[1\]</a>",
                                                                  reply["content"])
    assert "<mark class='quote'>Norway is a valued partner" in sources
    # the release of the first citation opens beside the answer, at its quote
    assert f"data-release='{SEED_ID}'" in opened
    assert re.search(r"<mark class='quote' id='opened-quote'>Norway is", opened)
    assert turns(handlers, exchange(handlers, PESCO, [])[0]) == [PESCO]


def test_a_question_about_the_release_itself_is_labelled_and_opens_the_sentence_stating_it(handlers):
    reply, sources, opened = list(handlers.respond("when was this press release put out?", [], "extractive", "",
                                                   "", []))[-1]
    assert "Taken as: about the release" in reply["content"] and "5 December 2024" in reply["content"]
    assert re.search(r"<mark class='quote' id='opened-quote'>On Thursday 5 December 2024", opened)


def test_small_talk_is_labelled_and_answered_without_sources(handlers, seed_assistant):
    reply, sources, _ = list(handlers.respond("hello there!", [], "extractive", "", "", []))[-1]
    assert "Taken as: small talk" in reply["content"] and "<a class='cite'" not in reply["content"]
    assert "**" not in reply["content"]  # a reply, not a refusal
    assert seed_assistant.search.store.releases()[0].title in reply["content"]
    assert "<mark class='quote'>" not in sources


def test_follow_ups_undo_and_retry_continue_what_the_page_shows(handlers):
    shown, _ = exchange(handlers, CO_CHAIR, [])
    shown, _ = exchange(handlers, PESCO, shown)
    assert turns(handlers, shown) == [CO_CHAIR, PESCO]
    # undo: the page drops the last exchange; the follow-up is about the co-chair, not PESCO
    shown, outputs = exchange(handlers, FOLLOW_UP, shown[:2])
    assert FRIES in content(outputs[-1][0]) and turns(handlers, shown) == [CO_CHAIR, FOLLOW_UP]
    # retry: the last exchange goes and the same question is asked again
    shown, outputs = exchange(handlers, FOLLOW_UP, shown[:2])
    assert FRIES in content(outputs[-1][0]) and len(shown) == 4
    # New chat (or undo down to nothing): the same words are no longer a follow-up
    shown, outputs = exchange(handlers, FOLLOW_UP, [])
    assert "Searched:" not in content(outputs[-1][0])


def test_a_restored_chat_continues_its_own_turns_not_the_last_chat(handlers):
    """Saved chats live in the browser: opening an older one after another chat (or after a reload) must
    resolve a follow-up against the older chat's answers."""
    chat_a, _ = exchange(handlers, CO_CHAIR, [])
    chat_b, _ = exchange(handlers, PESCO, [])
    _, outputs = exchange(handlers, FOLLOW_UP, chat_b)
    assert "PESCO" in content(outputs[-1][0])  # chat B's follow-up is about PESCO
    restored = json.loads(json.dumps(chat_a))  # as the browser stores it
    _, outputs = exchange(handlers, FOLLOW_UP, restored)
    assert FRIES in content(outputs[-1][0])


def test_an_error_is_one_line_and_no_turn(handlers):
    shown, _ = exchange(handlers, CO_CHAIR, [])
    shown, outputs = exchange(handlers, FOLLOW_UP, shown, since="2024-13-01")
    reply, sources, opened = outputs[-1]
    assert reply.startswith("<span class='chat-error'>⚠ since: '2024-13-01' is not a date")
    assert "\n" not in reply and "Traceback" not in reply
    assert "Sources of the answer appear here" in sources
    assert turns(handlers, shown) == [CO_CHAIR]
    # the refused question is not an answer: the next follow-up still reads the co-chair answer
    shown, outputs = exchange(handlers, FOLLOW_UP, shown)
    assert FRIES in content(outputs[-1][0]) and turns(handlers, shown) == [CO_CHAIR, FOLLOW_UP]


def test_a_marker_and_a_passage_link_to_the_quote_and_the_release_marks_the_short_answer(seed_assistant):
    text = SEED.read_text()
    quote_start = text.index("Norway is a valued partner")
    quote_end = text.index("in Oslo.", quote_start) + len("in Oslo.")
    short_start = text.index("31 March to 2 April 2025")
    passage = text[quote_start - 120:quote_end + 60]  # the quote inside a longer passage
    cited = Citation(1, SEED_ID, "EU-Norway Security and Defence Dialogue", "2024-12-05", "corpus/x.txt", "c1",
                     passage, text[quote_start:quote_end], quote_start, quote_end, True,
                     short_start, short_start + len("31 March to 2 April 2025"))
    answer = Answer("When?", "When?", f"{cited.quote} [1]", False, "extractive", (cited,),
                    short_answer="31 March to 2 April 2025")
    href = re.search(r"<a class='cite' href='([^']+)'[^>]*>\[1\]</a>", answer_markdown(answer))[1]
    sources = sources_html(answer)
    assert href in sources  # the passage in the sources opens the same quote
    assert re.search(r"<mark class='quote'>Norway is a valued[^<]*<mark class='short-answer'>31 March to 2 April "
                     r"2025</mark> in Oslo\.</mark>", sources)
    ref = CitationRef.parse(href)
    assert ref == CitationRef.of(cited)
    opened = ReleaseViewer(library_for(seed_assistant)).open(ref)
    marked = re.search(r"<mark class='quote' id='opened-quote'>Norway is a valued partner.*?in Oslo\.</mark>",
                       opened, re.S)[0]
    assert "<mark class='short-answer'>31 March to 2 April 2025</mark>" in marked
    assert "fourth Dialogue on Security and Defence" in opened  # the whole release, not the passage
    assert CitationRef.parse("javascript:alert(1)") is None and CitationRef.parse("#cite:q:x:9-3x") is None


def test_the_opened_release_is_escaped(tmp_path, embeddings):
    from .conftest import make_assistant

    hostile = "Notice\n\nOn 2 March 2025 <script>alert(1)</script> the office opened <b>early</b>.\n"
    assistant, library, _ = make_assistant(tmp_path, embeddings, {"hostile.txt": hostile})
    text = library.show("hostile").text
    at = text.index("On 2 March")
    opened = ReleaseViewer(library).open(CitationRef("hostile", at, len(text.rstrip())))
    assert "<script>" not in opened and "&lt;script&gt;" in opened and "<b>early" not in opened


def test_related_passages_carry_no_quote_highlight(handlers):
    *_, (reply, sources, _) = handlers.respond("What is the population of Iceland?", [], "extractive", "", "", [])
    assert "don't say" in reply["content"] and "Related passages" in sources and "not sources" in sources
    assert "<mark" not in sources and "open in release" in sources
    assert "#cite:r:" in sources  # opened as a related passage: outlined, not marked as a quote


class ScriptedAssistant:
    """Answers at once with the question itself, recording the history and filter it was given; under a
    release filter it refuses, naming the filter, as the pipeline does."""

    def __init__(self, fail: bool = False, readings: tuple[str, ...] = ()):
        self.fail, self.readings, self.histories, self.options = fail, readings, [], []

    def stream(self, question, history=(), **options):
        self.histories.append([t.question for t in history])
        self.options.append(options)
        if self.fail:
            raise RuntimeError("the index is on fire\nTraceback (most recent call last): ...")
        yield f"answer to {question} <b>"
        if options.get("release_ids"):
            yield Answer(question, question, "The releases in the corpus don't say.", True, "extractive",
                         scope="1 chosen release")
            return
        yield Answer(question, question, f"answer to {question}", False, "extractive", other_readings=self.readings)


def test_the_release_filter_reaches_the_assistant_and_a_filtered_refusal_offers_all_releases():
    assistant = ScriptedAssistant()
    handlers = ChatHandlers(assistant)
    shown, outputs = exchange(handlers, "Who?", [], releases=["harbour-notice"])
    assert assistant.options[-1]["release_ids"] == ("harbour-notice",)
    reply, sources, _ = outputs[-1]
    assert "part of the corpus was searched: 1 chosen release" in sources
    answered = Answer("Who?", "Who?", "Someone.", False, "extractive", scope="1 chosen release")
    assert "<span class='scope'>Searched only: 1 chosen release</span>" in answer_markdown(answered)
    assert reply["options"] == [{"value": SEARCH_ALL + "Who?", "label": "Search all releases"}]
    # the option asks the same question with no filter (the release picker and dates are ignored)
    _, outputs = exchange(handlers, SEARCH_ALL + "Who?", shown, since="2024-01-01", releases=["harbour-notice"])
    assert assistant.options[-1] == {"mode": "extractive", "since": None, "until": None, "release_ids": ()}
    assert content(outputs[-1][0]) == "answer to Who?" and outputs[-1][0]["options"] == []


def test_a_refusal_kept_to_a_release_the_question_names_by_id_offers_no_search_of_all_releases(handlers):
    """Asked again without the filter, a question naming a release by id is kept to that release again:
    the one-click "Search all releases" would give the same refusal."""
    question = "Who won the 2010 Winter Olympics according to 2024-12-05-eu-norway-security-and-defence-dialogue?"
    _, outputs = exchange(handlers, question, [])
    reply = outputs[-1][0]
    assert "don't say" in content(reply) and "Ask again without naming a release" in content(reply)
    assert reply["options"] == []
    # the same refusal under the release filter, the question naming no release, offers it
    _, outputs = exchange(handlers, "Who won the 2010 Winter Olympics?", [], releases=[SEED_ID])
    assert outputs[-1][0]["options"] == [{"value": SEARCH_ALL + "Who won the 2010 Winter Olympics?",
                                          "label": "Search all releases"}]


def test_other_readings_of_a_follow_up_are_offered_as_one_click_questions():
    readings = ("What is Eivind Vad Petersson's title?", "What is Hans Christian Hveem Kjølseth's title?")
    _, outputs = exchange(ChatHandlers(ScriptedAssistant(readings=readings)), FOLLOW_UP, [])
    reply = outputs[-1][0]
    assert [o["value"] for o in reply["options"]] == list(readings)
    # the answer text names the readings itself (answer/followup.py): the view adds no second list
    assert reply["content"].count("Petersson") == 0


def test_undo_after_the_conversation_limit_forgets_the_undone_turn():
    assistant = ScriptedAssistant()
    handlers, shown = ChatHandlers(assistant), []
    for i in range(1, 13):
        shown, outputs = exchange(handlers, f"q{i}", shown)
    assert outputs[-2][0] == "answer to q12 &lt;b&gt;"  # the streamed text is escaped as the answer is
    assert assistant.histories[-1] == [f"q{i}" for i in range(2, 12)]  # the last 10 answers
    shown, _ = exchange(handlers, "again", shown[:-2])  # undo q12, then ask
    assert assistant.histories[-1][-1] == "q11" and "q12" not in assistant.histories[-1]


def test_a_failure_is_logged_and_shown_as_one_line(caplog):
    assistant = ScriptedAssistant(fail=True)
    with caplog.at_level(logging.ERROR, logger="ui.chat"):
        *_, (reply, _, _) = ChatHandlers(assistant).respond(PESCO, [], "", "", "", [])
    assert reply == "<span class='chat-error'>⚠ the answer failed (RuntimeError); see the server log</span>"
    assert "the index is on fire" in caplog.text


def test_a_stopped_answer_is_not_counted_as_shown():
    """A half-streamed message left on the page (Stop) is no answer: undoing the next one still works."""
    assistant = ScriptedAssistant()
    handlers = ChatHandlers(assistant)
    shown, _ = exchange(handlers, "q1", [])
    stopped = shown + [{"role": "user", "content": "q2"}, {"role": "assistant", "content": "answer to q2"}]
    shown, _ = exchange(handlers, "q3", stopped)
    assert assistant.histories[-1] == ["q1"] and turns(handlers, shown) == ["q1", "q3"]
    shown, _ = exchange(handlers, "q4", shown[:-2])  # undo q3
    assert turns(handlers, shown) == ["q1", "q4"]


def test_a_like_records_the_rated_answer_with_its_citations(handlers, seed_assistant):
    shown, _ = exchange(handlers, PESCO, [])
    log = FeedbackLog(seed_assistant.search.store.settings.index_dir)
    before = len(log.read())
    handlers.liked(shown, gr.LikeData(None, {"index": 1, "value": [], "liked": False}))
    handlers.liked(shown, gr.LikeData(None, {"index": 1, "value": [], "liked": ""}))  # the vote taken back
    votes = log.read()
    assert len(votes) == before + 1
    vote = votes[-1]
    assert vote.liked is False and vote.question == PESCO
    assert vote.answer["citations"][0]["quote"].endswith("in Oslo.") and "[1]" in vote.answer["answer"]
    with pytest.warns(UserWarning, match="finished answer"):  # the question itself cannot be rated
        handlers.liked(shown, gr.LikeData(None, {"index": 0, "value": [], "liked": True}))
    assert len(log.read()) == before + 1


def test_the_release_picker_offers_title_and_date_and_drops_deleted_choices(seed_assistant):
    picker = ReleasePicker(library_for(seed_assistant))
    assert picker.choices() == [("EU-Norway Security and Defence Dialogue (2024-12-05)", SEED_ID)]
    update = picker.refreshed([SEED_ID, "deleted-release"])
    assert update["value"] == [SEED_ID] and update["choices"] == picker.choices()


def _normalised(question: str) -> str:
    return " ".join(re.sub(r"[^\w]+", " ", question.lower()).split())


def test_examples_are_shown_and_none_is_a_test_split_question(tmp_path):
    from ui.app import create_app

    held_out = set()
    files = sorted((ROOT / "evals" / "datasets").glob("*.jsonl"))
    for path in files:
        for line in path.read_text().splitlines():
            item = json.loads(line) if line.strip() else {}
            if item.get("split") == "test":
                held_out |= {_normalised(q) for q in [item.get("question"), *(t.get("question") for t in
                                                                               item.get("turns", []))] if q}
    assert len(files) >= 5 and len(held_out) > 1000  # the datasets were read
    assert _normalised(PESCO) in held_out  # the old first example: the check catches it
    assert [q for q in EXAMPLES if _normalised(q) in held_out] == []
    app = create_app(build_assistant(Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index")))
    chatbot = next(b for b in app.blocks.values() if getattr(b, "elem_id", None) == "chatbot")
    assert [e["text"] for e in chatbot.examples] == EXAMPLES


def test_the_mode_switch_shows_only_with_a_chat_model(tmp_path):
    from ui.app import create_app

    assistant = build_assistant(Settings(corpus_dir=tmp_path / "corpus", index_dir=tmp_path / "index"))

    def mode_switch(app):
        return next(b for b in app.blocks.values() if isinstance(b, gr.Radio) and b.label == "Mode")

    assert mode_switch(create_app(assistant)).visible is False
    assistant.generative = object()  # a configured chat model (never called: the page is only built)
    switch = mode_switch(create_app(assistant))
    assert switch.visible is True and switch.value == "extractive"


@pytest.mark.parametrize("example", EXAMPLES)
def test_each_example_is_answered_with_citations(handlers, example):
    *_, (reply, sources, _) = handlers.respond(example, [], "extractive", "", "", [])
    assert reply["metadata"]["id"].startswith("answer-") and ">[1]</a>" in reply["content"]
    assert "<mark class='quote'>" in sources


# -- served ------------------------------------------------------------------------------------------------
