import os

import pytest
from django.db import connection
from django.test import Client

from .helpers import SecondFactorClient


def pytest_collection_modifyitems(items):
    """Browser tests run last: their live server needs committed data, and Django flushes
    the database after each of them."""
    items.sort(key=lambda item: "e2e" in item.path.parts)


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Migrate once and load the demo content once; each test runs in a rolled-back transaction."""
    from demo.public import load_public_content
    from demo.staff import load_staff_content

    with django_db_blocker.unblock():
        if os.environ.get("REQUIRE_POSTGRES"):
            assert connection.vendor == "postgresql", "CI must run the suite on PostgreSQL"
        load_public_content()
        load_staff_content()


@pytest.fixture
def site(db):
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
