"""What public pages keep between requests (portal/cache.py): the content generation, and
per process Wagtail's rendered fragments cached under it. Access is never decided from
them."""

import pytest
from django.core.cache import caches
from django.core.management.sql import emit_post_migrate_signal
from wagtail.models import PageViewRestriction

from base.models import HomePage
from guidance.models import ArticlePage, PartyPage
from organisations.models import ContactFunction
from portal import cache as content

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_the_rendered_content_follows_a_publish(client):
    page = PartyPage.objects.get(locale__language_code="sv", party__slug="krokom")
    client.get(page.url + "?a=1")
    page.intro = "Ny ingress om stödet i Krokom."
    page.save_revision().publish()
    assert "Ny ingress om stödet i Krokom." in client.get(page.url + "?a=2").content.decode()
    function = page.party.contact_functions.first()
    function.phone = "0640-111 11"
    function.source, function.is_example = "party", False
    function.save()
    assert "0640-111 11" in client.get(page.url + "?a=3").content.decode()


def test_the_process_cache_is_not_used_after_the_shared_cache_is_emptied(client):
    page = PartyPage.objects.get(locale__language_code="sv", party__slug="krokom")
    client.get(page.url + "?a=1")
    # A change the signals do not see (a bulk update), then Redis restarts empty: the
    # content this process cached under the old generation must not come back.
    ContactFunction.objects.filter(party=page.party).update(
        phone="0640-222 22", source="party", is_example=False
    )
    caches["default"].clear()
    assert "0640-222 22" in client.get(page.url + "?a=2").content.decode()


def test_migrating_starts_a_new_generation():
    before = content.generation()
    emit_post_migrate_signal(verbosity=0, interactive=False, db="default")
    assert content.generation() > before


def test_the_generation_is_read_once_per_request(client, monkeypatch):
    reads = []
    read = content.read_generation
    monkeypatch.setattr(content, "read_generation", lambda: reads.append(1) or read())
    client.get("/stod/polisen/?a=1")
    assert len(reads) == 1
    # Outside a request (the task worker, management commands) it is read every time.
    assert content.generation() == content.generation()
    assert len(reads) == 3


def test_a_restriction_applies_at_once_even_when_no_signal_dropped_the_caches(client):
    """A view restriction added without any signal (a bulk insert, a script, another app
    server's transaction) applies to the next request: Wagtail reads the restrictions from
    the database on every request, although the page's fragments are cached."""
    page = ArticlePage.objects.filter(locale__language_code="sv").first()
    assert client.get(page.url + "?a=1").status_code == 200
    generation = content.generation()
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page=page, restriction_type=PageViewRestriction.LOGIN)]
    )
    assert content.generation() == generation  # nothing was dropped
    response = client.get(page.url + "?a=2")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    # Search asks the database too.
    assert page.url not in client.get("/sok/", {"q": page.title}).content.decode()


def test_restrictions_are_still_checked_below_a_restricted_page_and_on_aliases(client):
    home = HomePage.objects.get(locale__language_code="sv")
    secret = home.add_child(
        instance=ArticlePage(title="Intern", slug="intern", intro="Bara för inloggade.")
    )
    below = secret.add_child(instance=ArticlePage(title="Under", slug="under"))
    # An alias made before the restriction has none of its own: its source's applies.
    alias = secret.create_alias(parent=home, update_slug="intern-alias")
    PageViewRestriction.objects.create(page=secret, restriction_type=PageViewRestriction.LOGIN)
    for page in (secret, below, alias):
        response = client.get(page.url + "?a=1")
        assert response.status_code == 302, page.url
        assert response["Location"].startswith("/accounts/login/")
        assert "Bara för inloggade" not in client.get(page.url).content.decode()
    assert client.get(home.url + "?a=1").status_code == 200


def test_menus_are_cached_for_public_pages_only(client):
    from staff import roles
    from staff.models import ContactDirectoryPage

    from .helpers import SecondFactorClient as Client
    from .helpers import make_user

    directory = ContactDirectoryPage.objects.get().url
    coordinator = Client()
    coordinator.force_login(make_user("samordnare@example.org", role=roles.COORDINATOR))
    professional = Client()
    professional.force_login(make_user("las@example.org", role=roles.PROFESSIONAL))
    # The staff menu depends on the user's role: never from a cached fragment.
    assert "/personal/samrad/inkorg/" in coordinator.get(directory).content.decode()
    assert "/personal/samrad/inkorg/" not in professional.get(directory).content.decode()
    # The public menu is the same for everyone, logged in or not.
    public = client.get("/stod/polisen/?a=1").content.decode()
    assert professional.get("/stod/polisen/?a=2").content.decode().count('class="main-menu"') == 1
    assert 'aria-current="true"' in public  # the party pages' section is marked as current
