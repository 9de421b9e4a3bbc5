"""Login with a second factor, enforcement, rate limits, admin-created and deleted accounts."""

import re

import pytest
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.cache import cache

from staff import roles

from .factories.organisations import party
from .helpers import make_user, set_up_totp_and_enter_a_code, totp_code
from .samrad_helpers import make_request, professional

pytestmark = pytest.mark.django_db
PASSWORD = "rätt-lösenord-123"


@pytest.fixture(autouse=True)
def signing_in_leads_to_the_staff_area(staff_area):
    """/personal/, where a login lands, is the staff area's home page."""


@pytest.fixture(autouse=True)
def clear_rate_limits():
    cache.clear()
    yield
    cache.clear()


def log_in(client, email, password=PASSWORD, next_url="/personal/"):
    return client.post(f"/accounts/login/?next={next_url}", {"login": email, "password": password})


def test_totp_login_reaches_the_staff_area(client):
    user = make_user("yrke@example.org", role=roles.PROFESSIONAL)
    response = log_in(client, user.email)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/authenticate/"
    # Not logged in until the second factor is given.
    assert client.get("/personal/").status_code == 302
    response = client.post("/accounts/2fa/authenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert client.get("/personal/")["Location"].startswith("/accounts/login/")
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(user.totp_secret)})
    assert response.status_code == 302
    assert response["Location"] == "/personal/"
    assert client.get("/personal/").status_code == 200
    # The session ends when the browser closes: no expiry on the cookie.
    assert client.cookies["sessionid"]["expires"] == ""
    assert client.cookies["sessionid"]["httponly"]


def test_recovery_code_works_once(client):
    user = make_user("kod@example.org", role=roles.COORDINATOR)
    code = RecoveryCodes.activate(user).get_unused_codes()[0]
    log_in(client, user.email)
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response["Location"] == "/personal/"
    client.post("/accounts/logout/")
    log_in(client, user.email)
    response = client.post("/accounts/2fa/authenticate/", {"code": code})
    assert response.status_code == 200
    assert client.get("/personal/").status_code == 302


def test_user_without_second_factor_is_held_at_setup(client):
    user = make_user("utan@example.org", role=roles.PROFESSIONAL, mfa=False)
    response = log_in(client, user.email)
    assert response.status_code == 302
    for url in ["/personal/", "/personal/konto/", "/admin/", "/"]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/accounts/2fa/totp/activate/", url
    set_up_totp_and_enter_a_code(client, PASSWORD)
    # Logout is always reachable.
    assert client.post("/accounts/logout/").status_code == 302


def test_enforcement_can_be_switched_off_for_the_demo(client, settings):
    settings.MFA_REQUIRED = False
    make_user("demo@example.org", role=roles.PROFESSIONAL, mfa=False)
    log_in(client, "demo@example.org")
    assert client.get("/personal/").status_code == 200


def test_wrong_passwords_lock_the_account_for_a_while(client):
    user = make_user("las@example.org", role=roles.PROFESSIONAL)
    for _ in range(5):
        response = log_in(client, user.email, password="fel-lösenord")
        assert response.status_code == 200
        assert 'class="errorlist nonfield"' in response.content.decode()
    response = log_in(client, user.email)
    assert response.status_code in (200, 429)
    content = response.content.decode()
    assert "För många misslyckade inloggningsförsök" in content
    assert "_auth_user_id" not in client.session


def test_admin_creates_account_and_link_sets_password_once(client):
    admin = make_user("chef@example.org", superuser=True)
    client.force_login(admin)
    response = client.post(
        "/admin/users/new/",
        {
            "username": "ny",
            "email": "Ny.Person@example.org",
            "first_name": "Ny",
            "last_name": "Person",
            "party": party("bracke").pk,
            "groups": [Group.objects.get(name=roles.PROFESSIONAL).pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    user = get_user_model().objects.get(username="ny")
    assert not user.has_usable_password()
    assert user.party.slug == "bracke"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["Ny.Person@example.org"]
    assert "Operation Norrsken" in message.subject
    link = re.search(r"https?://\S+/accounts/password/reset/key/\S+", message.body).group(0)
    path = link.split("://", 1)[1].split("/", 1)[1]
    client.logout()

    response = client.get("/" + path)
    assert response.status_code == 302
    form_url = response["Location"]
    response = client.post(
        form_url, {"password1": "Nytt-bra-lösen-77", "password2": "Nytt-bra-lösen-77"}
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password("Nytt-bra-lösen-77")

    # The same link does not work again.
    response = client.get("/" + path, follow=True)
    assert "Nytt-bra-lösen-77" not in response.content.decode()
    assert b"password1" not in response.content
    # And the new user logs in with the e-mail address, then must set up a second factor.
    response = log_in(client, "ny.person@example.org", password="Nytt-bra-lösen-77")
    assert response.status_code == 302
    assert client.get("/personal/")["Location"] == "/accounts/2fa/totp/activate/"


def test_user_sees_and_ends_other_sessions(client):
    user = make_user("sessioner@example.org", role=roles.PROFESSIONAL)
    from .helpers import SecondFactorClient as Client

    other = Client()
    log_in(other, user.email)
    other.post("/accounts/2fa/authenticate/", {"code": totp_code(user.totp_secret)})
    client.force_login(user)
    response = client.get("/accounts/sessions/")
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    response = client.post("/accounts/sessions/", {"action": "end"}, follow=True)
    assert response.status_code == 200
    assert other.get("/personal/").status_code == 302


def test_account_kept_by_its_samrad_records_is_not_deleted_and_the_admin_is_told(client):
    """The requests and meetings an account created keep it (PROTECT): Wagtail's user
    deletion, single or bulk, answered that with a 500."""
    admin = make_user("chef@example.org", superuser=True)
    author = professional("skribent@example.org")
    make_request(author)
    leaver = make_user("slutat@example.org", role=roles.PROFESSIONAL)
    client.force_login(admin)

    response = client.post(f"/admin/users/delete/{author.pk}/", follow=True)
    assert response.redirect_chain[-1][0] == f"/admin/users/edit/{author.pk}/"
    assert "kan därför inte tas bort" in response.content.decode()
    response = client.post(f"/admin/bulk/staff/user/delete/?id={author.pk}&id={leaver.pk}")
    assert response.status_code == 302
    assert get_user_model().objects.filter(pk=author.pk).exists()
    # An account without records is deleted as before.
    assert not get_user_model().objects.filter(pk=leaver.pk).exists()
