"""Privacy comes from what a page or document is and from migrations, not from demo data."""

import os
import subprocess
import sys

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, PageViewRestriction

from staff import roles
from staff.models import RoutinePage, StaffHomePage

from .helpers import clean_environ, make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def test_staff_pages_stay_private_without_any_view_restriction(client):
    PageViewRestriction.objects.all().delete()
    urls = [p.url for p in StaffHomePage.objects.get().get_descendants(inclusive=True).live()]
    assert len(urls) == 9
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/?next=")
    client.force_login(make_user("ingen@example.org"))
    for url in urls:
        assert client.get(url).status_code == 403, url
    client.force_login(make_user("yrke@example.org", role=roles.PROFESSIONAL))
    for url in urls:
        assert client.get(url).status_code == 200, url


def test_staff_pages_never_show_in_public_search(client):
    PageViewRestriction.objects.all().delete()
    routine = RoutinePage.objects.first()
    response = client.get("/sok/", {"q": routine.title})
    assert routine.url not in response.content.decode()


def document_in(collection):
    document = get_document_model()(title="Uppladdad", collection=collection)
    document.file.save("uppladdad.txt", ContentFile(b"intern uppgift"), save=False)
    document.save()
    return document


def test_a_document_uploaded_with_the_defaults_is_private(client):
    document = document_in(Collection.get_first_root_node())
    response = client.get(document.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    client.force_login(make_user("ingen@example.org"))
    assert client.get(document.url).status_code == 403
    client.force_login(make_user("yrke@example.org", role=roles.PROFESSIONAL))
    assert client.get(document.url).status_code == 200


def test_publishing_a_document_is_moving_it_to_the_public_collection(client):
    public = Collection.objects.get(name=settings.PUBLIC_DOCUMENT_COLLECTION)
    document = document_in(public.add_child(name="Broschyrer"))
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"intern uppgift"


def test_renaming_a_role_group_changes_no_ones_access(client):
    from django.contrib.auth.models import Group

    user = make_user("samordnare2@example.org", role=roles.COORDINATOR)
    Group.objects.filter(name=roles.COORDINATOR).update(name="Samordnare (länet)")
    client.force_login(user)
    assert client.get("/personal/samrad/inkorg/").status_code == 200
    assert client.get(StaffHomePage.objects.get().url).status_code == 200


def test_administrators_and_editors_never_read_requests(client):
    for user in (
        make_user("admin2@example.org", superuser=True),
        make_user("red2@example.org", role=roles.EDITOR),
    ):
        client.force_login(user)
        assert client.get("/personal/samrad/inkorg/").status_code == 403


@pytest.fixture
def fresh_database_url(tmp_path):
    """An empty database of the suite's kind: a new SQLite file, or a new PostgreSQL
    database beside the test database (dropped afterwards)."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    import psycopg

    name = f"norrsken_fresh_{os.getpid()}"
    base, _, _ = url.rpartition("/")
    with psycopg.connect(url, autocommit=True) as admin:
        admin.execute(f"DROP DATABASE IF EXISTS {name}")
        admin.execute(f"CREATE DATABASE {name}")
    try:
        yield f"{base}/{name}"
    finally:
        with psycopg.connect(url, autocommit=True) as admin:
            admin.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.mark.slow
def test_a_fresh_site_is_private_without_demo_content(fresh_database_url):
    """migrate + setup_site, as the README's deployment section says, and nothing else."""
    env = clean_environ() | {
        "DATABASE_URL": fresh_database_url,
        "DJANGO_SETTINGS_MODULE": "portal.settings.test",
    }
    env.pop("REQUIRE_POSTGRES", None)
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    for command in (["migrate", "--noinput"], ["setup_site"], ["setup_site"]):
        subprocess.run([*manage, *command], env=env, check=True, capture_output=True)
    check = """
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Collection
from staff.models import StaffHomePage
home = StaffHomePage.objects.get()
assert home.url == "/personal/", home.url
assert home.get_view_restrictions().get().groups.count() == 3
personal = Collection.objects.get(name="Personal")
assert personal.get_view_restrictions().get().groups.count() == 3
document = get_document_model()(title="Rutin", collection=personal)
document.file.save("rutin.txt", ContentFile(b"intern"), save=False)
document.save()
client = Client()
for url in ["/personal/", document.url]:
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
print("private")
"""
    result = subprocess.run(
        [*manage, "shell", "-c", check], env=env, capture_output=True, text=True
    )
    assert result.stdout.strip().endswith("\nprivate"), result.stderr
