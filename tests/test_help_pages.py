"""The help pages (issue 12): in both languages, readable without anything to fill in,
and leading on to local help.

A frightened reader may be on a monitored phone: these pages hold no form, no field and
no script of their own, so nothing the reader thinks about them can leave the page.
"""

import re
from html.parser import HTMLParser

import pytest
from django.core.management import call_command

from guidance.models import ArticlePage, FinderPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

HELP_PAGES = [
    "ar-det-har-vald",
    "sakerhetsplan",
    "for-anhoriga-och-vanner",
    "efter-en-polisanmalan",
]
LANGUAGES = ["sv", "en", "ar"]


class MainContent(HTMLParser):
    """The tags inside <main>, and the addresses its links point to."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.tags, self.links = [], set()

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.depth += 1
        elif self.depth:
            self.tags.append(tag)
            if tag == "a":
                self.links.add(dict(attrs).get("href") or "")

    def handle_endtag(self, tag):
        if tag == "main":
            self.depth -= 1


def help_page(slug, language):
    return ArticlePage.objects.live().get(slug=slug, locale__language_code=language)


@pytest.mark.parametrize("slug", HELP_PAGES)
def test_a_help_page_exists_in_every_language(slug):
    pages = ArticlePage.objects.live().public().filter(slug=slug)
    assert sorted(pages.values_list("locale__language_code", flat=True)) == sorted(LANGUAGES)
    sv, en, ar = (help_page(slug, language) for language in LANGUAGES)
    assert len({sv.title, en.title, ar.title}) == 3 and sv.intro and en.intro and ar.intro


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", HELP_PAGES)
def test_a_help_page_has_nothing_to_fill_in_and_links_to_the_finder(client, slug, language):
    page = help_page(slug, language)
    response = client.get(page.url)
    assert response.status_code == 200, page.url
    main = MainContent()
    main.feed(response.content.decode())
    assert main.tags, page.url
    for tag in ("form", "input", "textarea", "select", "button", "script"):
        assert tag not in main.tags, (page.url, tag)
    # No link carries anything in its address.
    assert not [href for href in main.links if "?" in href], page.url
    finder = FinderPage.objects.get(locale__language_code=language)
    assert finder.url in main.links, page.url


@pytest.mark.parametrize("slug", HELP_PAGES)
def test_the_home_page_links_to_each_help_page(client, slug):
    for language, home in (("sv", "/"), ("en", "/en/"), ("ar", "/ar/")):
        main = MainContent()
        main.feed(client.get(home).content.decode())
        assert help_page(slug, language).url in main.links, (home, slug)


def test_loading_the_demo_again_adds_no_second_help_page():
    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    for slug in HELP_PAGES:
        assert ArticlePage.objects.filter(slug=slug).count() == len(LANGUAGES), slug


# The self-check ("Är det här våld?"): strangulation -------------------------------------

STRANGULATION = {
    "sv": ["struptag", "strypt", "kväva", "även om du inte ser några märken", "Sök vård direkt"],
    "en": ["strangled", "smother", "even if you see no marks", "Get medical care at once"],
    "ar": ["خنق", "حتى لو لم ترَ أي آثار", "اطلب الرعاية الطبية فوراً"],
}


def notices(content):
    return re.findall(r'<aside class="notice">.*?</aside>', content, re.S)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_self_check_says_to_see_a_doctor_at_once_after_strangulation(client, language):
    page = help_page("ar-det-har-vald", language)
    content = client.get(page.url).content.decode()
    (notice,) = [text for text in notices(content) if STRANGULATION[language][0] in text]
    for words in STRANGULATION[language]:
        assert words in content, (language, words)
    # 112 when it is acute, else 1177 or a doctor at once; never a statistic.
    assert "<b>112</b>" in notice and "<b>1177</b>" in notice
    assert "%" not in notice and "procent" not in notice and "times" not in notice
    # The question is among the questions to ask oneself.
    questions = {"sv": "Har någon tagit struptag på dig", "en": "strangled you", "ar": "خنقك"}
    assert questions[language] in content


def test_the_easy_to_read_self_check_says_so_too(client):
    content = client.get("/lattlast/ar-det-har-vald/").content.decode()
    (notice,) = [text for text in notices(content) if "struptag" in text]
    assert "Sök vård direkt" in notice and "även om du inte ser några märken" in notice
    assert "<b>112</b>" in notice and "<b>1177</b>" in notice


def test_the_honour_page_says_taken_abroad_in_plain_swedish(client):
    content = client.get("/hedersrelaterat-vald-och-fortryck/").content.decode()
    assert "Ska du föras utomlands mot din vilja" in content
    assert "resas bort" not in content
