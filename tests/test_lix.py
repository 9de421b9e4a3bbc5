"""LIX, the Swedish readability index (base/lix.py): counted as Björnsson defined it, on the
text a reader sees."""

import pytest

from base.lix import EASY_READ_TARGET, html_readability, lix, readability, visible_text


def test_lix_is_words_per_sentence_plus_the_share_of_long_words():
    # 8 words, 2 sentences, 2 words of more than six letters ("Krokoms", "kommunen").
    text = "Jag bor i Krokoms kommun. Ring kommunen nu!"
    counts = readability(text)
    assert (counts.words, counts.sentences, counts.long_words) == (8, 2, 2)
    assert lix(text) == pytest.approx(8 / 2 + 100 * 2 / 8)


def test_a_word_of_six_letters_is_not_long_and_numbers_are_not_words():
    counts = readability("Ring 112 eller 114 14 hemma: sjukhus. Polisen svarar.")
    # "sjukhus" and "Polisen" have seven letters; "svarar" six; the numbers are not words.
    assert (counts.words, counts.long_words) == (6, 2)
    assert counts.sentences == 3  # ":" ends a sentence too


def test_html_is_read_as_shown_headings_and_list_items_end_sentences():
    html = (
        "<h2>Ring oss</h2><ul><li>Vardagar</li><li>Helger</li></ul>"
        "<p>Vi <b>svarar</b> fort.</p><script>var hemligheter = 1;</script>"
        "<style>.dold { color: red }</style>"
    )
    assert visible_text(html) == "Ring oss\n\nVardagar\n\nHelger\n\nVi svarar fort."
    counts = html_readability(html)
    assert (counts.words, counts.sentences, counts.long_words) == (7, 4, 1)


def test_easy_and_hard_text_fall_on_either_side_of_the_target():
    easy = "Du kan ringa oss. Vi lyssnar på dig. Det kostar inget."
    hard = (
        "Samtyckesblanketten förutsätter att myndigheternas informationsutbyte "
        "dokumenteras enligt offentlighets- och sekretesslagstiftningen."
    )
    assert readability(easy).is_easy_to_read and lix(easy) < EASY_READ_TARGET
    assert not readability(hard).is_easy_to_read and lix(hard) > 60


def test_no_words_is_zero_and_never_easy():
    assert lix("") == 0.0
    assert readability("112 ... !").words == 0
    assert not readability("").is_easy_to_read
