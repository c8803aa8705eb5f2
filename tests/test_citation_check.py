"""Citations are checked, not trusted: a generated sentence the cited passage does not support is
removed, a citation number that points at nothing is dropped, and with nothing left the extractive
answer comes back. The chat model is scripted (LangChain's FakeListChatModel), so each case reads as
what the model wrote."""

import copy

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from assistant.answer.generative import GenerativeAnswerer
from assistant.answer.support import SupportChecker
from assistant.ingest.sentences import split_sentences
from assistant.retrieval.passages import Passage

from .conftest import SEED_ID
from .test_answers import SEED_TEXT, assert_cites_release_sentences

QUESTION = "What did Norway contribute to the European Peace Facility?"
EPF = "Norway has provided valuable voluntary financial contributions to the European Peace Facility"
EPF_SENTENCE = next(SEED_TEXT[s.start : s.end] for s in split_sentences(SEED_TEXT) if EPF in SEED_TEXT[s.start : s.end])


def no_model():
    raise AssertionError("the check must not call the chat model")


@pytest.fixture(scope="module")
def checker(seed_assistant):
    return SupportChecker(seed_assistant.search.store)


@pytest.fixture(scope="module")
def passages(seed_assistant):
    """Every passage of the seed release, numbered in the release's order as the model would see them."""
    chunks = seed_assistant.search.store.release_chunks(SEED_ID)
    return [Passage(chunk, 1.0, rank=n) for n, chunk in enumerate(chunks, start=1)]


def epf_number(passages):
    return next(n for n, p in enumerate(passages, start=1) if EPF in p.chunk.text)


def scripted(seed_assistant, checker, reply: str):
    """The seed assistant with a chat model that always writes `reply`."""
    assistant = copy.copy(seed_assistant)
    assistant.generative = GenerativeAnswerer(lambda: FakeListChatModel(responses=[reply]), checker)
    return assistant


def test_support_scores_separate_true_from_false(checker, passages):
    passage = passages[epf_number(passages) - 1]
    assert checker.supported("Norway made voluntary financial contributions to the European Peace Facility.", passage)
    assert not checker.supported("Norway gave 500 million euros to the European Peace Facility.", passage)
    assert not checker.supported("The meeting agreed to build a new airport in Tromsø.", passage)


def test_an_acronym_is_found_where_the_passage_writes_the_name_out(checker, passages):
    """The seed release writes "European External Action Service" and never "EEAS"; no alias lists it."""
    cochairs = next(p for p in passages if "External Action Service" in p.chunk.text)
    assert "EEAS" not in cochairs.chunk.text
    assert checker.supported("The meeting was co-chaired by Charles Fries of the EEAS.", cochairs)
    assert not checker.supported("The meeting was co-chaired by Charles Fries of the OSCE.", cochairs)
    epf = passages[epf_number(passages) - 1]
    assert checker.supported("Norway made voluntary financial contributions to the EPF.", epf)


def test_unsupported_sentence_is_removed_and_bad_numbers_dropped(checker, passages):
    n = epf_number(passages)
    generated = (f"Norway provided voluntary financial contributions to the European Peace Facility [{n}]. "
                 f"Norway also paid 3 billion euros for new fighter jets [{n}]. "
                 "The contributions supported training of Ukrainian troops through EUMAM Ukraine [99].")
    answer = GenerativeAnswerer(no_model, checker).check(passages, generated)
    assert answer.mode == "generative"
    assert "billion" not in answer.answer and "fighter" not in answer.answer
    assert "[99]" not in answer.answer
    assert "voluntary financial contributions" in answer.answer
    # the surviving sentence cites the release sentence that says so, at its offsets in the release file
    assert answer.citations[0].quote == EPF_SENTENCE
    for c in answer.citations:
        assert_cites_release_sentences(c)
    assert sorted(c.n for c in answer.citations) == list(range(1, len(answer.citations) + 1))
    for c in answer.citations:
        assert f"[{c.n}]" in answer.answer


@pytest.mark.parametrize("generated", ["Paris is the capital of France [1].", "NOT IN RELEASES", ""],
                         ids=["unsupported", "model refuses", "empty"])
def test_nothing_supported_leaves_no_draft(checker, passages, generated):
    assert GenerativeAnswerer(no_model, checker).check(passages, generated) is None


def test_a_supported_draft_is_the_answer(seed_assistant, checker):
    reply = "Norway made voluntary financial contributions to the European Peace Facility [1]."
    answer = scripted(seed_assistant, checker, reply).ask(QUESTION, mode="generative")
    assert answer.mode == "generative" and not answer.abstained
    assert answer.answer == "Norway made voluntary financial contributions to the European Peace Facility. [1]"
    assert [c.quote for c in answer.citations] == [EPF_SENTENCE]
    assert_cites_release_sentences(answer.citations[0])


@pytest.mark.parametrize("reply", ["Paris is the capital of France [1].", "NOT IN RELEASES"],
                         ids=["unsupported", "model refuses"])
def test_nothing_supported_falls_back_to_the_extractive_answer(seed_assistant, checker, reply):
    answer = scripted(seed_assistant, checker, reply).ask(QUESTION, mode="generative")
    extractive = seed_assistant.ask(QUESTION)
    assert answer.mode == "extractive" and not answer.abstained
    assert answer.answer == extractive.answer and answer.citations == extractive.citations
    assert any(c.quote == EPF_SENTENCE for c in answer.citations)  # the model's refusal never overrides evidence


def test_a_draft_rests_only_on_the_sentences_the_extractive_answer_quoted(checker, passages):
    """Whole passages go to the model; a sentence it copies from one that the extractive answer did not
    quote is true to its passage but answers nothing asked, so it is dropped."""
    from assistant.answer.citing import citation_for

    n, cochairs = epf_number(passages), next(i for i, p in enumerate(passages, 1) if "co-chaired" in p.chunk.text)
    epf = passages[n - 1]
    start = epf.chunk.start + epf.chunk.text.index(EPF)
    vouched = [citation_for(1, epf, start, start + len(EPF_SENTENCE))]
    generated = (f"Norway made voluntary financial contributions to the European Peace Facility [{n}]. "
                 f"The meeting was co-chaired by Charles Fries [{cochairs}].")
    unrestricted = GenerativeAnswerer(no_model, checker).check(passages, generated)
    assert "co-chaired" in unrestricted.answer  # its passage supports it word for word
    answer = GenerativeAnswerer(no_model, checker).check(passages, generated, QUESTION, vouched)
    assert "co-chaired" not in answer.answer and "European Peace Facility" in answer.answer
    assert [c.quote for c in answer.citations] == [EPF_SENTENCE]
    only_cochairs = f"The meeting was co-chaired by Charles Fries [{cochairs}]."
    assert GenerativeAnswerer(no_model, checker).check(passages, only_cochairs, QUESTION, vouched) is None
    # a name from the quoted sentence's unquoted neighbour is not the quote's to support (found in review)
    merged = (f"Norway provided valuable voluntary financial contributions to the European Peace Facility "
              f"through EUMAM Ukraine and the Nansen Support Program [{n}].")
    assert "Nansen Support Program" in epf.chunk.text and "Nansen" not in EPF_SENTENCE
    assert GenerativeAnswerer(no_model, checker).check(passages, merged, QUESTION, vouched) is None


def test_a_list_drafted_from_an_unquoted_sentence_falls_back_to_the_extractive_list(seed_assistant, checker):
    """What SmolLM2 wrote for this list question in the seed chat: the co-chairs' sentence, verbatim."""
    cochairs = next(SEED_TEXT[s.start : s.end] for s in split_sentences(SEED_TEXT) if "co-chaired" in SEED_TEXT[s.start : s.end])
    assistant = scripted(seed_assistant, checker, f"{cochairs} [1]")
    answer = assistant.ask("What did the EU and Norway agree on?", mode="generative")
    assert answer.intent == "list" and answer.mode == "extractive" and "co-chaired" not in answer.answer
    assert len(answer.citations) >= 2
