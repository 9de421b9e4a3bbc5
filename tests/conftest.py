import os

import pytest
from django.db import connection
from django.test import Client

from .helpers import SecondFactorClient


def flushes_the_database(item):
    """A test with committed data, which Django flushes afterwards (as pytest-django decides)."""
    marker = item.get_closest_marker("django_db")
    if marker and (marker.kwargs.get("transaction") or marker.kwargs.get("reset_sequences")):
        return True
    return "transactional_db" in item.fixturenames or "live_server" in item.fixturenames


def pytest_collection_modifyitems(items):
    """Browser tests run last: their live server needs committed data, and Django flushes
    the database after each of them. Before them, as pytest-django orders: the tests in a
    rolled-back transaction, then those that flush the database (the flush would take the
    migrations' roles and provisions with it).

    Within each group the tests that ask for the `demo` come after those that do not: the
    demo is committed once per process, when the first test asks for it, so a test built
    on factories never sees demo rows it did not ask for. That holds with pytest-xdist
    too: its load scheduling (xdist/scheduler/load.py, `_send_tests`) hands each worker
    the next items from the front of one list in collection order, and a worker runs what
    it is given in that order.

    Among the tests that flush the database it is the other way round: the flush takes
    the demo and the migrations' rows (Wagtail's root page among them) with it, so those
    that ask for the demo run before any flush in their process."""

    def order(item):
        flushes = flushes_the_database(item)
        return ("e2e" in item.path.parts, flushes, ("demo" in item.fixturenames) != flushes)

    items.sort(key=order)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Migrate once (the migrations seed the roles, the provisions and the first county);
    each test runs in a rolled-back transaction and makes the rows it needs
    (tests/factories), or asks for the `demo`."""
    with django_db_blocker.unblock():
        if os.environ.get("REQUIRE_POSTGRES"):
            assert connection.vendor == "postgresql", "CI must run the suite on PostgreSQL"
        SEQUENCES_AFTER_MIGRATE.extend(sequence_values())


# PostgreSQL's sequences are not rolled back with a test's transaction (SQLite's are), so
# the demo's ids would depend on how many rows earlier tests made: the recorded URL
# outcomes (tests/url_outcomes.txt) name some of them. The demo is loaded with the
# sequences as the migrations left them, on both databases.
SEQUENCES_AFTER_MIGRATE = []


def sequence_values():
    if connection.vendor != "postgresql":
        return []
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT quote_ident(schemaname) || '.' || quote_ident(sequencename), last_value "
            "FROM pg_sequences WHERE schemaname = current_schema()"
        )
        return cursor.fetchall()


def restore_sequences():
    with connection.cursor() as cursor:
        for name, last_value in SEQUENCES_AFTER_MIGRATE:
            # A sequence never used yet hands out 1 next.
            cursor.execute("SELECT setval(%s, %s, %s)", [name, last_value or 1, bool(last_value)])


@pytest.fixture(scope="session")
def demo(django_db_setup, django_db_blocker):
    """The demo content (public pages, parties and their contact functions, the staff
    area's pages), committed once per process when the first test asks for it (seconds):
    for tests about the public site, the staff pages or the demo itself
    (`pytestmark = pytest.mark.usefixtures("demo")`)."""
    from demo.public import load_public_content
    from demo.staff import load_staff_content

    with django_db_blocker.unblock():
        restore_sequences()
        load_public_content()
        load_staff_content()


@pytest.fixture
def staff_area(db):
    """The home page and the staff area's home page at /personal/, as every installation
    has them (tests/factories/pages.py)."""
    from .factories.pages import staff_area

    return staff_area()


@pytest.fixture
def site(db):
    """The default site: the demo's public site in a test that asks for the demo, else the
    one the migrations made."""
    from wagtail.models import Site

    return Site.objects.get(is_default_site=True)


@pytest.fixture(autouse=True)
def across_counties():
    """The tests' own set-up and checks read every county's case data; each request the
    client makes reads its user's county's only (samrad.scope.CountyScopeMiddleware)."""
    from samrad.scope import across_counties

    with across_counties():
        yield


@pytest.fixture(autouse=True)
def swedish():
    """Each test starts in the site's default language, whatever the previous request chose."""
    from django.utils import translation

    translation.activate("sv")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def empty_cache():
    """The page cache, the content caches and rate limits start empty in every test."""
    from django.core.cache import caches

    for cache in caches.all():
        cache.clear()
    yield
    for cache in caches.all():
        cache.clear()


@pytest.fixture
def client():
    return SecondFactorClient()


@pytest.fixture
def password_only_client():
    """A session that logged in with the password alone (second factor not given)."""
    return Client()
