"""Training pairs for the reader (assistant/reader/squad.py), on paragraphs written for these tests."""

import random

from assistant.ingest.sentences import split_sentences
from assistant.reader.squad import Paragraph, Question, Sentence, swap_name, training_pairs

OSLO = ("The ferry company Nordlys opened a route from Tromsø to Bodø in 1998. It was extended to Oslo in 2004, "
        "when Anna Berg led the company.")
BERGEN = "The old harbour of Bergen was rebuilt by Fjord Works in 1952. Later Per Dahl ran the harbour office."


def paragraph(index: int, text: str) -> Paragraph:
    return Paragraph("Ferries", index, text, tuple(Sentence(text[s.start : s.end], s.start, s.end)
                                                  for s in split_sentences(text)))


def test_a_swap_replaces_a_name_the_paragraph_holds_with_one_it_never_mentions():
    names = ["Bergen", "Fjord Works", "Per Dahl", "1952", "Anna Berg"]
    for seed in range(20):
        changed = swap_name("When did Nordlys extend its route to Oslo?", OSLO, names, random.Random(seed))
        assert changed is not None and changed.startswith("When did ")
        swapped_in = {n for n in names if n in changed}
        assert len(swapped_in) == 1 and not swapped_in & {"Anna Berg"}  # Anna Berg is in the paragraph
        assert ("Nordlys" in changed) != ("Oslo" in changed)  # exactly one of the two was replaced


def test_a_year_is_swapped_for_a_year_and_nothing_is_swapped_without_a_name():
    changed = swap_name("What happened in 2004?", OSLO, ["Per Dahl", "1952"], random.Random(0))
    assert changed == "What happened in 1952?"
    assert swap_name("what happened to the route later?", OSLO, ["Per Dahl"], random.Random(0)) is None
    assert swap_name("Who led Nordlys?", OSLO, ["Anna Berg", "Tromsø"], random.Random(0)) is None  # both in it


def test_swapped_pairs_are_the_answer_sentence_against_the_changed_question_as_a_negative():
    oslo, bergen = paragraph(0, OSLO), paragraph(1, BERGEN)
    question = Question("q1", "Who led Nordlys when the route reached Oslo?", oslo, ("Anna Berg",), (1,))
    items = [question, Question("q2", "Who ran the harbour office?", bergen, ("Per Dahl",), (1,))]
    plain, pairs = training_pairs(items), training_pairs(items, swapped=True)
    extra = [p for p in pairs if p not in plain]
    assert extra and all(p.label == 0.0 for p in extra)
    mine = [p for p in extra if p.question_id == "q1"]
    assert len(mine) == 1 and mine[0].input.sentence == oslo.sentences[1].text
    asked = mine[0].input.question
    assert asked != question.text and any(n in asked for n in ("Bergen", "Fjord Works", "Per Dahl"))
