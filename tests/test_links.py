"""Every public page links on to another content page, and every internal link answers.

A crawl with the test client from both home pages, following every internal link: a
frightened reader who lands anywhere must find the way on from the text itself (not only
from the menus), and no link may lead to an error.
"""

from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.conf import settings

from .helpers import public_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

# Internal addresses that are not content pages (files, search, the staff area).
NOT_CONTENT = ("/static/", "/media/", "/documents/", "/sok/", "/en/sok/", "/ar/sok/", "/admin/")
NOT_CRAWLED = (
    "/static/",
    "/media/",
    "/admin/",
    "/accounts/",
    "/personal/",
    "/en/personal/",
    "/ar/personal/",
)


class Links(HTMLParser):
    """The page's internal links, and those inside its content: in <main>, outside any <nav>
    (the breadcrumbs and other menus do not count as the text linking on)."""

    def __init__(self):
        super().__init__()
        self.all, self.content = set(), set()
        self.in_main = self.in_nav = 0

    def handle_starttag(self, tag, attrs):
        if tag == "main":
            self.in_main += 1
        elif tag == "nav":
            self.in_nav += 1
        elif tag == "a":
            href = dict(attrs).get("href") or ""
            if not href.startswith("/") or href.startswith("//"):
                return
            href = urldefrag(href)[0]
            self.all.add(href)
            if self.in_main and not self.in_nav:
                self.content.add(href)

    def handle_endtag(self, tag):
        if tag == "main":
            self.in_main -= 1
        elif tag == "nav":
            self.in_nav -= 1


def crawl(client):
    """{address: Links} for every internal address reachable from the two home pages."""
    seen, queue, broken = {}, ["/", "/en/", "/ar/"], []
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        response = client.get(url)
        if response.status_code != 200:
            broken.append((url, response.status_code))
            seen[url] = None
            continue
        links = Links()
        links.feed(response.content.decode())
        seen[url] = links
        for href in links.all:
            if not href.startswith(NOT_CRAWLED) and urlsplit(href).path not in seen:
                queue.append(href)
    return seen, broken


@pytest.fixture
def crawled(client):
    return crawl(client)


def test_every_internal_link_answers_200(crawled):
    seen, broken = crawled
    assert not broken, sorted(broken)
    # Every live public page in both languages was reached by following links.
    pages = {page.url for page in public_pages()}
    assert pages <= set(seen), pages - set(seen)
    assert {code for code, _ in settings.LANGUAGES} == {"sv", "en", "ar"}
    for prefix in ("/en/", "/ar/"):
        assert any(url.startswith(prefix) for url in pages), prefix
    assert any(not url.startswith(("/en/", "/ar/")) for url in pages)


def test_every_public_page_links_to_another_content_page_in_its_text(crawled):
    seen, _ = crawled
    without = []
    for url, links in seen.items():
        if links is None or url.startswith(NOT_CONTENT) or "/sok/" in url:
            continue
        others = {
            href
            for href in links.content
            if urlsplit(href).path != url and not href.startswith(NOT_CONTENT)
        }
        if not others:
            without.append(url)
    assert not without, sorted(without)


def test_the_demo_text_links_with_wagtail_page_links():
    """Links between pages are Wagtail page links (they follow moves and translations),
    never typed addresses, and the text no longer names a page in italics."""
    for page in public_pages():
        raw = repr(list(page.body.raw_data)) if hasattr(page, "body") else ""
        assert 'href="/' not in raw, page.url
        assert 'id="0"' not in raw, page.url
        for phrase in ["Läs sidan <i>", "sidorna <i>", "the page <i>", "the pages <i>"]:
            assert phrase not in raw, (page.url, phrase)


@pytest.mark.parametrize("prefix", ["/en/", "/ar/"])
def test_a_translated_page_links_to_pages_in_its_language(client, prefix):
    links = Links()
    links.feed(client.get(prefix).content.decode())
    assert links.content
    assert all(href.startswith(prefix) for href in links.content), links.content


def test_party_lists_link_to_the_party_pages(client):
    """Where the text lists the parties, each is a link to its page."""
    from guidance.models import PartyPage

    about = client.get("/om-operation-norrsken/").content.decode()
    for page in PartyPage.objects.filter(locale__language_code="sv").exclude(
        party__slug="centrum-mot-vald"
    ):
        assert f'href="{page.url}"' in about, page.url


def test_the_loader_refuses_a_link_to_an_unknown_page():
    from demo.public import PageLinks

    links = PageLinks({"samrad"})
    assert links.expand('<a page="samrad">x</a>') == '<a linktype="page" id="0">x</a>'
    with pytest.raises(ValueError, match="okand"):
        links.expand('<a page="okand">x</a>')
