"""Words as the pre-rank, the citation check and the term statistics read them."""

from assistant.text import content_terms


def test_a_hyphenated_compound_is_read_as_its_parts_as_the_lexical_index_reads_it():
    assert content_terms("strengthening EU-NATO cooperation") == ["strengthening", "eu", "nato", "cooperation"]
    assert content_terms("Norway-EU and long-standing ties") == ["norway", "eu", "long", "standing", "ties"]
    assert content_terms("COVID-19 in 2004-2005") == ["covid", "19", "2004", "2005"]


def test_possessives_stopwords_and_single_letters_stay_out():
    assert content_terms("Norway's e-mail to the U.S.") == ["norway", "mail"]
    assert content_terms("What is it?") == []


def test_a_lexical_search_keeps_a_compound_whole_for_fts5_to_match_as_a_phrase():
    """Split, "Nelson-Burr amendment" searched every release naming a Nelson: a senate test question lost
    its release from the top five."""
    from assistant.text import search_terms

    assert search_terms("the Nelson-Burr amendment") == ["nelson-burr", "amendment"]
    assert content_terms("the Nelson-Burr amendment") == ["nelson", "burr", "amendment"]
