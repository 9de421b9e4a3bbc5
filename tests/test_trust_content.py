"""The public texts claim only what a source supports, show what the parties decide about the
website only once it is decided (base.models.ResponsibilitySettings), and explain the
authorities' words or link them to "Ord du kan möta"."""

import re

import pytest
from wagtail.models import Locale

from base.models import ResponsibilitySettings
from guidance.models import ArticlePage, EasyReadFinderPage, FinderPage
from organisations.models import Party

from .helpers import public_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


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


STATEMENTS = ["tillganglighetsredogorelse", "personuppgifter-och-kakor"]
# What the parties have not yet decided was once shown as "Att bekräfta av parterna: …".
UNDECIDED = ["Att bekräfta", "att bekräfta av parterna", "To be confirmed", "يحتاج إلى تأكيد"]


@pytest.mark.slow
def test_no_public_page_shows_what_the_parties_have_not_decided(client):
    """Swedish, English, Arabic and easy-to-read pages, and the finder's results."""
    urls = [page.url for page in public_pages()]
    urls += [
        finder.url + f"{party.slug}/"
        for finder in [*FinderPage.objects.live(), *EasyReadFinderPage.objects.live()]
        for party in Party.objects.filter(kind=Party.Kind.MUNICIPALITY)
    ]
    assert {"/", "/en/", "/ar/", "/lattlast/"} <= set(urls)
    shown = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        shown += [(url, words) for words in UNDECIDED if words.lower() in content.lower()]
    assert not shown, shown


@pytest.mark.parametrize("language", ["sv", "en", "ar"])
@pytest.mark.parametrize("slug", STATEMENTS)
def test_the_statements_claim_nothing_the_parties_have_not_decided(client, slug, language):
    text = main_text(client, article(slug, language).url)
    assert "example.org" not in text
    assert "14 dagar" not in text and "14 days" not in text
    assert "Östersunds kommun är förvaltare" not in text
    assert "Östersund municipality manages" not in text
    # The settings are empty in the demo: the places kept for the facts show nothing.
    assert 'class="responsibility"' not in text


@pytest.mark.parametrize(
    "language, expected",
    [
        (
            "sv",
            [
                "Region Jämtland Härjedalen förvaltar webbplatsen och ansvarar för dess "
                "tillgänglighet.",
                'Du kan skicka dina synpunkter på webbplatsens tillgänglighet till <a href="'
                'mailto:tillganglighet@regionjh.example" dir="ltr">',
                "Region Jämtland Härjedalen är personuppgiftsansvarig för behandlingen i "
                "själva portalen",
                'Frågor om personuppgifter i portalen kan du skicka till <a href="mailto:'
                'dataskydd@regionjh.example" dir="ltr">',
                "Loggarna och IP-adresserna raderas efter 30 dagar.",
            ],
        ),
        (
            "en",
            [
                "Region Jämtland Härjedalen manages the website and is responsible for its "
                "accessibility.",
                "Region Jämtland Härjedalen is the data controller for the processing in the "
                "portal itself",
                "The logs and IP addresses are deleted after 30 days.",
            ],
        ),
    ],
)
def test_what_the_parties_decide_is_shown_once_it_is_in_the_settings(
    client, site, language, expected
):
    decided = ResponsibilitySettings.for_site(site)
    decided.website_manager = decided.data_controller = "Region Jämtland Härjedalen"
    decided.accessibility_contact = "tillganglighet@regionjh.example"
    decided.privacy_contact = "dataskydd@regionjh.example"
    decided.log_retention_days = 30
    decided.save()
    text = "".join(main_text(client, article(slug, language).url) for slug in STATEMENTS)
    for sentence in expected:
        assert sentence in text, sentence
    assert text.count('class="responsibility"') == 5


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
