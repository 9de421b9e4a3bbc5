"""The SQL a public page costs when the page cache does not answer it: the page itself
(base/routing.py), Wagtail's privacy check, site and locale on every request; menus,
breadcrumbs, language links and the page's content from cached fragments
(docs/caching.md)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page

from guidance.models import FinderPage, PartyIndexPage, PartyPage
from organisations.models import ContactFunction, County, Party

from .helpers import public_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_navigation_is_built_once_and_rebuilt_on_publish(client, settings):
    index = PartyIndexPage.objects.get(locale__language_code="sv")
    party_page = PartyPage.objects.child_of(index).get(party__slug="krokom")
    with CaptureQueriesContext(connection) as cold:
        client.get(party_page.url + "?a=1")  # a query string: the page cache is not used
    with CaptureQueriesContext(connection) as warm:
        response = client.get(party_page.url + "?a=2")
    # Main menu, footer, breadcrumbs, language links and the content come from fragments.
    assert len(warm) <= len(cold) - 7, (len(cold), len(warm))
    assert f'<a href="{index.url}">{index.title}</a>' in response.content.decode()

    index.title = "Stöd från parterna"
    index.save_revision().publish()
    content = client.get(party_page.url + "?a=3").content.decode()
    # The new title in the main menu and in the breadcrumbs, the old one nowhere.
    assert content.count(">Stöd från parterna</a>") == 2
    settings.PAGE_CACHE_SECONDS = 0
    with CaptureQueriesContext(connection) as uncached:
        client.get(party_page.url + "?a=4")
    assert len(uncached) == len(cold)


def query_counts(client):
    urls = [page.url for page in public_pages()]
    finder = FinderPage.objects.get(locale__language_code="sv")
    urls += [finder.url + "krokom/", "/sok/?q=polisen"]
    counts = {}
    for url in urls:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts[url] = len(queries)
    return counts


@pytest.mark.slow
def test_queries_do_not_grow_with_parties_or_pages(client, settings):
    settings.PAGE_CACHE_SECONDS = 0  # no page cache and no fragments: every query counted
    client.get("/")  # warm Wagtail's per-process caches (site root paths, locales)
    before = query_counts(client)
    index = PartyIndexPage.objects.get(locale__language_code="sv")
    for number in range(6):
        party = Party.objects.create(
            name=f"Testpart {number}",
            short_name=f"Test {number}",
            slug=f"test-{number}",
            kind="municipality",
            county=County.objects.get(slug="jamtland"),
            sort_order=100 + number,
        )
        for position in range(3):
            ContactFunction.objects.create(
                party=party, name=f"Funktion {position}", phone="010-123 45 67", sort_order=position
            )
        index.add_child(
            instance=PartyPage(title=f"Testpart {number}", slug=f"test-{number}", party=party)
        )
    Page.objects.filter(slug__startswith="test-").update(live=True)
    # The new pages started a new content generation: its per-process reads (the site's
    # tree paths, base/sites.py) are made once, by the first request.
    client.get("/")
    after = query_counts(client)
    for url, count in before.items():
        # Never more; the search may show other pages first once there are more to rank.
        assert after[url] <= count if "/sok/" in url else after[url] == count, (
            url,
            count,
            after[url],
        )
    # Cold (no page cache, no fragments), every public page type in every language: at
    # most 15 queries, the search and the party pages too. Routing costs about 5-7 of them
    # (the site, the locale, the root page, the page itself (base/routing.py), the view
    # restrictions; in English and Arabic also the root's translation); the rest is read
    # once per request (the restrictions, the menus' pages with the page's translations and
    # the pages its text links to, a party with its contact functions: portal/cache.py
    # once_per_request, base/page_links.py, guidance/models.py).
    over = {url: count for url, count in before.items() if count > COLD_CAP}
    assert not over, over


COLD_CAP = 15
