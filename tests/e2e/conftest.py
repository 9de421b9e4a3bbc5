"""Browser (end-to-end) tests: Playwright for Python drives Debian's Chromium against live_server.

One headless Chromium per test session, a fresh browser context (no cookies, no storage)
per test. The tests are skipped, with the reason shown by `-ra`, when Chromium or
Playwright is missing.

live_server needs a transactional database, which Django flushes after each such test.
The demo content is loaded once per session and serialized; Django's serialized
rollback restores that snapshot before each browser test (see `_restore_demo_content`),
and the `portal` fixture runs the idempotent loader again to make sure it is complete.
"""

import json
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

E2E_DIR = Path(__file__).resolve().parent
REPO_ROOT = E2E_DIR.parents[1]
SCREENSHOT_DIR = REPO_ROOT / "test-artifacts" / "screenshots"

CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",  # containers often have a small /dev/shm
]
# Fail fast: the live server answers in milliseconds.
TIMEOUT_MS = 10_000


def _skip_reason():
    if not (os.path.isfile(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        return f"Chromium not found at {CHROMIUM}: browser tests skipped"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return (
            "Playwright for Python is not installed (pip install playwright): browser tests skipped"
        )
    return None


SKIP_REASON = _skip_reason()


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "e2e: browser (end-to-end) test with Playwright and Chromium; skipped when Chromium is missing",
    )


def pytest_collection_modifyitems(config, items):
    for item in items:
        if E2E_DIR not in Path(str(item.path)).parents:
            continue
        if item.get_closest_marker("e2e") is None:
            item.add_marker(pytest.mark.e2e)
        if SKIP_REASON:
            item.add_marker(pytest.mark.skip(reason=SKIP_REASON))


@pytest.fixture(scope="session")
def browser(_demo_snapshot):
    """One headless Chromium for the session.

    While Playwright's sync API runs, an asyncio event loop counts as running in the
    test thread, and Django then keeps that thread's database connections apart from
    the ones it used before (asgiref's Local switches to context-local storage). The
    demo snapshot is therefore taken before the browser starts, on the connection
    pytest-django set up, and the connections opened while the browser ran are closed
    before it stops.
    """
    if SKIP_REASON:
        pytest.skip(SKIP_REASON)
    from django.db import connections
    from playwright.sync_api import sync_playwright

    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        # Django refuses ORM calls from a thread with a running event loop
        # (SynchronousOnlyOperation); the browser tests' own ORM calls are safe.
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
        connections.close_all()


@dataclass
class Portal:
    """The live site with the demo content, as seen by the browser."""

    base_url: str
    exit_url: str

    @property
    def host(self):
        return urlsplit(self.base_url).netloc

    def url(self, path):
        return self.base_url + path

    def path(self, url):
        """The path (and query) of a URL on the live server; the URL itself elsewhere."""
        parts = urlsplit(url)
        if f"{parts.scheme}://{parts.netloc}" != self.base_url:
            return url
        return parts.path + (f"?{parts.query}" if parts.query else "")


def _flush(django_db_blocker):
    from django.core.management import call_command

    with django_db_blocker.unblock():
        # As Django's TransactionTestCase flushes: the sequences go on counting (rows
        # restored with their ids do not move a PostgreSQL sequence), no post_migrate.
        call_command(
            "flush",
            interactive=False,
            reset_sequences=False,
            inhibit_post_migrate=True,
            verbosity=0,
        )


def _cache_content_types():
    """Have every model's content type in the database and in Django's cache.

    Wagtail's Page and Task look up their content type when they are instantiated, also
    while Django restores a serialized database, which restores the content types
    last: a lookup that missed the cache then would create a second row for the same
    model.
    """
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    ContentType.objects.clear_cache()
    ContentType.objects.get_for_models(*apps.get_models(), for_concrete_models=False)


@pytest.fixture(scope="session")
def _demo_snapshot(demo, django_db_blocker):
    """The database with the demo content, serialized once per session.

    Loading the demo content takes seconds; restoring it from this snapshot takes a
    fraction of that. tests/conftest.py's `demo` fixture has loaded it into the session
    database already (pytest-django runs the rolled-back tests, which leave it untouched, before
    any transactional test); if an earlier transactional test has flushed it, start
    again from what the migrations left.
    """
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection

    from base.models import HomePage
    from demo.public import load_public_content

    with django_db_blocker.unblock():
        if not HomePage.objects.exists():
            # What the migrations made (root page, locale, default site), serialized by
            # pytest-django because the browser tests ask for a serialized rollback.
            migrated = getattr(connection, "_test_serialized_contents", None)
            assert migrated is not None, "no serialized database to start the demo content from"
            _flush(django_db_blocker)
            ContentType.objects.bulk_create(
                ContentType(pk=item["pk"], **item["fields"])
                for item in json.loads(migrated)
                if item["model"] == "contenttypes.contenttype"
            )
            _cache_content_types()
            connection.creation.deserialize_db_from_string(migrated)
        load_public_content()  # idempotent: completes whatever is missing
        _cache_content_types()
        snapshot = connection.creation.serialize_db_to_string()
    # Each browser test restores the snapshot into an empty database, as Django does.
    _flush(django_db_blocker)
    return snapshot


@pytest.fixture(scope="module")
def _restore_demo_content(browser, _demo_snapshot):
    """Make Django's serialized rollback restore the demo content before each browser test.

    A transactional test with serialized_rollback reloads the connection's
    `_test_serialized_contents` before it runs (and its flush afterwards leaves the
    database empty); for the browser tests that is the demo snapshot. Other tests get
    back whatever they had. This runs once the browser has started, so that it sets the
    snapshot on the connection Django uses during the browser tests.
    """
    from django.db import connection

    missing = object()
    original = getattr(connection, "_test_serialized_contents", missing)
    connection._test_serialized_contents = _demo_snapshot
    yield
    if original is missing:
        del connection._test_serialized_contents
    else:
        connection._test_serialized_contents = original


@pytest.fixture
def portal(_restore_demo_content, live_server, django_db_serialized_rollback):
    """The demo content on the live server; the quick exit leads to its /healthz/.

    load_public_content() is idempotent: here it checks that the restored snapshot is
    complete (and would create anything missing).
    """
    from wagtail.models import Site

    from base.models import SafetySettings
    from demo.public import load_public_content

    load_public_content()
    base_url = live_server.url
    exit_url = base_url + "/healthz/"
    safety = SafetySettings.for_site(Site.objects.get(is_default_site=True))
    safety.exit_url = exit_url
    safety.save()
    return Portal(base_url=base_url, exit_url=exit_url)


def _new_context(browser, **options):
    options.setdefault("viewport", {"width": 1280, "height": 800})
    options.setdefault("locale", "sv-SE")
    options.setdefault("service_workers", "block")
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def new_context(browser):
    """Factory for extra browser contexts (other viewport, JavaScript off); closed after the test."""
    contexts = []

    def make(**options):
        context = _new_context(browser, **options)
        contexts.append(context)
        return context

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def context(new_context):
    return new_context()


@pytest.fixture
def page(context, portal):
    page = context.new_page()
    # Any JavaScript error on a public page is a bug.
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    assert not errors, f"JavaScript errors: {errors}"


def visit(page, portal, path):
    """Open `path` on the live server and insist on a successful answer."""
    response = page.goto(portal.url(path))
    assert response is not None, path
    assert response.ok, f"{path}: HTTP {response.status}"
    return response


@pytest.fixture(scope="session")
def axe_source():
    """axe-core's axe.min.js, as shipped in the axe-playwright-python wheel."""
    try:
        from importlib.resources import files

        source = files("axe_playwright_python").joinpath("axe.min.js").read_text()
    except (ImportError, FileNotFoundError):
        pytest.skip(
            "axe-core not found (pip install axe-playwright-python): accessibility tests skipped"
        )
    return source
