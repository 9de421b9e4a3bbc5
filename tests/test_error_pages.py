"""Error pages in the site's design, with the quick exit, and without details."""

import pytest
from django.db import OperationalError

from .helpers import SecondFactorClient as Client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


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

    monkeypatch.setattr("base.models.HomePage.get_context", broken)
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
