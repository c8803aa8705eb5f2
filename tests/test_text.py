"""Words as the pre-rank, the citation check and the term statistics read them."""

from assistant.text import content_terms


def test_a_hyphenated_compound_is_read_as_its_parts_as_the_lexical_index_reads_it():
    assert content_terms("strengthening EU-NATO cooperation") == ["strengthening", "eu", "nato", "cooperation"]
    assert content_terms("Norway-EU and long-standing ties") == ["norway", "eu", "long", "standing", "ties"]
    assert content_terms("COVID-19 in 2004-2005") == ["covid", "19", "2004", "2005"]


def test_possessives_stopwords_and_single_letters_stay_out():
    assert content_terms("Norway's e-mail to the U.S.") == ["norway", "mail"]
    assert content_terms("What is it?") == []
