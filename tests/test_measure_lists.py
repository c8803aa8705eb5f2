"""The list measurement's offline reading (evals/measure_lists.py) scores a list as the served choice
and the tasks evaluation would."""

from evals.measure_lists import as_reading
from evals.tasks import list_f1
from evals.tune_lists import ReadList

from assistant.answer.extractive import ScoredSentence
from assistant.answer.listing import ListReading

from .test_tasks import passage

SENTENCES = {  # release, text, sentence reader's probability, list reader's
    "a": ("The Ephraim fire department gets $9,000.", 0.30, 0.90),
    "b": ("The Nephi fire department gets $7,000.", 0.05, 0.40),
    "c": ("The grants come from FEMA.", 0.20, 0.15),
    "d": ("The Manti library gets $5,000.", 0.01, 0.10),
}


def reading_of(item_answer: float) -> ListReading:
    scored = tuple(ScoredSentence(passage(text, release), 0, len(text), text, "", "", 0.5, probability=p)
                   for release, (text, p, _) in SENTENCES.items())
    return ListReading(scored, tuple(q for _, _, q in SENTENCES.values()), threshold=0.5, item_answer=item_answer)


def test_the_offline_list_f1_is_the_served_choice_scored_by_the_evaluation():
    items = [["Ephraim fire"], ["Nephi fire"], ["Fillmore fire"]]
    matches = {"a": 0.9, "b": 0.8, "c": 0.85, "d": 0.4}
    read = ReadList("q", items, True, reading_of(0.1), matches)
    offline = as_reading(read, True, gap=0.3)
    assert [c.release for c in offline.candidates] == ["a", "b", "c"]  # "d" matches the topic too little
    assert [c.names for c in offline.candidates] == [(0,), (1,), ()]
    served = read.reading.from_releases(matches, 0.3)
    for share in (0.1, 0.2, 0.3, 0.5):
        quotes = [s.text for s in served.choose(share, 1.0)]
        assert offline.f1(share, 0.0) == list_f1(items, quotes), share
    assert offline.f1(0.3, 0.0) != offline.f1(0.1, 0.0)  # the FEMA line is kept at 0.1 only
    assert offline.answers(0.5, 0.1) and not offline.answers(0.5, 0.95)  # the list reader's bar decides here
    assert offline.answers(0.25, 0.95)  # the sentence reader's best (0.30) passes its bar
    uncovered = as_reading(ReadList("q", items, False, reading_of(0.1), matches), True, gap=0.3)
    assert not uncovered.answers(0.0, 0.0)  # the coverage bar refuses first
