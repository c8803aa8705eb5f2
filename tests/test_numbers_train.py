"""The numbers model's training script (assistant/answer/numbers_train.py) end to end, on a tiny SQuAD-format
set and a few press-release questions written for this test, with the real embedding model."""

import gzip
import json

from assistant.answer.numbers_asked import NumbersAsked
from assistant.answer.numbers_train import BARS, answered_with_a_number, main
from assistant.reader.squad import FILES, TUNE_ARTICLES

TOWNS = ("Elmford", "Ashby", "Oakham", "Birchley", "Maplewood", "Cedarton", "Willowby", "Hazelmere",
         "Rowanbury", "Larchfield", "Alderney", "Pineholt")


def _squad(path, title, towns):
    paragraphs = []
    for i, town in enumerate(towns):
        year = str(1700 + i)
        context = f"The town of {town} lies on the river. It was founded in {year} by farmers. Its mayor is Anna Lind."
        paragraphs.append({"context": context, "qas": [
            {"id": f"{title}-{i}-a", "question": f"When was {town} founded?", "is_impossible": False,
             "answers": [{"text": year, "answer_start": context.index(year)}]},
            {"id": f"{title}-{i}-b", "question": f"Who is the mayor of {town}?", "is_impossible": False,
             "answers": [{"text": "Anna Lind", "answer_start": context.index("Anna Lind")}]},
            {"id": f"{title}-{i}-c", "question": f"How many bridges does {town} have?", "is_impossible": True,
             "answers": []}]})
    path.write_text(json.dumps({"data": [{"title": title, "paragraphs": paragraphs}]}), encoding="utf-8")


def test_digits_and_cardinal_words_are_numbers_ordinal_words_are_not():
    assert all(answered_with_a_number(a) for a in ("NOK 420 million", "seven counties", "a dozen", "the 13th century"))
    assert not any(answered_with_a_number(a) for a in ("the fourth Dialogue", "Charles Fries", "someone"))


def test_training_writes_a_model_and_its_bar_from_squad_and_release_questions(tmp_path):
    data = tmp_path / "qa"
    data.mkdir()
    _squad(data / FILES[0], "Towns", TOWNS)
    _squad(data / FILES[1], TUNE_ARTICLES[0], ("Testville",))  # a tune article: never trained on
    rows = [{"writer": "writer1", "answerable": True, "question": f"How much will {t} spend on roads?",
             "answer": f"{i + 2} million dollars"} for i, t in enumerate(TOWNS[:6])]
    rows += [{"writer": "writer2", "answerable": True, "question": f"Which senator visited {t}?", "answer": "Senator Lind"}
             for t in TOWNS[:6]]
    rows += [{"writer": "writer4", "answerable": True, "question": "How much did Testville get?", "answer": "9 dollars"},
             {"writer": "writer1", "answerable": False, "question": "When did Ashby close its port?", "answer": ""}]
    questions = tmp_path / "release.jsonl.gz"
    with gzip.open(questions, "wt", encoding="utf-8") as out:
        out.write("".join(json.dumps(r) + "\n" for r in rows))
    model_file = tmp_path / "numbers.json"
    main(["--data", str(data), "--release-questions", str(questions), "--out", str(model_file)])

    written = json.loads(model_file.read_text(encoding="utf-8"))
    # 24 SQuAD training questions and 12 release questions: not the tune article's, writer4's or the unanswerable one
    assert written["training"]["examples"] == 36 and written["training"]["answered_with_a_number"] == 18
    assert written["bar"] in BARS and written["training"]["cross_validation"]["chosen"]["true_taken_true"] >= 0.95
    model = NumbersAsked.load(model_file)
    from assistant.answer.subject_train import embedder

    vectors = embedder().embed_documents(["When was Hollowmere founded?", "Who is the mayor of Hollowmere?"])
    assert model.probability(vectors[0]) > model.probability(vectors[1])
