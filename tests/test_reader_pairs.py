"""Training pairs for the reader (assistant/reader/squad.py), on paragraphs written for these tests."""

import random

from assistant.ingest.sentences import split_sentences
from assistant.reader.squad import Paragraph, Question, Sentence, negate, swap_name, training_pairs

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


def test_an_unanswerable_question_has_the_sentence_of_its_plausible_answer_among_its_negatives():
    text = ("Nordlys sold its first ferry in 1990. The harbour master counted the passengers every spring. "
            "Its routes run along the coast. The company was founded by two fishermen.")
    p = paragraph(0, text)
    # written to look answerable: its words point at other sentences; its writer's plausible answer is "1990"
    question = Question("q1", "When was the company founded by the harbour master?", p, (), (),
                        plausible_sentences=(0,))
    plain = {x.input.sentence for x in training_pairs([question], same_paragraph=1, other_paragraph=0)}
    with_plausible = training_pairs([question], same_paragraph=1, other_paragraph=0, plausible=True)
    assert p.sentences[0].text not in plain
    assert p.sentences[0].text in {x.input.sentence for x in with_plausible}
    assert all(x.label == 0.0 for x in with_plausible)


def test_span_targets_mark_the_answer_inside_the_sentence_and_cls_for_a_negative():
    from transformers import PreTrainedTokenizerFast

    from assistant.reader.onnx_reader import MODEL_DIR
    from assistant.reader.squad import Pair, reader_input
    from assistant.reader.train import span_targets

    tokenizer = PreTrainedTokenizerFast(tokenizer_file=str(MODEL_DIR / "tokenizer.json"))
    oslo = paragraph(0, OSLO)
    batch = [Pair(reader_input("Who led Nordlys?", oslo, 1), 1.0, "q1"),
             Pair(reader_input("Who led Nordlys?", oslo, 0), 0.0, "q1"),
             Pair(reader_input("Who led Nordlys?", oslo, 1), 1.0, "unknown")]
    pairs = [b.input.pair() for b in batch]
    features = tokenizer([q for q, _ in pairs], [c for _, c in pairs], padding=True, return_offsets_mapping=True)
    offsets = features["offset_mapping"]
    starts, ends, allowed = span_targets(features, batch, {"q1": ("Anna Berg",)})
    sentence = batch[0].input.sentence
    assert sentence[offsets[0][starts[0]][0] : offsets[0][ends[0]][1]] == "Anna Berg"
    assert (starts[1], ends[1]) == (0, 0)  # no answer in that sentence: [CLS]
    assert (starts[2], ends[2]) == (-100, -100)  # a positive without a known answer teaches no span
    chosen = [k for k, ok in enumerate(allowed[0]) if ok]
    assert chosen[0] == 0 and all(features.sequence_ids(0)[k] == 1 for k in chosen[1:])
    # the title and neighbours follow the sentence in the candidate: none of their tokens may be chosen
    assert max(offsets[0][k][1] for k in chosen[1:]) <= len(sentence)


def test_a_question_is_negated_at_its_first_auxiliary_and_never_twice_or_as_a_yes_no_question():
    assert negate("When was the route extended to Oslo?") == "When wasn't the route extended to Oslo?"
    assert negate("In 1998 what route did Nordlys open?") == "In 1998 what route didn't Nordlys open?"
    assert negate("Which harbours will Nordlys serve?") == "Which harbours won't Nordlys serve?"
    assert negate("Who led Nordlys?") is None  # no auxiliary to negate
    assert negate("Why did Nordlys not sell the ferry?") is None  # negated already
    assert negate("Was the route extended?") is None  # "Wasn't the route extended?" asks the same


def test_negated_pairs_are_the_answer_sentence_against_the_negated_question_unless_the_sentence_negates():
    oslo = paragraph(0, OSLO)
    negative = paragraph(1, "Nordlys did not sell its ferry in 2004. Its owners kept it.")
    items = [Question("q1", "When was the route extended to Oslo?", oslo, ("2004",), (1,)),
             Question("q2", "When did Nordlys sell its ferry?", negative, ("2004",), (0,))]
    plain, pairs = training_pairs(items), training_pairs(items, negated=True)
    extra = [p for p in pairs if p not in plain]
    assert [(p.question_id, p.input.question, p.input.sentence, p.label) for p in extra] == \
        [("q1", "When wasn't the route extended to Oslo?", oslo.sentences[1].text, 0.0)]


def test_context_dropout_reads_a_share_of_the_pairs_with_their_title_but_no_neighbours():
    from assistant.reader.train_release_qa import without_context

    oslo = paragraph(0, OSLO)
    pairs = training_pairs([Question("q1", "When was the route extended to Oslo?", oslo, ("2004",), (1,))])
    pairs = pairs * 200  # the same pair many times: what changes is only which are read alone
    assert without_context(pairs, 0.0, random.Random(1)) == pairs
    dropped = without_context(pairs, 0.3, random.Random(1))
    alone = [p for p in dropped if not p.input.previous and not p.input.following]
    assert all(p.input.previous or p.input.following for p in pairs)  # each pair had a neighbour to drop
    assert 0.2 < len(alone) / len(pairs) < 0.4
    assert all(p.input.title == q.input.title and p.input.sentence == q.input.sentence and p.label == q.label
               for p, q in zip(dropped, pairs))
