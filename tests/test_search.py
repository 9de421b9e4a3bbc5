"""Search and the sitemap list live public pages only."""

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import Page, PageViewRestriction

from base.models import HomePage, SearchSettings
from base.search import build_query
from guidance.models import ArticlePage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture
def home():
    return HomePage.objects.get(locale__language_code="sv")


def add_article(home, slug, title, live=True):
    page = ArticlePage(title=title, slug=slug, intro="Zebrafink hemlig text.", live=live)
    home.add_child(instance=page)
    return page


def test_search_finds_live_public_pages(client):
    response = client.get(reverse("search"), {"q": "polisen"})
    assert response.status_code == 200
    content = response.content.decode()
    assert 'href="/stod/polisen/"' in content
    assert not response.cookies


def test_search_excludes_drafts_and_restricted_pages(client, home):
    add_article(home, "utkast", "Zebrafink utkast", live=False)
    restricted = add_article(home, "begransad", "Zebrafink begränsad")
    restriction = PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([Group.objects.create(name="Testgrupp")])
    public = add_article(home, "publik", "Zebrafink publik")

    content = client.get(reverse("search"), {"q": "Zebrafink"}).content.decode()
    assert public.url in content
    assert "/utkast/" not in content
    assert restricted.url not in content

    sitemap = client.get("/sitemap.xml").content.decode()
    assert "/publik/" in sitemap
    assert "/utkast/" not in sitemap
    assert "/begransad/" not in sitemap


def test_search_in_english_only_lists_english_pages(client):
    content = client.get("/en/sok/", {"q": "Police"}).content.decode()
    assert 'href="/en/stod/polisen/"' in content
    assert 'href="/stod/polisen/"' not in content


def test_overlong_or_odd_queries_get_a_message_not_an_error(client):
    response = client.get(reverse("search"), {"q": "x" * 5000})
    assert response.status_code == 200
    assert "Sökningen är för lång" in response.content.decode()
    for query in ["'; DROP TABLE", "ä" * 150, "%", "*"]:
        assert client.get(reverse("search"), {"q": query}).status_code == 200
    # No one types NUL: the address is refused before the search sees it.
    assert client.get(reverse("search"), {"q": "\x00"}).status_code == 400
    assert client.get(reverse("search"), {"q": "polisen", "sida": "999"}).status_code == 200


def test_search_lists_results_from_fragments_and_says_when_there_are_more(client, monkeypatch):
    from base import views

    client.get("/sok/?q=polisen")
    with CaptureQueriesContext(connection) as queries:
        client.get("/sok/?q=polisen")
    sql = [query["sql"] for query in queries.captured_queries]
    # No count and no query per result (each is a cached fragment): the full-text query and
    # what Wagtail reads on every request (the restrictions, the site). The locale and the
    # editors' synonyms (base.models.SearchSettings) are read once per content generation.
    assert len(sql) == 3, sql
    assert not any("home_searchsettings" in query or "wagtailcore_locale" in query for query in sql)
    assert sum("wagtailsearch_indexentry" in query for query in sql) == 1
    assert any("wagtailcore_pageviewrestriction" in query for query in sql)

    monkeypatch.setattr(views, "MAX_RESULTS", 2)
    content_ = client.get("/sok/?q=polisen").content.decode()
    assert "Fler än 2 träffar för ”polisen”" in content_
    assert content_.count('<li><h3><a href="') == 2


def test_search_results_show_each_pages_introduction(client):
    page = Page.objects.get(url_path__endswith="/stod/polisen/", locale__language_code="sv")
    intro = page.specific.intro
    assert intro
    content_ = client.get("/sok/?q=polisen").content.decode()
    assert f"<p>{intro.split()[0]}" in content_


def test_sitemap_lists_every_public_page(client):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    content = response.content.decode()
    for path in ["/stod/krokom/", "/hitta-hjalp/", "/hitta-hjalp/krokom/", "/en/stod/krokom/"]:
        assert path in content


def test_robots_txt(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    # At the site's configured address (the default site: localhost, port 80).
    assert "Sitemap: http://localhost/sitemap.xml" in response.content.decode()


@pytest.mark.parametrize("prefix", ["", "/en", "/ar"])
@pytest.mark.parametrize("query", ["stöd - polis", "- polis", "polis --", "polis ---et", "- -"])
def test_a_word_of_dashes_alone_is_not_searched(prefix, query):
    """PostgreSQL's backend read "-" as an empty part of the query: a 500 for each search."""
    response = Client(raise_request_exception=False).get(f"{prefix}/sok/", {"q": query})
    assert response.status_code == 200
    if prefix == "" and query.strip("- ") == "polis":
        assert 'href="/stod/polisen/"' in response.content.decode()


def test_a_word_with_a_dash_needs_both_parts(client, home):
    """A word's forms are one query (base/search.py form_queries), but a form with a dash is
    not part of it: its parts must all be on the page, not either of them."""
    add_article(home, "zebrafinkar", "Zebrafinkar")
    found = '<h3><a href="/zebrafinkar/"'
    assert found in client.get("/sok/", {"q": "zebrafinkar"}).content.decode()
    content_ = client.get("/sok/", {"q": "polis-zebrafinkar"}).content.decode()
    assert found not in content_
    assert '<h3><a href="/stod/polisen/"' not in content_


def test_a_words_forms_are_matched_and_ranked_as_one(client):
    """ "polisen" is looked for as polisen, polis or polise, in one query: on PostgreSQL one
    rank per field (title and text), not one per form and field."""
    query = build_query("polisen", {})
    assert (query.query_string, query.operator) == ("polisen polis polise", "or")
    with CaptureQueriesContext(connection) as queries:
        content_ = client.get("/sok/", {"q": "polisen"}).content.decode()
    assert 'href="/stod/polisen/"' in content_
    if connection.vendor == "postgresql":
        (sql,) = [
            q["sql"] for q in queries.captured_queries if "wagtailsearch_indexentry" in q["sql"]
        ]
        assert sql.count("ts_rank(") == 2, sql


def test_synonyms_of_dashes_alone_are_left_out(client, site):
    settings = SearchSettings.for_site(site)
    settings.synonyms += "\npolis = -\n-- = polis"
    settings.save()
    response = Client(raise_request_exception=False).get("/sok/", {"q": "polis"})
    assert response.status_code == 200
    assert 'href="/stod/polisen/"' in response.content.decode()
    assert Client(raise_request_exception=False).get("/sok/", {"q": "--"}).status_code == 200


def test_changed_synonyms_apply_from_the_next_search(client, site):
    # The settings are kept per content generation (base/views.py): saving them starts one.
    word = "zebrafinkarna"
    assert 'href="/stod/polisen/"' not in client.get("/sok/", {"q": word}).content.decode()
    settings = SearchSettings.for_site(site)
    settings.synonyms += f"\n{word} = polis"
    settings.save()
    assert 'href="/stod/polisen/"' in client.get("/sok/", {"q": word}).content.decode()
