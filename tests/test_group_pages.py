"""The pages for groups (issue 12): children and young people, men, LGBTQI people,
honour-related violence, older people, people with disabilities and people who use
violence. In both languages, with English addresses, nothing to fill in, linked from the
pages where a reader would look for them, and leading on to the parties and local help."""

import pytest
from wagtail.models import Locale

from guidance.models import ArticlePage, FinderPage, PartyPage

from .test_help_pages import MainContent

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

# Swedish slug: English slug.
GROUP_PAGES = {
    "for-barn-och-unga": "for-children-and-young-people",
    "man-som-utsatts-for-vald": "men-exposed-to-violence",
    "hbtqi-personer": "lgbtqi-people",
    "hedersrelaterat-vald-och-fortryck": "honour-related-violence-and-oppression",
    "for-aldre": "for-older-people",
    "for-dig-med-funktionsnedsattning": "for-people-with-disabilities",
    "vill-du-sluta-anvanda-vald": "do-you-want-to-stop-using-violence",
}
LANGUAGES = ["sv", "en"]
# The existing pages a reader comes from, and the group pages they must link to.
LINKED_FROM = {
    "ar-det-har-vald": [
        "hedersrelaterat-vald-och-fortryck",
        "for-aldre",
        "for-dig-med-funktionsnedsattning",
    ],
    "for-anhoriga-och-vanner": ["for-barn-och-unga", "vill-du-sluta-anvanda-vald"],
    "om-operation-norrsken": [
        "hedersrelaterat-vald-och-fortryck",
        "hbtqi-personer",
        "man-som-utsatts-for-vald",
    ],
}


def group_page(slug, language="sv"):
    """The page with the Swedish slug `slug`, in `language`."""
    page = ArticlePage.objects.live().public().get(slug=slug, locale__language_code="sv")
    if language != "sv":
        page = page.get_translation(Locale.objects.get(language_code=language))
    return page


def main_links(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    main = MainContent()
    main.feed(response.content.decode())
    return main


def main_text(client, url):
    content = client.get(url).content.decode()
    return content[content.index("<main") : content.index("</main>")]


@pytest.mark.parametrize("slug", GROUP_PAGES)
def test_a_group_page_exists_in_both_languages_with_an_english_address(slug):
    sv, en = group_page(slug), group_page(slug, "en")
    assert en.live and en.slug == GROUP_PAGES[slug]
    assert en.url == f"/en/{GROUP_PAGES[slug]}/"
    assert sv.title != en.title and sv.intro and en.intro
    # Not in the main menu (which stays short); the footer lists them.
    assert not sv.show_in_menus and not en.show_in_menus


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", GROUP_PAGES)
def test_a_group_page_has_nothing_to_fill_in_and_leads_on(client, slug, language):
    page = group_page(slug, language)
    main = main_links(client, page.url)
    for tag in ("form", "input", "textarea", "select", "button", "script"):
        assert tag not in main.tags, (page.url, tag)
    assert not [href for href in main.links if "?" in href], page.url
    finder = FinderPage.objects.get(locale__language_code=language)
    assert finder.url in main.links, page.url
    # It links to a party page in its own language, through Wagtail page links.
    parties = {p.url for p in PartyPage.objects.live().filter(locale__language_code=language)}
    assert main.links & parties, page.url


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_links_to_every_group_page(client, language):
    links = main_links(client, "/" if language == "sv" else "/en/").links
    for slug in GROUP_PAGES:
        assert group_page(slug, language).url in links, (language, slug)


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("source, targets", LINKED_FROM.items())
def test_the_pages_a_reader_comes_from_link_to_the_group_pages(client, source, targets, language):
    links = main_links(client, group_page(source, language).url).links
    for slug in targets:
        assert group_page(slug, language).url in links, (source, slug, language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_childrens_page_names_who_to_talk_to(client, language):
    text = main_text(client, group_page("for-barn-och-unga", language).url)
    for words in [["Bris", "116 111"], ["112"], ["Trappan"]]:
        assert all(word in text for word in words), words
    school = ["skolsköterskan", "skolkuratorn"] if language == "sv" else ["school nurse"]
    assert all(word in text for word in school)
    assert "fel" in text if language == "sv" else "not your fault" in text
    # Trappan is explained on the glossary page it links to.
    glossary = group_page("ord-du-kan-mota", language)
    assert f'href="{glossary.url}">Trappan</a>' in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_page_for_people_who_use_violence_names_the_national_line_and_treatment(
    client, language
):
    text = main_text(client, group_page("vill-du-sluta-anvanda-vald", language).url)
    assert "Välj att sluta" in text and "020-555 666" in text
    cmv = PartyPage.objects.get(locale__language_code=language, party__slug="centrum-mot-vald")
    assert f'href="{cmv.url}"' in text
    glossary = group_page("ord-du-kan-mota", language)
    word = "partnerkontakt" if language == "sv" else "partner contact"
    assert f'href="{glossary.url}">{word}</a>' in text
    # The glossary explains the word.
    assert word.capitalize() in main_text(client, glossary.url)


def test_the_honour_page_explains_protected_personal_data_and_forced_marriage(client):
    text = main_text(client, group_page("hedersrelaterat-vald-och-fortryck").url)
    assert "Skyddade personuppgifter" in text and "gifta dig" in text
    assert "Skyddade personuppgifter" in main_text(client, group_page("ord-du-kan-mota").url)


# Cross-links, followed in the test client from each page in each language: ------------

ALL_LANGUAGES = ["sv", "en", "ar"]
SAFETY_PLAN = "sakerhetsplan"
RELATIVES = "for-anhoriga-och-vanner"
CHILDREN = "for-barn-och-unga"
# The page for people who use violence does not lead to the safety plan: that page tells
# the person exposed where to leave a bag and what a code word is for.
USES_VIOLENCE = "vill-du-sluta-anvanda-vald"


def followed(client, url):
    """The content pages the text of `url` links to, each followed and answering 200."""
    links = {href for href in main_links(client, url).links if href.startswith("/")}
    for href in links:
        assert client.get(href).status_code == 200, (url, href)
    return links


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_the_self_check_leads_to_the_safety_plan(client, language):
    links = followed(client, group_page("ar-det-har-vald", language).url)
    assert group_page(SAFETY_PLAN, language).url in links


@pytest.mark.parametrize("language", ALL_LANGUAGES)
def test_cover_your_tracks_leads_on_to_help(client, language):
    links = followed(client, group_page("dolj-dina-spar", language).url)
    assert group_page(SAFETY_PLAN, language).url in links
    assert group_page("ar-det-har-vald", language).url in links
    assert FinderPage.objects.get(locale__language_code=language).url in links


@pytest.mark.parametrize("language", ALL_LANGUAGES)
@pytest.mark.parametrize("slug", [*GROUP_PAGES, RELATIVES])
def test_every_group_page_leads_to_the_safety_plan_and_to_other_groups(client, slug, language):
    links = followed(client, group_page(slug, language).url)
    plan = group_page(SAFETY_PLAN, language).url
    if slug == USES_VIOLENCE:
        assert plan not in links
    else:
        assert plan in links, (slug, language)
    # Other group pages than the children's page (which many link to already).
    others = {
        group_page(other, language).url for other in [*GROUP_PAGES, RELATIVES] if other != slug
    } - {group_page(CHILDREN, language).url}
    assert links & others, (slug, language)
