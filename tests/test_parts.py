"""The part model of release summaries (assistant/answer/parts.py): the shipped models, on vectors built so
the answer is known, on questions no training or evaluation set holds, and as the task answerer serves
them on the seed release."""

import numpy as np
import pytest

from assistant.answer.parts import FEATURES, PartModel, features

from .conftest import about_ukraine, summary_quotes


@pytest.fixture(scope="module")
def part_model() -> PartModel:
    model = PartModel.load()
    assert model is not None, "assistant/answer/part_model.json ships with the package"
    return model


def unit(rows: np.ndarray) -> np.ndarray:
    return rows / np.linalg.norm(rows, axis=-1, keepdims=True)


def release_vectors(count: int = 14, part: tuple[int, ...] = (7, 8, 9), seed: int = 3):
    """Sentence vectors of a release whose sentences `part` (one passage) are about what is asked, its
    title near its opening sentence, and the question's topic vector."""
    rng = np.random.default_rng(seed)
    main, asked = rng.normal(size=384), rng.normal(size=384)
    rows = np.array([main + rng.normal(size=384) * 1.2 for _ in range(count)])
    for i in part:
        rows[i] = asked + 0.5 * main + rng.normal(size=384) * 1.2
    return unit(rows), unit(main + 0.3 * rng.normal(size=384)), unit(asked + 0.2 * main)


def test_the_question_model_was_fitted_on_the_shipped_intent_model():
    """It reads the intent encoder's vectors: a retrained intent model needs `part_train` run again."""
    import json

    from assistant.answer.parts import MODEL_FILE, intent_model_digest

    assert json.loads(MODEL_FILE.read_text(encoding="utf-8"))["intent_model_sha256"] == intent_model_digest()


def test_features_have_one_column_each_and_one_row_per_sentence():
    vectors, title, topic = release_vectors()
    rows = features(vectors, topic, title, np.zeros(len(vectors)))
    assert rows.shape == (len(vectors), len(FEATURES))
    assert features(vectors[:0], topic, title, np.zeros(0)).shape == (0, len(FEATURES))


def test_the_sentences_of_the_asked_part_are_likelier_than_the_rest_of_the_release(part_model):
    vectors, title, topic = release_vectors()
    probabilities = part_model.probabilities(vectors, topic, title, np.zeros(len(vectors)), topic)
    assert set(np.argsort(-probabilities)[:3]) == {7, 8, 9}
    assert probabilities[[7, 8, 9]].min() > 2 * np.median(probabilities)


def test_a_sentence_naming_the_asked_words_is_held_whatever_its_vector(part_model):
    """Of the sentences naming every subject word, the likeliest is held first, and a summary keeps it
    though the sentence model ranks it last."""
    from assistant.answer.summary import choose

    assert part_model.naming_first_count == 1
    vectors, title, topic = release_vectors()
    naming = np.zeros(len(vectors))
    naming[[2, 12]] = 1.0  # two sentences name what is asked, in passages about something else
    probabilities = part_model.probabilities(vectors, topic, title, naming, topic)
    likelier = 2 if probabilities[2] > probabilities[12] else 12
    assert part_model.naming_first(probabilities, naming) == [likelier]
    ranked_last = probabilities.copy()
    ranked_last[likelier] = ranked_last.min() - 0.1
    kept = choose(vectors, ranked_last, 6, part_model.novelty, part_model.naming_first(probabilities, naming))
    assert likelier in kept and likelier not in np.argsort(-ranked_last)[:6]


def test_requests_for_a_whole_release_and_for_one_part_of_it_are_told_apart(part_model):
    """Phrasings written for this test, in no training or evaluation set."""
    from assistant.answer.intents import IntentClassifier

    intents = IntentClassifier()
    whole = ["Summarize the release", "What is this release about?",
             "Give me the key points of the harbour grant release"]
    part = ["In the release on the new harbour, what does it say about the fishing quotas?",
            "What does the harbour release say about the environmental review?"]
    assert not any(part_model.asks_part(intents.vector(q)) for q in whole)
    assert all(part_model.asks_part(intents.vector(q)) for q in part)


def test_a_summary_of_one_part_of_the_seed_release_quotes_that_part(seed_assistant):
    """Asked about one part, the summary quotes the release's sentences on it, more of them than the rule
    shipped before (the 3 sentences nearest the subject, then the most salient); asked for the whole
    release by a description, that rule as before."""
    from assistant.answer.tasks import TaskAnswerer
    from evals.tune_tasks import request_of

    tasks = seed_assistant.tasks
    assert tasks.parts is not None
    before = TaskAnswerer(tasks.search, tasks.extractive, tasks.config, list_reader=tasks.list_reader,
                          salience=tasks.salience, subjects=tasks.subjects, specifics=tasks.specifics)

    asked = "In the EU-Norway release, what does it say about the help for Ukraine's armed forces?"
    assert tasks.asks_part(request_of(asked, tasks.store, seed_assistant.reference_day()))
    served, shipped_before = (summary_quotes(seed_assistant, a, asked) for a in (tasks, before))
    assert about_ukraine(served) >= 5 > about_ukraine(shipped_before)
    whole = "Summarize the EU-Norway security and defence dialogue release"
    assert not tasks.asks_part(request_of(whole, tasks.store, seed_assistant.reference_day()))
    assert summary_quotes(seed_assistant, tasks, whole) == summary_quotes(seed_assistant, before, whole)


def test_a_question_is_cut_into_clauses_at_its_punctuation_only():
    from assistant.answer.parts import clauses

    assert clauses("In the March 2007 release on the veterans' claims backlog, what's said about VA hospitals?") == \
        ["In the March 2007 release on the veterans' claims backlog", "what's said about VA hospitals"]
    assert clauses("Warner and Allen on the defense bill -- what's in there about roads near Fort Belvoir?") == \
        ["Warner and Allen on the defense bill", "what's in there about roads near Fort Belvoir"]
    assert clauses("Smith's harbor release – anything about the dredging permits?") == \
        ["Smith's harbor release", "anything about the dredging permits"]
    # hyphens, dashes inside words, abbreviations, initials and figures do not cut
    for whole in ("What does the U.S.-Korea release say about beef?", "What did the EU–Norway release say about space?",
                  "What did the release on Dr. Smith's nomination say about her cancer research?",
                  "What does the Mount St. Helens release say about the ash plume?",
                  "What does the $2,500,000 harbor grant release say about dredging at 3:30 a.m.?"):
        assert clauses(whole) == [whole]
    assert clauses("U.S. beef release... what about Korea?") == ["U.S. beef release", "what about Korea"]
    # a clause naming one thing is kept; one of request words alone is not a clause
    assert clauses("Smith's farm bill release: what about dairy?") == ["Smith's farm bill release", "what about dairy"]
    assert clauses("Summarize what the farm bill release says about dairy, as a short summary please") == \
        ["Summarize what the farm bill release says about dairy, as a short summary please"]


def test_the_focus_of_a_real_question_is_the_part_it_asks_about(embeddings):
    """With the packaged embedding model: the clause that describes the release is nearer its title than
    the clause that names the part."""
    from assistant.answer.parts import focus_of

    def vector(text: str) -> np.ndarray:
        return np.asarray(embeddings.embed_query(text), dtype=np.float32)

    title = vector("Smith Announces $2 Million Grant to Dredge Bangor Harbor")
    question = "In Senator Smith's release on the Bangor harbor dredging grant, what does it say about the lobster fishery?"
    focus = focus_of(question, vector(question), title, embeddings.embed_documents)
    assert np.allclose(focus, vector("what does it say about the lobster fishery"), atol=1e-5)


def test_the_focus_is_the_clause_least_like_the_release_title():
    from assistant.answer.parts import focus_of

    _, title, topic = release_vectors()
    rng = np.random.default_rng(5)
    like_title, other = unit(title + 0.3 * unit(rng.normal(size=384))), unit(rng.normal(size=384))
    vectors = {"In Smith's harbour release": like_title, "what about the fishing quotas": other}
    embed = lambda texts: [vectors[t] for t in texts]  # noqa: E731
    assert np.allclose(focus_of("In Smith's harbour release, what about the fishing quotas?", topic, title, embed), other)
    # one clause, or no title: the whole question's vector
    assert focus_of("What about the fishing quotas?", topic, title, embed) is topic
    assert focus_of("In Smith's harbour release, what about the fishing quotas?", topic, None, embed) is topic


def test_a_question_describing_its_release_first_gets_the_part_it_asks_about(part_model):
    """The whole question's vector leans to the release it describes; its focus names the part. With the
    focus, the part's sentences are the likeliest, and likelier than read from the whole question alone."""
    vectors, title, _ = release_vectors()
    rng = np.random.default_rng(11)
    asked = unit(vectors[[7, 8, 9]].mean(axis=0) + 0.1 * rng.normal(size=384))
    described = unit(title + 0.35 * asked)  # "In the harbour release, what about the quotas?" as one vector
    with_focus = part_model.probabilities(vectors, described, title, np.zeros(len(vectors)), asked)
    without = part_model.probabilities(vectors, described, title, np.zeros(len(vectors)), described)
    assert set(np.argsort(-with_focus)[:3]) == {7, 8, 9}
    assert with_focus[[7, 8, 9]].mean() > without[[7, 8, 9]].mean()
    assert np.delete(with_focus, [7, 8, 9]).mean() <= np.delete(without, [7, 8, 9]).mean()


def test_an_overview_of_one_part_of_the_only_release_quotes_that_part(seed_assistant):
    """A topic overview that one release covers, asked about one part of it, reads the part model as a
    release summary does: the defence-industry sentences, not the meeting's opening or its co-chairs,
    which the similarity ranking shipped before took."""
    from assistant.answer.intents import Intent
    from assistant.answer.tasks import TaskAnswerer
    from evals.tune_tasks import request_of

    tasks = seed_assistant.tasks
    before = TaskAnswerer(tasks.search, tasks.extractive, tasks.config, list_reader=tasks.list_reader,
                          salience=tasks.salience, subjects=tasks.subjects, specifics=tasks.specifics)
    asked = "Give me an overview of what the releases say about the defence industry programmes Norway takes part in"
    request = request_of(asked, tasks.store, seed_assistant.reference_day())
    assert seed_assistant.intents.classify(asked).intent is Intent.OVERVIEW and tasks.asks_part(request)

    def quotes(answerer) -> str:
        return " ".join(c.quote for c in answerer.answer(Intent.OVERVIEW, request).answer.citations)

    served, shipped_before = quotes(tasks), quotes(before)
    assert "European Defence Industrial Programme" in served and "PESCO" in served
    assert "co-chaired" not in served and "co-chaired" in shipped_before


def test_a_question_that_only_restates_the_title_keeps_its_own_vector_off_the_title():
    """Taking the title's direction out of a topic that is the title leaves nothing: the features read the
    topic there, not a zero or a noise vector (inputs the model never saw)."""
    vectors, title, topic = release_vectors()
    rows = features(vectors, title, title, np.zeros(len(vectors)), title)
    assert np.isfinite(rows).all()
    off_title = [FEATURES.index("off_title_similarity"), FEATURES.index("similarity")]
    assert np.allclose(rows[:, off_title[0]], rows[:, off_title[1]])
    # a topic with its own direction keeps it
    rows = features(vectors, topic, title, np.zeros(len(vectors)), topic)
    assert not np.allclose(rows[:, off_title[0]], rows[:, off_title[1]])
