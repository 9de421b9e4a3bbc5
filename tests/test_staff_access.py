"""Who may open what in the staff area: pages, private documents, account pages."""

import pytest
from wagtail.documents import get_document_model

from organisations.models import Party
from staff import roles
from staff.models import StaffHomePage

from .helpers import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

ROLES = {
    "anonymous": None,
    "professional": roles.PROFESSIONAL,
    "coordinator": roles.COORDINATOR,
    "editor": roles.EDITOR,
    "administrator": "superuser",
    "no role": "none",
}


@pytest.fixture
def as_role(client):
    def login(name):
        role = ROLES[name]
        if role is None:
            return client
        user = make_user(
            f"{name.replace(' ', '')}@example.org",
            role=role if role not in ("superuser", "none") else None,
            party=Party.objects.get(slug="krokom"),
            superuser=role == "superuser",
        )
        client.force_login(user)
        return client

    return login


def staff_urls():
    home = StaffHomePage.objects.get()
    return [page.url for page in home.get_descendants(inclusive=True).live().specific()]


def private_document_url():
    return get_document_model().objects.get(collection__name="Personal").url


EXPECTED = {
    # role: status for staff pages and the private document
    "anonymous": 302,
    "professional": 200,
    "coordinator": 200,
    "editor": 200,
    "administrator": 200,
    "no role": 403,
}


@pytest.mark.parametrize("role", list(EXPECTED))
def test_access_matrix(as_role, role):
    client = as_role(role)
    urls = staff_urls()
    assert len(urls) == 9  # home, routine index, 4 routines, consent, secrecy, directory
    for url in [*urls, private_document_url()]:
        response = client.get(url)
        assert response.status_code == EXPECTED[role], (role, url)
        if response.status_code == 302:
            assert response["Location"].startswith("/accounts/login/?next=")
        assert response["Cache-Control"] == "no-store, private", url
        assert "noindex" in response["X-Robots-Tag"], url
        assert response["Referrer-Policy"] == "same-origin", url


@pytest.mark.parametrize(
    "role,status", [("anonymous", 302), ("professional", 200), ("no role", 200)]
)
def test_profile_page(as_role, role, status):
    response = as_role(role).get("/personal/konto/")
    assert response.status_code == status
    if status == 200:
        assert "Krokoms kommun" in response.content.decode()
        assert response["Cache-Control"] == "no-store, private"


@pytest.mark.parametrize(
    "role,status",
    [
        ("anonymous", 302),
        ("professional", 302),
        # The coordinators keep the routines (staff/migrations/0009), in the admin.
        ("coordinator", 200),
        ("editor", 200),
        ("administrator", 200),
    ],
)
def test_wagtail_admin_only_for_editors_coordinators_and_administrators(as_role, role, status):
    response = as_role(role).get("/admin/")
    assert response.status_code == status
    assert response["Cache-Control"] == "no-store, private"


def test_editor_can_edit_pages_but_professional_cannot(as_role):
    home = StaffHomePage.objects.get()
    client = as_role("editor")
    assert client.get(f"/admin/pages/{home.pk}/edit/").status_code == 200


def test_document_file_is_not_under_media_url(client, settings):
    document = get_document_model().objects.get(collection__name="Personal")
    assert document.file.name.startswith("documents/")
    assert client.get(settings.MEDIA_URL + document.file.name).status_code == 404
    assert document.url.startswith("/documents/")


def test_document_download_for_staff(as_role):
    client = as_role("professional")
    response = client.get(private_document_url())
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert body.startswith(b"%PDF-1.4")
    assert response["Cache-Control"] == "no-store, private"


def test_staff_pages_never_public(client):
    urls = staff_urls()
    search = client.get("/sok/", {"q": "samråd rutin"}).content.decode()
    sitemap = client.get("/sitemap.xml").content.decode()
    home = client.get("/").content.decode()
    for url in urls:
        assert f'href="{url}"' not in search
        assert url not in sitemap
        assert f'href="{url}"' not in home
    assert "/personal/" not in home


def test_signup_is_impossible(client):
    from django.contrib.auth import get_user_model

    before = get_user_model().objects.count()
    assert client.get("/accounts/signup/").status_code == 404
    response = client.post(
        "/accounts/signup/",
        {
            "email": "inkrakt@example.org",
            "password1": "Hemligt-lösen-99",
            "password2": "Hemligt-lösen-99",
        },
    )
    assert response.status_code == 404
    assert get_user_model().objects.count() == before
    assert "signup" not in client.get("/accounts/login/").content.decode()
