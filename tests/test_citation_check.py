"""Citations are checked, not trusted: a generated sentence the cited passage does not support is
removed, a citation number that points at nothing is dropped, and with nothing left the extractive
answer comes back."""

import pytest

from assistant.answer.pipeline import Query
from assistant.answer.citing import SupportChecker
from assistant.answer.generative import GenerativeAnswerer

EPF = "Norway has provided valuable voluntary financial contributions to the European Peace Facility"


@pytest.fixture(scope="module")
def setup(seed_assistant):
    question = "What did Norway contribute to the European Peace Facility?"
    query = Query(question=question, standalone=question, started=0.0)
    query = seed_assistant._retrieve(query)
    fallback, evidence = seed_assistant._extractive(query)

    def no_model():
        raise AssertionError("the check must not call the chat model")

    generative = GenerativeAnswerer(no_model, SupportChecker(seed_assistant.search.store.embeddings))
    passages = generative.passages_for(evidence, query.passages)
    return seed_assistant, query, fallback, generative, passages


def epf_number(passages):
    return next(n for n, p in enumerate(passages, start=1) if EPF in p.chunk.text)


def test_support_scores_separate_true_from_false(setup):
    _, _, _, generative, passages = setup
    passage = passages[epf_number(passages) - 1]
    checker = generative.checker
    assert checker.supported("Norway made voluntary financial contributions to the European Peace Facility.", passage)
    assert not checker.supported("Norway gave 500 million euros to the European Peace Facility.", passage)
    assert not checker.supported("The meeting agreed to build a new airport in Tromsø.", passage)


def test_unsupported_sentence_is_removed_and_bad_numbers_dropped(setup):
    _, _, fallback, generative, passages = setup
    n = epf_number(passages)
    generated = (f"Norway provided voluntary financial contributions to the European Peace Facility [{n}]. "
                 f"Norway also paid 3 billion euros for new fighter jets [{n}]. "
                 "The contributions supported training of Ukrainian troops through EUMAM Ukraine [9].")
    answer = generative.check(passages, generated, fallback)
    assert answer.mode == "generative"
    assert "billion" not in answer.answer and "fighter" not in answer.answer
    assert "[9]" not in answer.answer
    assert "voluntary financial contributions" in answer.answer
    assert all(c.supported and c.quote in c.text for c in answer.citations)
    assert sorted(c.n for c in answer.citations) == list(range(1, len(answer.citations) + 1))
    for c in answer.citations:
        assert f"[{c.n}]" in answer.answer


def test_nothing_supported_falls_back_to_extractive(setup):
    _, _, fallback, generative, passages = setup
    answer = generative.check(passages, "Paris is the capital of France [1].", fallback)
    assert answer.mode == "extractive" and not answer.abstained
    assert any(EPF in c.quote for c in answer.citations)
    refusal = generative.check(passages, "NOT IN RELEASES", fallback)
    assert refusal.mode == "extractive" and refusal.citations
