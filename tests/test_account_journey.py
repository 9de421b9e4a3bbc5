"""A new professional's way in, from the administrator's form to the staff area."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail

from staff import roles

from .factories.organisations import party
from .helpers import make_user, set_up_totp_and_enter_a_code

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_area")]
BASE_URL = "https://norrsken.example.se"


def link_in(message):
    return re.search(r"https?://\S+/accounts/password/reset/key/\S+", message.body).group(0)


def create_account(client, email="Ny.Person@example.org"):
    client.force_login(make_user("chef@example.org", superuser=True))
    response = client.post(
        "/admin/users/new/",
        {
            "username": "ny",
            "email": email,
            "first_name": "Ny",
            "last_name": "Person",
            "party": party("bracke").pk,
            "groups": [Group.objects.get(name=roles.PROFESSIONAL).pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.logout()
    return get_user_model().objects.get(username="ny")


@pytest.mark.parametrize("reset_first", [False, True])
def test_new_account_reaches_the_staff_area(client, settings, reset_first):
    settings.WAGTAILADMIN_BASE_URL = BASE_URL
    user = create_account(client)
    assert user.party.slug == "bracke"
    [created] = mail.outbox
    if reset_first:
        # Someone anonymous asks for a reset of the address first (from another port).
        response = client.post(
            "/accounts/password/reset/",
            {"email": "ny.person@example.org"},
            HTTP_HOST="localhost:9999",
        )
        assert response.status_code == 302
        reset = mail.outbox[-1]
        assert link_in(reset).startswith(BASE_URL + "/accounts/password/reset/key/")
        assert "localhost" not in reset.body
    link = link_in(created)
    assert link.startswith(BASE_URL + "/")
    response = client.get(link.removeprefix(BASE_URL))
    assert response.status_code == 302
    password = "Nytt-bra-lösen-77"
    response = client.post(response["Location"], {"password1": password, "password2": password})
    assert response.status_code == 302

    response = client.post(
        "/accounts/login/?next=/personal/", {"login": "ny.person@example.org", "password": password}
    )
    assert response.status_code == 302
    assert client.get("/personal/")["Location"] == "/accounts/2fa/totp/activate/"
    set_up_totp_and_enter_a_code(client, password)


def test_changing_the_email_in_the_admin_replaces_the_login_address(client):
    user = make_user("gammal@example.org", role=roles.PROFESSIONAL)
    client.force_login(make_user("chef@example.org", superuser=True))
    response = client.post(
        f"/admin/users/edit/{user.pk}/",
        {
            "username": user.username,
            "email": "ny@example.org",
            "first_name": "Gammal",
            "last_name": "Adress",
            "party": user.party_id,
            "groups": [Group.objects.get(name=roles.PROFESSIONAL).pk],
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    client.logout()
    assert list(EmailAddress.objects.filter(user=user).values_list("email", "verified")) == [
        ("ny@example.org", True)
    ]
    mail.outbox.clear()
    response = client.post(
        "/accounts/login/", {"login": "gammal@example.org", "password": "rätt-lösenord-123"}
    )
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    client.post("/accounts/password/reset/", {"email": "gammal@example.org"})
    assert mail.outbox == []
    response = client.post(
        "/accounts/login/", {"login": "ny@example.org", "password": "rätt-lösenord-123"}
    )
    assert response["Location"] == "/accounts/2fa/authenticate/"
