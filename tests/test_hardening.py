"""Security headers, error pages, the page cache and a fixed number of queries per page."""

import subprocess
import sys

import pytest
from django.db import OperationalError, connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from guidance.models import (
    ArticlePage,
    ContactFunction,
    FinderPage,
    Party,
    PartyIndexPage,
    PartyPage,
)
from home.models import SafetySettings
from staff import roles

from .helpers import SecondFactorClient as Client
from .helpers import clean_environ, make_user, public_pages

pytestmark = pytest.mark.django_db


def test_deploy_check_is_clean_with_production_settings():
    env = {
        **clean_environ(),
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "x" * 20 + "a-long-random-production-secret-key-1234567890",
        "ALLOWED_HOSTS": "norrsken.example.se",
        "FIELD_ENCRYPTION_KEYS": "2mF1mM7zvzQ8h4Rj0rH3l8b0m9l0b6wS1Yk9pP5uX3o=",
        "PERSON_KEY_SECRET": "another-long-random-secret",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_secrets():
    env = {
        **clean_environ(),
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def csp(response):
    return dict(
        part.strip().split(" ", 1)
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )


def test_strict_headers_on_public_and_staff_pages(client):
    staff_user = make_user("las@example.org", role=roles.PROFESSIONAL)
    signed_in = Client()
    signed_in.force_login(staff_user)
    for who, url in [
        (client, "/"),
        (client, "/hitta-hjalp/krokom/"),
        (signed_in, "/personal/"),
        (client, "/accounts/login/"),
    ]:
        response = who.get(url)
        assert response.status_code == 200, url
        policy = csp(response)
        assert policy["script-src"] == "'self'"
        assert policy["style-src"] == "'self'"
        assert policy["frame-ancestors"] == "'none'"
        assert "unsafe" not in response["Content-Security-Policy"]
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["X-Frame-Options"] == "DENY"
        assert "camera=()" in response["Permissions-Policy"]
    assert client.get("/")["Referrer-Policy"] == "no-referrer"


def test_admin_has_its_own_policy(client):
    client.force_login(make_user("red@example.org", role=roles.EDITOR))
    response = client.get("/admin/")
    assert "'unsafe-inline'" in csp(response)["script-src"]


def test_templates_have_no_inline_script_or_style(client):
    for page in public_pages():
        content = client.get(page.url).content.decode()
        assert "<script>" not in content and " style=" not in content and "<style" not in content, (
            page.url
        )


def test_404_in_the_sites_design(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    content = response.content.decode()
    assert "Sidan finns inte" in content
    assert "Lämna sidan snabbt" in content
    assert "Traceback" not in content


@pytest.mark.parametrize(
    "error,status,text",
    [
        (OperationalError("could not connect"), 503, "Tjänsten är inte tillgänglig"),
        (RuntimeError("boom"), 500, "Något gick fel"),
    ],
)
def test_server_errors_are_plain_pages(monkeypatch, error, status, text):
    def broken(*args, **kwargs):
        raise error

    monkeypatch.setattr("home.models.HomePage.get_context", broken)
    client = Client(raise_request_exception=False)
    response = client.get("/")
    assert response.status_code == status
    content = response.content.decode()
    assert text in content
    assert (
        "could not connect" not in content and "boom" not in content and "Traceback" not in content
    )
    assert "Lämna sidan snabbt" in content
    assert response["Cache-Control"] == "no-store"


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
    function.save()
    assert "0640-999 99" in client.get(finder.url + "krokom/").content.decode()


def test_navigation_is_built_once_and_rebuilt_on_publish(client, settings):
    index = PartyIndexPage.objects.get(locale__language_code="sv")
    party_page = PartyPage.objects.child_of(index).get(party__slug="krokom")
    with CaptureQueriesContext(connection) as cold:
        client.get(party_page.url + "?a=1")  # a query string: the page cache is not used
    with CaptureQueriesContext(connection) as warm:
        response = client.get(party_page.url + "?a=2")
    # Main menu, footer, breadcrumbs, language links, the site and its settings come
    # from the cache.
    assert len(warm) <= len(cold) - 7, (len(cold), len(warm))
    tables = " ".join(query["sql"] for query in warm.captured_queries)
    assert "wagtailcore_site" not in tables and "home_safetysettings" not in tables
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


def test_saving_the_site_drops_the_cached_site(client, site):
    client.get("/?a=1")
    with CaptureQueriesContext(connection) as warm:
        client.get("/?a=2")
    assert "wagtailcore_site" not in " ".join(query["sql"] for query in warm.captured_queries)
    site.site_name = "Norrsken"
    site.save()
    with CaptureQueriesContext(connection) as after:
        client.get("/?a=3")
    assert "wagtailcore_site" in " ".join(query["sql"] for query in after.captured_queries)


def test_routes_follow_slug_changes_and_unpublishing(client):
    page = PartyPage.objects.get(locale__language_code="sv", party__slug="krokom")
    old_url = page.url
    assert client.get(old_url + "?a=1").status_code == 200
    with CaptureQueriesContext(connection) as warm:
        assert client.get(old_url + "?a=2").status_code == 200
    # The path is resolved from the cache: no query for the page itself or its parents.
    assert "guidance_partypage" not in " ".join(q["sql"] for q in warm.captured_queries)

    page.slug = "krokoms-kommun"
    page.save_revision().publish()
    page.refresh_from_db()
    assert page.url.endswith("/krokoms-kommun/")
    assert client.get(old_url + "?a=3").status_code == 404
    assert client.get(page.url + "?a=4").status_code == 200
    page.unpublish()
    assert client.get(page.url + "?a=5").status_code == 404


def test_making_a_page_private_drops_it_from_the_cache(client):
    page = ArticlePage.objects.filter(locale__language_code="sv").first()
    assert client.get(page.url).status_code == 200
    assert client.get(page.url)["X-Cache"] == "hit"
    assert page.url in client.get("/").content.decode()  # in the main menu or the footer
    # An editor restricts the page to logged-in users (Wagtail's privacy dialog saves
    # only the restriction, not the page).
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(page.url)
    assert response.status_code == 302 and "X-Cache" not in response
    assert page.url not in client.get("/").content.decode()
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


def test_queries_do_not_grow_with_parties_or_pages(client, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")  # warm Wagtail's per-process caches (site root paths, locales)
    before = query_counts(client)
    index = PartyIndexPage.objects.get(locale__language_code="sv")
    for number in range(6):
        party = Party.objects.create(
            name=f"Testpart {number}",
            short_name=f"Test {number}",
            slug=f"test-{number}",
            kind="municipality",
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
    after = query_counts(client)
    for url, count in before.items():
        assert after[url] == count, (url, count, after[url])
    assert max(before.values()) <= 30, before


def test_production_puts_media_on_s3_only_when_a_bucket_is_configured():
    # Read the settings only: the S3 extra need not be installed for this.
    script = "from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])"
    base_env = {
        **clean_environ(),
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "SECRET_KEY": "s" * 60,
        "FIELD_ENCRYPTION_KEYS": "2mF1mM7zvzQ8h4Rj0rH3l8b0m9l0b6wS1Yk9pP5uX3o=",
        "PERSON_KEY_SECRET": "p" * 40,
    }
    for extra, expected in [
        ({}, "FileSystemStorage"),
        ({"AWS_STORAGE_BUCKET_NAME": "norrsken"}, "S3Storage"),
    ]:
        result = subprocess.run(
            [sys.executable, "-c", script],
            env={**base_env, **extra},
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.stdout.strip().endswith(expected), result.stderr
