"""The part model of release summaries (assistant/answer/parts.py): the shipped models, on vectors built so
the answer is known, on questions no training or evaluation set holds, and as the task answerer serves
them on the seed release."""

import re

import numpy as np
import pytest

from assistant.answer.parts import FEATURES, PartModel, features


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
    probabilities = part_model.probabilities(vectors, topic, title, np.zeros(len(vectors)))
    assert set(np.argsort(-probabilities)[:3]) == {7, 8, 9}
    assert probabilities[[7, 8, 9]].min() > 2 * np.median(probabilities)


def test_a_sentence_naming_the_asked_words_is_held_whatever_its_vector(part_model):
    vectors, title, topic = release_vectors()
    naming = np.zeros(len(vectors))
    naming[2] = 1.0  # the one sentence naming what is asked, in a passage about something else
    probabilities = part_model.probabilities(vectors, topic, title, naming)
    assert part_model.naming_first(probabilities, naming) == [2]
    assert part_model.naming_first(probabilities, np.zeros(len(vectors))) == []


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
    """Asked about one part, the summary quotes the release's sentences on it; asked for the whole, its
    most salient sentences, as without the part model."""
    from dataclasses import replace

    from assistant.answer.tasks import TaskAnswerer
    from evals.tune_tasks import request_of

    tasks = seed_assistant.tasks
    assert tasks.parts is not None
    without = TaskAnswerer(tasks.search, tasks.extractive, replace(tasks.config, summary_anchors=0), salience=tasks.salience)

    def quotes(answerer, question):
        request = request_of(question, tasks.store, seed_assistant.reference_day())
        return [c.quote for c in answerer.summary(request).answer.citations]

    def about_ukraine(said):
        return sum(bool(re.search(r"Ukrain|Kyiv", q)) for q in said)

    asked = "In the EU-Norway release, what does it say about the help for Ukraine's armed forces?"
    assert tasks.parts.asks_part(tasks.intents.vector(asked))
    assert about_ukraine(quotes(tasks, asked)) >= 3 > about_ukraine(quotes(without, asked))
    whole = "Summarize the release"
    assert quotes(tasks, whole) == quotes(without, whole)
