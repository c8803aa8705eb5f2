"""Follow-up rewriting without an LLM (assistant/answer/followup.py), table-driven.

The phrasings are written for these tests (not taken from evals/datasets). Rows the rewriter is
known to get wrong are strict xfails naming the weakness: when it is fixed the row passes, the
xfail turns into a failure, and the marker is removed."""

import pytest

from assistant.answer.followup import Turn, condense, resolve

REFUSAL = "The releases in the corpus don't say."


def turn(question: str, answer: str, abstained: bool = False) -> Turn:
    return Turn(question, question, answer, abstained)


def row(id, question, history, expected, weak=None):
    marks = [pytest.mark.xfail(strict=True, reason=weak)] if weak else []
    return pytest.param(question, history, expected, id=id, marks=marks)


HEAD = turn("Who heads the new cyber unit?", "The new cyber unit is headed by Marta Kowalska, a former prosecutor. [1]")
TALKS = turn("Who chaired the talks for the Commission?",
             "The talks were chaired by Jonas Lie, Director General for the Commission, and Eva Berg for Norway. [1]")
STATION = turn("Where is the new coast guard station?", "The new station opens at Hammerfest in the spring. [1]")
PLEDGE = turn("What did Norway pledge to the fund?", "Norway pledged 10 million. [1]")
CENTRE = turn("Which research centre will receive the funds?", "The funds go to the Research Centre Ny-Ålesund. [1]")
SESSION = turn("Who opened the session?", "The session was opened by Kari Nordmann. [1]")
PANEL = turn("Who spoke for the Coast Guard?",
             "The panel heard Tomas Lind, chief of staff of the Coast Guard, as well as Mari Vik of the Ministry of Trade "
             "and Director Jon Haug of the Ministry of Fisheries. [1]")

CASES = [
    # a person pronoun becomes the person the previous answer names
    row("she -> the person answered", "When did she start?", [HEAD], "When did Marta Kowalska start?"),
    row("he -> the person answered", "Where did he study?",
        [turn("Who will chair the fisheries commission?", "Ola Nordvik will chair the fisheries commission from January. [1]")],
        "Where did Ola Nordvik study?"),
    row("his -> possessive of the person next to what was asked", "What is his title?", [TALKS],
        "What is Jonas Lie's title?"),
    row("lower case, no question mark", "what is his title", [SESSION], "What is Kari Nordmann's title"),
    row("he after a refusal -> the person the question named", "Where does he work?",
        [turn("When did Lars Haugen join the board?", REFUSAL, abstained=True)], "Where does Lars Haugen work?"),
    # "there" becomes the place of the previous answer
    row("there -> at place", "Which ships are based there?", [STATION], "Which ships are based in Hammerfest?"),
    row("there -> in place", "What else happened there?",
        [turn("Where was the summit held?", "The summit was held in Tromsø on 4 June. [1]")],
        "What else happened in Tromsø?"),
    # "it" becomes the named thing the previous answer gave for "which X ...?"
    row("it -> the named thing answered", "When was it founded?", [CENTRE],
        "When was Research Centre Ny-Ålesund founded?"),
    row("it -> the named thing answered for a which-question with modifiers", "How much money is in it?",
        [turn("Which relief scheme for fishermen did the ministry extend?",
              "The ministry extended the Coastal Relief Scheme for Small Boats until 2027. [1]")],
        "How much money is in Coastal Relief Scheme for Small Boats?"),
    row("those -> the last question's plural noun phrase", "When will those be held?",
        [turn("What kind of risks will the Nordic expert consultations cover?",
              "The consultations will cover cyber and hybrid risks. [1]")],
        "When will the Nordic expert consultations be held?"),
    row("their -> the plural noun phrase, with a plural possessive", "How many staff did their offices lose?",
        [turn("How much funding did the regional outreach centres get back?", "They got 8.5 million back. [1]")],
        "How many staff did the regional outreach centres' offices lose?"),
    row("it -> the thing asked for after 'what kind of'", "When was it founded?",
        [turn("What kind of research centre will receive the funds?",
              "The funds go to the Research Centre Ny-Ålesund. [1]")],
        "When was Research Centre Ny-Ålesund founded?"),
    # "it" is a thing the last question named by its grammar (spaCy's parse), never a person
    row("it -> the last question's subject, not its last words", "Who chaired it?",
        [turn("Where was the summit held?", "The summit was held in Tromsø on 4 June. [1]")], "Who chaired the summit?"),
    row("it -> X of 'the number of X', not the person whose X it is", "How much would it cost?",
        [turn("What is the number of Haugen's bill on ferry routes?", "It is bill 212. [1]")],
        "How much would Haugen's bill cost?"),
    row("it -> the thing the question asked for when the answer names no other", "Who publishes it?",
        [turn("What report did Senator Haugen cite in his speech?", "Senator Ola Haugen cited a report on ferries. [1]")],
        "Who publishes the report?"),
    row("it -> the answer's short answer for a which-question naming no capitalised thing", "What did they agree on it?",
        [Turn("Which domain did both sides call strategic?", "Which domain did both sides call strategic?",
              "Both sides recognise space as a strategic domain. [1]", False, short_answer="space")],
        "What did both sides agree on space?"),
    row("it -> not one of phrases joined by 'and'; a possessive in the phrase is its subject's", "Where was it held?",
        [turn("When did Norway and Iceland hold their third energy dialogue?", "On 3 May. [1]")],
        "Where was Norway and Iceland's third energy dialogue held?"),
    row("it -> what the answer says the question's verb was done to", "How big is it?",
        [Turn("What did the committee approve on Tuesday?", "What did the committee approve on Tuesday?",
              "The committee approved the defense budget. [1]", False,
              quotes=("The committee approved the defense budget.",))],
        "How big is the defense budget?"),
    row("it -> a passive answer's subject, named again as a known one", "When was it adopted?",
        [Turn("What did the council adopt?", "What did the council adopt?",
              "A new strategy was adopted by the council. [1]", False,
              quotes=("A new strategy was adopted by the council.",))],
        "When was the new strategy adopted?"),
    row("they -> phrases joined by 'and', together", "What else did they agree?",
        [turn("Where did Norway and Iceland sign the deal?", "They signed it in Reykjavik. [1]")],
        "What else did Norway and Iceland agree?"),
    row("they're: the contraction is written out", "They're worried about which rules?",
        [turn("What do the fishermen want changed?", "New quotas. [1]")], "The fishermen are worried about which rules?"),
    row("and X varies the last question's last noun phrase, not its subject", "What about schools?",
        [turn("How much did the state spend on roads?", "It spent 2 million. [1]")],
        "How much did the state spend on schools?"),
    row("he after 'who is X' is X, not another person the answer names", "When was she appointed?",
        [turn("Who is Jane Doe?", "Jane Doe is the director of the agency, appointed by Governor Tim Kaine. [1]")],
        "When was Jane Doe appointed?"),
    row("he after 'who ... with X' is the person the answer gives, not X", "What state is she from?",
        [turn("Who co-chairs the group with Ben Nelson?", "The group is co-chaired by Ben Nelson and Maria Cantwell. [1]")],
        "What state is Maria Cantwell from?"),
    row("it -> the X of 'the Y of the X' after phrases joined by 'and'", "When will it open?",
        [turn("What did Norway and Iceland say about the cost of the bridge?", "They said it was high. [1]")],
        "When will the bridge open?"),
    row("it -> the object before the subject that acts on it", "When will it reopen?",
        [turn("Why did the mayor close the library?", "Because of floods. [1]")], "When will the library reopen?"),
    row("the X named again by a name's possessive keeps the name, with no article", "What would the bill cost?",
        [turn("When did Senator Smith's farm bill pass?", "In May. [1]")], "What would Senator Smith's farm bill cost?"),
    row("the X named again only by a pronoun's possessive stays", "How much would the plan cost?",
        [turn("When did Senator Bayh unveil his energy plan?", "In May. [1]"),
         turn("Who is Senator Lugar?", "Richard Lugar is a senator. [1]")], "How much would the plan cost?"),
    row("their after a plural subject in the same question stays", "How many people lost their jobs?",
        [turn("How many offices did the partnership close?", "It closed two offices. [1]")],
        "How many people lost their jobs?"),
    # a possessive after a name in the same question is bound by that name: the question stands alone
    row("his after a person in the question stays", "What did Senator Haugen say in his letter to the board?",
        [TALKS], "What did Senator Haugen say in his letter to the board?"),
    row("his after a place in the question is not bound by it", "How did Norway answer his letter?", [TALKS],
        "How did Norway answer Jonas Lie's letter?"),
    row("a possessive after a capitalised opening word is not bound by it", "Summarize his remarks.", [TALKS],
        "Summarize Jonas Lie's remarks."),
    row("its after a name in the question stays", "When did Norway announce its pledge?", [CENTRE],
        "When did Norway announce its pledge?"),
    # ellipsis: the new subject replaces the old one in the previous question
    row("what about X", "What about Iceland?", [PLEDGE], "What did Iceland pledge to the fund?"),
    row("and X", "And Sweden?", [PLEDGE], "What did Sweden pledge to the fund?"),
    row("and + preposition X: the previous question's preposition and article give way", "and for Norway?", [TALKS],
        "Who chaired the talks for Norway?"),
    row("what about the X: the previous article gives way", "What about the Council?", [TALKS],
        "Who chaired the talks for the Council?"),
    row("and + preposition X where the last question names no subject: its phrase of that preposition gives way",
        "And about peace mediation?", [turn("What did they decide about space?", "They agreed to a dialogue. [1]")],
        "What did they decide about peace mediation?"),
    row("and + preposition X: only the phrase up to the next preposition gives way", "and in 2023?",
        [turn("How much did they give in 2024 to the fund?", "They gave 10 million. [1]")],
        "How much did they give in 2023 to the fund?"),
    row("and X where the last question names no subject: its last preposition takes X", "And NATO?",
        [turn("What did they decide about space?", "They agreed to a dialogue. [1]")], "What did they decide about NATO?"),
    row("what about X after a question with no preposition: what it is asked about", "What about China?",
        [turn("Which partnerships were signed?", "Partnerships with Japan and Korea were signed. [1]")],
        "Which partnerships were signed about China?"),
    row("and + preposition X: a phrase that would take the question's verb with it stays", "And of the loans?",
        [turn("Which of the projects were funded?", "Two were funded. [1]")],
        "Which of the projects were funded of the loans?"),
    row("and + preposition X: a preposition inside a hyphenated word is none", "And in Norway?",
        [turn("What did they invest in the in-house team?", "They invested 2 million. [1]")],
        "What did they invest in Norway?"),
    row("and + a preposition before a question word: asked of the last question", "and on what date?", [SESSION],
        "Who opened the session? On what date?"),
    row("and the X after a question naming nothing capitalised: its noun phrase gives way", "And the tabletop trainers?",
        [turn("What is that device exactly?", "It is a mobile convoy trainer. [1]")], "What is the tabletop trainers exactly?"),
    row("and + preposition X after a possessive subject: the thing possessed, for X", "And for Norway?",
        [turn("What is Jonas Lie's role?", "He is Director General. [1]")], "What is the role for Norway?"),
    row("the X -> the fuller phrase an earlier question named X with", "What would the bill cost?",
        [turn("Who introduced the ferry safety bill?", "Ola Berg did. [1]"), turn("When?", "In May. [1]")],
        "What would the ferry safety bill cost?"),
    row("that X -> the earlier phrase, and a question word's phrase is no such phrase", "Summarize that release",
        [turn("Which release mentions the ferry route?", "One. [1]")], "Summarize that release"),
    row("how about the X", "How about the Red Cross?",
        [turn("How much did UNICEF receive?", "UNICEF received 5 million. [1]")], "How much did the Red Cross receive?"),
    # a follow-up that names nothing asks only of the last question: it is searched joined to it
    row("names nothing: joined to the last question", "until when?", [PLEDGE],
        "What did Norway pledge to the fund? Until when?"),
    row("and + names nothing", "And where?", [SESSION], "Who opened the session? Where?"),
    row("a pronoun and question words only", "where is that", [STATION],
        "Where is the new coast guard station? Where is that"),
    row("one word of its own is not nothing", "until what date?", [PLEDGE], "Until what date?"),
    # standalone questions and questions without history stay as they are
    row("standalone with its own subject", "Where will the 2026 summit take place?", [SESSION],
        "Where will the 2026 summit take place?"),
    row("standalone naming an institution", "What is the European Peace Facility?", [TALKS],
        "What is the European Peace Facility?"),
    row("a question's capitalised first word is no name", "Where does he work?",
        [turn("Before which committee did Bo Li testify?", REFUSAL, abstained=True)], "Where does Bo Li work?"),
    row("this/that before a noun is a determiner", "Which projects did that programme include?",
        [turn("What did the EU fund?", "The EU funded the Arctic Programme. [1]")],
        "Which projects did that programme include?"),
    row("no history, pronoun kept", "What did he announce?", [], "What did he announce?"),
    row("no history, there kept", "Who works there?", [], "Who works there?"),
    # known weaknesses
    row("title before the name is left out of the person", "What did she say about the harbour?",
        [turn("Who opened the new harbour in Bodø?", "The harbour was opened by Mayor Ingrid Solheim on Monday. [1]")],
        "What did Ingrid Solheim say about the new harbour?"),
    row("and + a question of its own: only the and goes", "And who represented the Ministry of Fisheries?",
        [PANEL], "Who represented the Ministry of Fisheries?"),
    row("his after three people -> the one next to what was asked", "What is his title?", [PANEL],
        "What is Tomas Lind's title?"),
    row("lower-case anchor: the person next to the words asked about", "What is his background?",
        [turn("Who heads the old office?",
              "The agency will be led by Anna Holm, while Per Dahl remains head of the old office. [1]")],
        "What is Per Dahl's background?"),
    row("name after the thing asked about", "What is her background?",
        [turn("Who represented the Commission at the talks?",
              "Norway was represented by Eva Berg and the Commission by Jonas Lie. [1]")],
        "What is Jonas Lie's background?",
        weak="person_in prefers the name before the anchor phrase, so 'X by Name' after it loses"),
    row("and what about X", "And what about Sweden?", [PLEDGE], "What did Sweden pledge to the fund?"),
    row("what about a time, not a subject", "what about next year?", [PLEDGE],
        "What did Norway pledge to the fund next year?",
        weak="the ellipsis always replaces the subject, even when the new words are a time"),
    row("multi-word place with a lower-case particle", "How many people live there?",
        [turn("Where will the new factory be built?", "The factory will be built in Mo i Rana. [1]")],
        "How many people live in Mo i Rana?",
        weak="place_in reads only capitalised words, so 'Mo i Rana' becomes 'Mo'"),
    row("existential there", "Is there a ferry?",
        [turn("Where is the conference?", "The conference takes place in Stavanger. [1]")],
        "Is there a ferry in Stavanger?"),
    row("there after 'be' at the end is existential too", "Which hotels are there?",
        [turn("Where is the conference?", "The conference takes place in Stavanger. [1]")],
        "Which hotels are there in Stavanger?"),
    row("it after which-X with a verb outside the list", "Who leads it?",
        [turn("Which agency awarded the grant?", "The grant was awarded by the National Science Foundation. [1]")],
        "Who leads National Science Foundation?"),
    row("it where the name lacks the asked-for noun", "Where is it based?",
        [turn("Which naval mission will Denmark join?", "Denmark will join Operation Atalanta next year. [1]")],
        "Where is Operation Atalanta based?"),
    row("they -> the answered countries", "What did they agree this year?",
        [turn("Which countries met in Reykjavik?", "Iceland and Norway met in Reykjavik. [1]")],
        "What did Iceland and Norway agree this year?"),
    row("that as a pronoun before a verb", "Which projects did that include?",
        [turn("What did the EU fund?", "The EU funded the Arctic Programme. [1]")],
        "Which projects did Arctic Programme include?"),
    row("that after an auxiliary before a last word that is a verb", "when does that start",
        [turn("What did the ministry launch?", "The ministry launched the Coastal Skills Initiative. [1]")],
        "When does Coastal Skills Initiative start"),
    row("that before a noun and a verb stays a determiner", "When does that plan start?", [PLEDGE],
        "When does that plan start?"),
    row("his after a refusal that names nobody", "What is his title?",
        [turn("Who spoke for the ministry?", REFUSAL, abstained=True)], "What is his title?"),
    row("possessive subject gets one 's", "What is his title?",
        [turn("Who is Kari Nordmann's deputy?", REFUSAL, abstained=True)], "What is Kari Nordmann's title?"),
    row("only the last turn is read", "What is his title?",
        [SESSION, turn("When was it?", "It was on Monday. [1]")], "What is Kari Nordmann's title?",
        weak="condense looks at history[-1] only"),
]


@pytest.mark.parametrize("question, history, expected", CASES)
def test_condense(question, history, expected):
    assert condense(question, history) == expected



AMBIGUOUS = [
    # (follow-up, history, the reading searched, the other readings offered)
    ("What is his title?", [PANEL], "What is Tomas Lind's title?",
     ("What is Mari Vik's title?", "What is Jon Haug's title?")),
    pytest.param("Where did she study?", [turn("Who signed the agreement?", "It was signed by Ola Berg and Siri Moen. [1]")],
                 "Where did Ola Berg study?", ("Where did Siri Moen study?",),
                 marks=pytest.mark.xfail(strict=True, reason="the person-name model reads 'Siri Moen' 0.43, under its bar of 0.45")),
]


@pytest.mark.parametrize("question, history, searched, others", AMBIGUOUS)
def test_ambiguous_person_pronoun_offers_the_other_readings(question, history, searched, others):
    rewrite = resolve(question, history)
    assert rewrite.standalone == searched
    assert rewrite.others == others
    assert rewrite.referent in searched and rewrite.pronoun in question.lower().split()


def test_a_contracted_question_word_is_not_taken_for_the_subject():
    from assistant.answer.followup import condense

    # "Where's" opened the previous question: capitalised, but a question word, not a name
    assert "Where" not in condense("What does it protect?", [turn("Where's the Arctic fund's money coming from?", REFUSAL,
                                                                  abstained=True)])


def test_one_person_named_is_not_ambiguous():
    rewrite = resolve("What is her title?", [SESSION])
    assert rewrite.standalone == "What is Kari Nordmann's title?"
    assert rewrite.others == () and rewrite.pronoun is None


FORUM_RELEASE = """Joint Press Release

Nordic Coast Guard Forum

On Tuesday 3 March 2026, the coast guards of Iceland and Norway met in Reykjavik for their second Coast Guard Forum.

The forum was co-chaired by Tomas Lind, Director General of the Icelandic Coast Guard, as well as Mari Vik, State Secretary of the Ministry of Trade of Norway, and State Secretary Jon Haug of the Ministry of Fisheries of Norway.

The parties agreed to hold a joint search and rescue exercise off Bodø from 14 to 18 September 2026.

Both coast guards will share satellite images of drifting ice in the Barents Sea.
"""


@pytest.fixture(scope="module")
def forum_assistant(tmp_path_factory, embeddings):
    from .conftest import make_assistant

    return make_assistant(tmp_path_factory.mktemp("forum"), embeddings, {"coast-guard-forum.txt": FORUM_RELEASE})[0]


def test_conversation_names_the_reading_searched_and_offers_the_others(forum_assistant):
    from assistant.answer.pipeline import Conversation

    chat = Conversation(forum_assistant)
    first = chat.ask("Who co-chaired the forum for the Icelandic Coast Guard?")
    assert not first.abstained and "Tomas Lind" in first.answer and first.other_readings == ()
    follow = chat.ask("What is his title?")
    assert follow.standalone_question == "What is Tomas Lind's title?"
    assert follow.other_readings == ("What is Mari Vik's title?", "What is Jon Haug's title?")
    note = follow.answer.splitlines()[0]
    assert "Tomas Lind" in note and "Mari Vik" in note and "Jon Haug" in note  # the reading searched, in words
    assert any("Director General" in c.quote for c in follow.citations)
    # the next follow-up resolves against the cited sentence, not against the names in the note
    assert chat.turns[-1].answer.startswith("The forum was co-chaired")


def test_narrower_follow_up_leads_with_the_short_answer(forum_assistant):
    from assistant.answer.pipeline import Conversation

    chat = Conversation(forum_assistant)
    first = chat.ask("What did the parties agree to hold?")
    assert any("search and rescue exercise" in c.quote for c in first.citations)
    narrower = chat.ask("And when will the exercise take place?")
    assert narrower.standalone_question == "When will the exercise take place?"
    assert narrower.short_answer and "September 2026" in narrower.short_answer
    assert narrower.answer.startswith(f"{narrower.short_answer} \u2014 ")
    c = next(c for c in narrower.citations if c.answer_start is not None)
    assert FORUM_RELEASE[c.answer_start : c.answer_end] == narrower.short_answer  # offsets in the release file
    assert f"{c.quote} [{c.n}]" in narrower.answer  # still quoted and cited


ICE_RELEASE = """Joint Press Release

Barents Ice Watch

The coast guards of Finland and Norway have launched the Barents Ice Watch.

Both coast guards will share satellite images of drifting ice in the Barents Sea until 2030.

The watch is run from a joint centre in Vardø.
"""

PORT_RELEASE = """Press Release

Kirkenes harbour

The harbour in Kirkenes stays closed to cruise ships until further notice, the port authority said on 2 March 2026.

Fishing vessels may still use the eastern quay.
"""


@pytest.fixture(scope="module")
def barents_assistant(tmp_path_factory, embeddings):
    from .conftest import make_assistant

    return make_assistant(tmp_path_factory.mktemp("barents"), embeddings,
                          {"ice-watch.txt": ICE_RELEASE, "kirkenes.txt": PORT_RELEASE})[0]


def test_a_follow_up_is_read_from_the_release_the_conversation_is_about(barents_assistant):
    from assistant.answer.pipeline import Conversation

    chat = Conversation(barents_assistant)
    first = chat.ask("What will the two coast guards share?")
    assert {c.release_id for c in first.citations} == {"ice-watch"}
    follow = chat.ask("until when?")  # alone, as likely the harbour's "until further notice"
    assert not follow.abstained and "2030" in follow.answer
    assert {c.release_id for c in follow.citations} == {"ice-watch"}
    # a detail that release does not give is refused, not looked for in the other releases
    missing = chat.ask("how much does it cost?")
    assert missing.abstained and "searched only “Barents Ice Watch”" in missing.answer
    # a question naming what only another release is about leaves the conversation's release
    other = chat.ask("Which quay can fishing vessels in Kirkenes still use?")
    assert other.intent == "fact" and {c.release_id for c in other.citations} == {"kirkenes"}
    assert "eastern quay" in other.answer


GRANT_RELEASE = """Press Release

Vardø harbour breakwater

The port of Vardø will receive 2 million kroner for a new breakwater, the fisheries ministry announced on 3 May 2026.

In 2025 the port received a grant of 500,000 kroner for dredging the inner basin.

Work on the breakwater starts in August.
"""

ROADS_RELEASE = """Press Release

County road projects

The county council announced its road grants for 2025 on 12 December 2025.

In 2025 the council's grants fund a new bridge in Kiberg, resurfacing in Tana and a cycle path in Vadsø.

The council will publish next year's projects in December.
"""


@pytest.fixture(scope="module")
def harbour_assistant(tmp_path_factory, embeddings):
    from .conftest import make_assistant

    return make_assistant(tmp_path_factory.mktemp("harbour"), embeddings,
                          {"vardo-breakwater.txt": GRANT_RELEASE, "county-roads.txt": ROADS_RELEASE,
                           "ice-watch.txt": ICE_RELEASE})[0]


def test_a_follow_up_taken_for_a_list_is_listed_from_the_conversation_s_release(harbour_assistant):
    from assistant.answer.pipeline import Conversation

    chat = Conversation(harbour_assistant)
    first = chat.ask("How much will the port of Vardø get for the breakwater?")
    assert {c.release_id for c in first.citations} == {"vardo-breakwater"}
    follow = chat.ask("Which grants did it get in 2025?")  # over the corpus: the 2025 road grants
    assert follow.intent == "list"
    assert {c.release_id for c in follow.citations} == {"vardo-breakwater"}
    assert "dredging" in follow.answer


FERRY_RELEASE = """Press Release

New coastal ferry route

The county will open a new ferry route between Tromsø and Skjervøy in June 2027, the transport committee announced on 4 March 2026.

The announcement was made at a press conference in Oslo.

Tickets will cost 120 kroner for adults.
"""


@pytest.fixture(scope="module")
def ferry_assistant(tmp_path_factory, embeddings):
    from .conftest import make_assistant

    return make_assistant(tmp_path_factory.mktemp("ferry"), embeddings,
                          {"ferry.txt": FERRY_RELEASE, "kirkenes.txt": PORT_RELEASE})[0]


def test_a_follow_up_naming_nothing_is_read_with_the_question_it_follows(ferry_assistant):
    from assistant.answer.pipeline import Conversation

    chat = Conversation(ferry_assistant)
    first = chat.ask("When will the new ferry route open?")
    assert "June 2027" in first.answer
    follow = chat.ask("where?")  # alone, as likely where the announcement was made
    assert follow.standalone_question == "When will the new ferry route open? Where?"
    assert not follow.abstained and "Skjervøy" in follow.answer and "Oslo" not in follow.answer


@pytest.mark.parametrize("reply, searched", [
    ("When will the new ferry route between Tromsø and Skjervøy open, and where does it run?",
     "When will the new ferry route between Tromsø and Skjervøy open, and where does it run?"),
    ("I cannot tell.", "When will the new ferry route open? Where?"),  # not a question: the joined one stays
])
def test_a_chat_model_rewrites_a_follow_up_naming_nothing_when_there_is_one(ferry_assistant, reply, searched):
    import copy
    from types import SimpleNamespace

    from langchain_core.language_models.fake_chat_models import FakeListChatModel

    from assistant.answer.generative import GenerativeAnswerer

    assistant = copy.copy(ferry_assistant)
    assistant.generative = GenerativeAnswerer(lambda: FakeListChatModel(responses=[reply]), None)
    previous = Turn("When will the new ferry route open?", "When will the new ferry route open?",
                    "The county will open a new ferry route between Tromsø and Skjervøy in June 2027. [1]", False)
    assert resolve("where?", [previous]).joined
    assert assistant.rewrite(SimpleNamespace(text="where?", history=(previous,))).standalone == searched
