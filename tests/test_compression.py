"""Public pages go out gzip-compressed; a page that carries a secret (a session, a CSRF
token) never does, so its size cannot give the secret away (portal/middleware/compression.py)."""

import gzip

import pytest

from staff import roles

from .helpers import SecondFactorClient as Client
from .helpers import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

GZIP = {"HTTP_ACCEPT_ENCODING": "gzip, deflate, br"}


def test_public_pages_are_sent_compressed(client):
    for url in ["/", "/stod/polisen/", "/hitta-hjalp/krokom/", "/sok/?q=polisen", "/en/"]:
        response = client.get(url, **GZIP)
        assert response.status_code == 200, url
        assert response["Content-Encoding"] == "gzip", url
        assert "Accept-Encoding" in response["Vary"], url
        html = gzip.decompress(response.content).decode()
        assert "Lämna sidan snabbt" in html or "Leave this site quickly" in html, url
        assert len(response.content) < len(html) / 2, url


def test_a_cached_page_is_sent_as_the_client_accepts_it(client):
    compressed = client.get("/", **GZIP)
    assert compressed["Content-Encoding"] == "gzip"
    assert client.get("/", **GZIP)["X-Cache"] == "hit"
    # A client that does not accept gzip never gets the compressed copy from the cache.
    plain = client.get("/")
    assert "Content-Encoding" not in plain
    assert plain.content == gzip.decompress(compressed.content)


def test_pages_with_a_secret_are_never_compressed():
    anonymous = Client()
    # The login form holds a CSRF token and sets its cookie.
    login = anonymous.get("/accounts/login/", **GZIP)
    assert login.status_code == 200
    assert "csrfmiddlewaretoken" in login.content.decode()
    assert "Content-Encoding" not in login
    # A signed-in user's pages, public or staff, go out as they are.
    user = make_user("las@example.org", role=roles.PROFESSIONAL)
    signed_in = Client()
    signed_in.force_login(user)
    for url in ["/", "/sok/?q=polisen", "/personal/", "/personal/samrad/ny/"]:
        response = signed_in.get(url, **GZIP)
        assert response.status_code == 200, url
        assert "Content-Encoding" not in response, url
    # Any cookie at all (it may be a session) turns compression off, public page or not.
    anonymous.cookies["sessionid"] = "whatever"
    assert "Content-Encoding" not in anonymous.get("/", **GZIP)
