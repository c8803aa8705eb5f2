"""Periods named in questions, read against the newest release's date (table-driven)."""

from datetime import date

import pytest

from assistant.answer.periods import asks_for_newest, dates_named, find_period

REFERENCE = date(2008, 4, 21)  # the newest release of a corpus


@pytest.mark.parametrize("question, since, until", [
    ("What did Senator Dayton announce in March 2006?", "2006-03-01", "2006-03-31"),
    ("ethanol releases 2005", "2005-01-01", "2005-12-31"),
    ("Show me press releases about beef from 2006.", "2006-01-01", "2006-12-31"),
    ("Which releases from April 2005 pay tribute to the Pope?", "2005-04-01", "2005-04-30"),
    ("anything on veterans from last year?", "2007-01-01", "2007-12-31"),
    ("What was announced last month?", "2008-03-01", "2008-03-31"),
    ("releases since March", "2008-03-01", None),  # the latest March up to the reference day
    ("releases since May", "2007-05-01", None),
    ("statements after June 2007", "2007-07-01", None),
    ("anything before 2006?", None, "2005-12-31"),
    ("between May and July 2005", "2005-05-01", "2005-07-31"),
    # two points joined share the second's year (found by a count question: "in May" alone read as 2007)
    ("Which airports got FAA money in May and June 2006?", "2006-05-01", "2006-06-30"),
    ("anything from Allen in March or April 2005?", "2005-03-01", "2005-04-30"),
    ("grants in December and January 2006", "2005-12-01", "2006-01-31"),
    ("What grants were awarded in 2005 and may be renewed?", "2005-01-01", "2005-12-31"),  # "may": a verb
    ("What did Allen announce in May 2005 and June?", "2005-05-01", "2005-05-31"),  # no year the two share
    ("What did Allen announce in March and May?", "2007-03-01", "2007-05-31"),  # the last May, from the March before
    ("What came out in March and April?", "2008-03-01", "2008-04-30"),
    ("What did Allen announce in 2006 and Jan Schakowsky in 2007?", "2006-01-01", "2006-12-31"),
    ("between March and May", "2007-03-01", "2007-05-31"),  # not the March after the last May
    ("from 2005 to 2006", "2005-01-01", "2006-12-31"),
    ("releases in the summer of 2005", "2005-06-01", "2005-08-31"),
    ("What was said on December 5, 2024?", "2024-12-05", "2024-12-05"),
    ("What came out on 2006-02-28?", "2006-02-28", "2006-02-28"),
    ("news in the past 3 months", "2008-01-22", "2008-04-21"),
    # a part of a month: its weeks from the first day, the last week ending with it, and its thirds
    ("Everything Senator Bennett announced in the first week of May 2007", "2007-05-01", "2007-05-07"),
    ("releases in the third week of March", "2008-03-15", "2008-03-21"),
    ("What came out in the last week of February 2008?", "2008-02-23", "2008-02-29"),  # not "last week"
    ("statements from late March 2006", "2006-03-21", "2006-03-31"),
    ("anything from mid-June 2005?", "2005-06-11", "2005-06-20"),
    ("What was announced last week?", "2008-04-14", "2008-04-20"),  # the reference day is a Monday
    # quarters, halves and thirds of a year
    ("releases from Q3 2005", "2005-07-01", "2005-09-30"),
    ("what came out in the second quarter of 2006?", "2006-04-01", "2006-06-30"),
    ("statements in the last quarter of 2006", "2006-10-01", "2006-12-31"),
    ("anything in H1 2006", "2006-01-01", "2006-06-30"),
    ("grants announced in the first half of 2007", "2007-01-01", "2007-06-30"),
    ("since Q2 2006", "2006-04-01", None),
    ("between Q4 2005 and Q1 2006", "2005-10-01", "2006-03-31"),
    ("news from early 2006", "2006-01-01", "2006-04-30"),
    ("mid-2007 releases on ethanol", "2007-05-01", "2007-08-31"),
    ("What did Senator Dayton announce in late 2005?", "2005-09-01", "2005-12-31"),
    # a third with since / before / between keeps the direction or the range
    ("statements since early 2006", "2006-01-01", None),
    ("anything before mid 2007?", None, "2007-04-30"),
    ("between early 2005 and late 2006", "2005-01-01", "2006-12-31"),
    ("releases since late March 2006", "2006-03-21", None),
    ("What was said about 2006's budget?", "2006-01-01", "2006-12-31"),  # a possessive, not a decade
    ("late '06 releases on ethanol", "2006-09-01", "2006-12-31"),
    # a year by its last two digits: the latest such year up to the reference day's
    ("Pull up everything Evan Bayh put out in June '07.", "2007-06-01", "2007-06-30"),
    ("grants announced in ’05", "2005-01-01", "2005-12-31"),
    ("between May '06 and July '07", "2006-05-01", "2007-07-31"),
    ("statements since Sept. '99", "1999-09-01", None),
])
def test_periods(question, since, until):
    period = find_period(question, REFERENCE)
    assert period is not None, question
    assert period.text in question  # the words that named it, taken out of the question as a filter
    assert (period.since.isoformat() if period.since else None, period.until.isoformat() if period.until else None) \
        == (since, until)


@pytest.mark.parametrize("question", [
    "Where will the next PESCO meeting be held?",
    "What may happen to the budget?",  # "may" the verb
    "How did the march on Washington go?",  # "march" without a year or a preposition
    "How many jobs will 300 new trucks create?",  # a number that is no year
    "Which releases mention the 2004 Asian tsunami disaster?",  # a year that names an event
    "What did the senators say about the President's 2006 budget?",
    "How did farm policy change in the '90s?",  # a decade, not a year
    "What did Paul Baran develop in the late 1950's?",
    "Which programs began in the 1990s?",
])
def test_no_period(question):
    assert find_period(question, REFERENCE) is None


def test_label_names_the_dates():
    assert find_period("in March 2006", REFERENCE).label() == "2006-03-01 to 2006-03-31"
    assert find_period("since 2007", REFERENCE).label() == "since 2007-01-01"


@pytest.mark.parametrize("question, newest", [
    ("What is the latest harbour grant for Tromsø?", True),
    ("How much was the most recent award?", True),
    ("Where will the newest plant be built?", True),
    ("What was the last grant to Waterbury?", True),
    ("What did the senator announce last year?", False),  # a period, read by find_period
    ("In the last 3 months, what was announced?", False),
    ("What did they say in the last half of 2006?", False),  # a period too
    ("What came out in the last quarter of 2006?", False),
    ("Where will the next PESCO meeting be held?", False),
])
def test_asks_for_newest(question, newest):
    assert asks_for_newest(question) is newest


@pytest.mark.parametrize("sentence, named", [
    ("the next meeting of the project on 31 March to 2 April 2025 in Oslo", [(date(2025, 4, 2), date(2025, 4, 2))]),
    ("it was decided to hold in early 2025 expert-level consultations", [(date(2025, 1, 1), date(2025, 4, 30))]),
    ("announced today  July 11th  2007  that", [(date(2007, 7, 11), date(2007, 7, 11))]),
    ("the talks resume in March and end in the 1990s", []),  # a month without its year: the writer's March
])
def test_dates_named_in_a_sentence_carry_their_year(sentence, named):
    assert dates_named(sentence, REFERENCE) == named


def test_a_period_is_named_by_a_date_wholly_inside_it():
    in_2025 = find_period("What is planned for 2025?", REFERENCE)
    assert in_2025.named_in("to hold in early 2025 expert-level consultations", REFERENCE)
    assert not in_2025.named_in("On Thursday 5 December 2024, the parties met", REFERENCE)
    october = find_period("Which grants came in October 2006?", REFERENCE)
    assert not october.named_in("grants from the 2006 Assistance to Firefighters Grant Program", REFERENCE)
    assert october.named_in("the grants awarded on October 3, 2006 go to", REFERENCE)
