"""Security headers on public, staff and admin pages, and no inline script or style."""

import pytest

from staff import roles

from .helpers import SecondFactorClient as Client
from .helpers import make_user, public_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


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


@pytest.mark.slow
def test_templates_have_no_inline_script_or_style(client):
    for page in public_pages():
        content = client.get(page.url).content.decode()
        assert "<script>" not in content and " style=" not in content and "<style" not in content, (
            page.url
        )
