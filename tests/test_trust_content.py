"""The public texts claim only what a source supports, mark what the parties must confirm,
and explain the authorities' words or link them to "Ord du kan möta"."""

import re

import pytest
from wagtail.models import Locale

from guidance.models import ArticlePage

from .helpers import public_pages

pytestmark = pytest.mark.django_db


def main_text(client, url):
    content = client.get(url).content.decode()
    return content[content.index("<main") : content.index("</main>")]


def article(key_slug, language="sv"):
    page = ArticlePage.objects.get(slug=key_slug, locale__language_code="sv")
    if language != "sv":
        page = page.get_translation(Locale.objects.get(language_code=language))
    return page


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_samrad_page_makes_no_unsupported_claims(client, language):
    text = main_text(client, article("sa-fungerar-samrad", language).url)
    # Kvinnojouren Jämtlands län left the working group in 2020; no source invites it.
    assert "Kvinnojouren" not in text
    assert "används bara för att hjälpa dig" not in text
    assert "used only to help you" not in text
    # What the agreement does say: others may attend, the coordinator decides who.
    assert "Samordnaren bedömer" in text or "The coordinator decides" in text


@pytest.mark.parametrize("language", ["sv", "en"])
@pytest.mark.parametrize("slug", ["tillganglighetsredogorelse", "personuppgifter-och-kakor"])
def test_the_statements_mark_what_the_parties_must_confirm(client, slug, language):
    text = main_text(client, article(slug, language).url)
    assert "example.org" not in text
    assert "14 dagar" not in text and "14 days" not in text
    assert "Östersunds kommun är förvaltare" not in text
    assert "Östersund municipality manages" not in text
    mark = "Att bekräfta av parterna:" if language == "sv" else "To be confirmed by the parties:"
    assert mark in text


def glossary(language="sv"):
    return article("ord-du-kan-mota", language)


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_glossary_explains_the_words_that_stay(client, language):
    text = main_text(client, glossary(language).url)
    for word in [
        "allmänt åtal",
        "avidentifierat",
        "brottsoffer- och personsäkerhet",
        "Trappan",
        "latent våld",
        "materiellt våld",
        "yrkesverksam",
    ]:
        assert word.lower() in text.lower(), word
    # It is in the footer of every public page.
    home = "/" if language == "sv" else "/en/"
    assert f'href="{glossary(language).url}"' in client.get(home).content.decode()


def test_jargon_is_replaced_or_links_to_the_glossary(client):
    for language in ["sv", "en"]:
        words = glossary(language)
        for page in public_pages():
            if page.pk == words.pk or page.locale.language_code != language:
                continue
            text = main_text(client, page.url)
            visible = re.sub(r"<[^>]+>", "", text)
            for word in ["BOPS", "yrkesverksam", "latent", "materiellt", "professionals"]:
                assert word not in visible, (page.url, word)
            for word in ["allmänt åtal", "avidentifierat", "Trappan", "de-identified"]:
                if word in visible:
                    assert f'href="{words.url}"' in text, (page.url, word)
