"""The anonymous page cache (portal/middleware/page_cache.py): whole public pages for
visitors without cookies, dropped whenever anything they show changes."""

import time

import pytest
from django.core.cache import caches
from django.core.cache.backends import base as cache_base
from django.core.cache.backends import locmem
from wagtail.models import PageViewRestriction

from base.models import SafetySettings
from guidance.models import ArticlePage, FinderPage, PartyPage
from portal.cache import GENERATION_KEY
from staff import roles

from .helpers import SecondFactorClient as Client
from .helpers import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_anonymous_pages_are_cached_and_dropped_on_publish(client):
    page = PartyPage.objects.get(locale__language_code="sv", party__slug="krokom")
    first = client.get(page.url)
    assert first["X-Cache"] == "miss"
    second = client.get(page.url)
    assert second["X-Cache"] == "hit"
    assert second.content == first.content
    assert not second.cookies

    page.title = "Krokom – ny rubrik"
    page.save_revision().publish()
    third = client.get(page.url)
    assert third["X-Cache"] == "miss"
    assert "Krokom – ny rubrik" in third.content.decode()
    # The finder shows the party too, and was dropped as well.
    finder = FinderPage.objects.get(locale__language_code="sv")
    client.get(finder.url + "krokom/")
    function = page.party.contact_functions.first()
    function.phone = "0640-999 99"
    function.source, function.is_example = "party", False
    function.save()
    assert "0640-999 99" in client.get(finder.url + "krokom/").content.decode()


def test_saving_the_site_drops_the_cached_pages(client, site):
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"
    site.site_name = "Norrsken"
    site.save()
    assert client.get("/")["X-Cache"] == "miss"


def test_routes_follow_slug_changes_and_unpublishing(client):
    page = PartyPage.objects.get(locale__language_code="sv", party__slug="krokom")
    old_url = page.url
    assert client.get(old_url).status_code == 200
    assert client.get(old_url)["X-Cache"] == "hit"

    page.slug = "krokoms-kommun"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.url.endswith("/krokoms-kommun/")
    assert client.get(old_url).status_code == 404
    assert client.get(page.url).status_code == 200
    page.unpublish()
    assert client.get(page.url).status_code == 404


def test_making_a_page_private_drops_it_from_the_cache(client):
    page = ArticlePage.objects.filter(locale__language_code="sv").first()
    assert client.get(page.url).status_code == 200
    assert client.get(page.url)["X-Cache"] == "hit"
    home = client.get("/").content.decode()
    menus = home[: home.index("<main")] + home[home.index("</main>") :]
    assert f'href="{page.url}"' in menus  # in the main menu or the footer
    # An editor restricts the page to logged-in users (Wagtail's privacy dialog saves
    # only the restriction, not the page).
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(page.url)
    assert response.status_code == 302 and "X-Cache" not in response
    # Gone from the menus (the home page's text may still link to it: a visitor who
    # follows that link is asked to log in).
    home = client.get("/").content.decode()
    menus = home[: home.index("<main")] + home[home.index("</main>") :]
    assert f'href="{page.url}"' not in menus
    restriction.delete()
    assert client.get(page.url).status_code == 200


def test_settings_change_drops_the_cache(client, site):
    client.get("/")
    assert client.get("/")["X-Cache"] == "hit"
    safety = SafetySettings.for_site(site)
    safety.exit_url = "https://www.yr.no/"
    safety.save()
    response = client.get("/")
    assert response["X-Cache"] == "miss"
    assert "https://www.yr.no/" in response.content.decode()


def test_never_cached(client):
    client.force_login(make_user("las@example.org", role=roles.PROFESSIONAL))
    for url in ["/", "/personal/", "/personal/samrad/ny/"]:
        client.get(url)
        assert "X-Cache" not in client.get(url), url
    anonymous = Client()
    assert "X-Cache" not in anonymous.get("/accounts/login/")
    assert "X-Cache" not in anonymous.get("/sok/?q=polisen")
    anonymous.get("/?x=1")
    assert "X-Cache" not in anonymous.get("/?x=1")
    anonymous.cookies["anything"] = "1"
    assert "X-Cache" not in anonymous.get("/")


def test_a_hit_reads_only_the_generation_and_answers_as_the_page_did(
    client, monkeypatch, django_assert_num_queries
):
    first = client.get("/stod/polisen/")
    assert first["X-Cache"] == "miss"
    shared = caches["default"]
    reads = []
    read = shared.get
    monkeypatch.setattr(
        shared, "get", lambda key, *args, **kwargs: reads.append(key) or read(key, *args, **kwargs)
    )
    with django_assert_num_queries(0):
        hit = client.get("/stod/polisen/")
    assert hit["X-Cache"] == "hit"
    # The page comes from this process's copy; only the generation from the shared cache.
    assert reads == [GENERATION_KEY]
    assert not hit.cookies and "Set-Cookie" not in hit
    assert hit.content == first.content
    # The same security headers (CSP, HSTS, ...) as the page the cache did not answer.
    assert {**hit.headers, "X-Cache": "miss"} == dict(first.headers)


def test_pages_and_publishes_of_other_processes_are_seen(client):
    client.get("/")
    # Another process (or app server) cached the page: this one has no copy of its own.
    caches["page_copies"].clear()
    assert client.get("/")["X-Cache"] == "hit"
    assert client.get("/")["X-Cache"] == "hit"
    # Another process published: only the shared generation changed, no signal ran here.
    caches["default"].incr(GENERATION_KEY)
    assert client.get("/")["X-Cache"] == "miss"


class Clock:
    """time.time() for the local-memory caches, moved on by the test."""

    def __init__(self):
        self.now = time.time()

    def time(self):
        return self.now


def test_no_copy_outlives_the_shared_page_by_more_than_ten_seconds(client, monkeypatch):
    clock = Clock()
    monkeypatch.setattr(cache_base, "time", clock)
    monkeypatch.setattr(locmem, "time", clock)
    client.get("/")  # cached for PAGE_CACHE_SECONDS (600)
    caches["page_copies"].clear()  # by another process
    clock.now += 595
    assert client.get("/")["X-Cache"] == "hit"  # this process copies it
    clock.now += 6  # the shared entry has expired, the copy not yet
    assert client.get("/")["X-Cache"] == "hit"
    clock.now += 5
    assert client.get("/")["X-Cache"] == "miss"
