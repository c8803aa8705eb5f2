"""The sentence-boundary model for text that lost its punctuation, on releases it was never trained on."""

import numpy as np

from assistant.ingest.boundaries import degraded, gaps
from assistant.ingest.boundary_train import old_rule, punctuated, scores, sentence_ends
from assistant.ingest.sentences import split_sentences


def sentences_of(text):
    return [text[s.start : s.end] for s in split_sentences(text)]


def test_degrading_keeps_every_offset():
    text = 'Sen. Burns (R-Mont.) said: "It\'s $180,000."\nNext line'
    scraped = degraded(text)
    assert len(scraped) == len(text)
    assert scraped == "Sen  Burns  R Mont   said   It s  180 000   Next line"


def test_scraped_releases_are_cut_where_their_punctuation_ended_sentences(senate_rows):
    # the evaluation's releases are kept out of the model's training (`--exclude`): these are held out
    rows = [r["text"] for r in senate_rows if punctuated(r["text"])][:40]
    truth, model, rule = [], [], []
    for text in rows:
        ends = sentence_ends(text)
        scraped = degraded(text).replace("\n", " ")  # the scraper left no line breaks either
        cut = {s.end for s in split_sentences(scraped)}
        for gap in gaps(scraped):
            truth.append(gap.start in ends)
            model.append(gap.start in cut)
            rule.append(old_rule(gap))
    truth, model, rule = map(np.array, (truth, model, rule))
    assert scores(truth, model)["f1"] >= 0.8
    assert scores(truth, model)["f1"] >= scores(truth, rule)["f1"] + 0.1


def test_a_wide_gap_where_a_link_was_does_not_end_the_sentence():
    text = ("the legislation would have on state economies   This bill poses serious challenges for   Wyoming  s "
            "economy  Barrasso said  Our state is the nation s top source for energy")
    sentences = sentences_of(text)
    assert "This bill poses serious challenges for   Wyoming  s economy" in sentences
    assert sentences[0] == "the legislation would have on state economies"


def test_a_long_scraped_sentence_is_cut_where_a_sentence_likely_ends_not_at_the_limit():
    first = ("The amendment would provide a funding boost and a date certain deadline for completion of weapons "
             "destruction at the depot and at the other sites named in the bill")
    second = ("Only by mandating a legally binding date will the department make chemical demilitarization a top "
              "priority and finally fulfill the promise made to the community")
    text = f"{first}  {second}"  # two spaces where the full stop was: under the model's bar alone
    assert len(text) > 250
    # the last space before the limit would cut "... a top || priority and ..."
    assert [text[sp.start : sp.end] for sp in split_sentences(text, max_chars=250)] == [first, second]


def test_a_long_run_cut_at_marks_keeps_every_character_in_a_sentence():
    # a gap of marks alone ("-", ",") is cut after them: before, the mark fell between two sentences and,
    # at a chunk's edge, in no chunk (found by tests/test_fuzz.py)
    for text in ("abc," * 60, "ab-" * 300):
        spans = split_sentences(text, max_chars=150)
        assert len(spans) > 1 and all(s.end - s.start <= 150 for s in spans)
        assert "".join(text[s.start : s.end] for s in spans) == text
