"""One door, one second factor per session: what an attacker with a stolen password meets."""

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.apps import apps
from django.contrib.auth import get_user_model

from staff import roles
from staff.apps import StaffConfig

from .helpers import make_user, totp_code

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_area")]
PASSWORD = "rätt-lösenord-123"


def test_staff_config_is_loaded_and_its_signals_are_connected():
    assert type(apps.get_app_config("staff")) is StaffConfig
    # staff/signals.py: an account created anywhere has its login address verified, which
    # allauth needs before a second factor can be added.
    user = get_user_model().objects.create_user(username="ny", email="Ny@Example.org")
    assert EmailAddress.objects.filter(user=user, email="ny@example.org", verified=True).exists()


@pytest.mark.parametrize("url", ["/admin/login/", "/_util/login/", "/en/_util/login/"])
def test_wagtail_login_forms_send_to_the_one_login(client, url):
    user = make_user("offer@example.org", role=roles.COORDINATOR)
    response = client.get(url + "?next=/personal/samrad/inkorg/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/personal/samrad/inkorg/"
    # A password posted to the old form opens nothing.
    response = client.post(url, {"username": user.username, "password": PASSWORD})
    assert response.status_code in (302, 405)
    assert "_auth_user_id" not in client.session
    assert client.get("/personal/samrad/inkorg/").status_code == 302
    # Off-site "next" is dropped.
    response = client.get(url + "?next=https://evil.example/")
    assert response["Location"] == "/accounts/login/?next=/personal/"


@pytest.mark.parametrize(
    "url",
    [
        "/admin/password_reset/",
        "/admin/password_reset/done/",
        "/_util/authenticate_with_password/1/3/",
        "/documents/authenticate_with_password/1/",
    ],
)
def test_other_password_forms_are_not_mounted(client, url):
    assert client.get(url).status_code == 404
    assert client.post(url, {"password": "x"}).status_code == 404


def test_shared_password_restrictions_are_not_offered_to_editors():
    from wagtail.admin.forms.collections import CollectionViewRestrictionForm
    from wagtail.admin.forms.pages import PageViewRestrictionForm
    from wagtail.models import CollectionViewRestriction, PageViewRestriction

    for form in (
        PageViewRestrictionForm(
            instance=PageViewRestriction(), private_page_options=["password", "login", "groups"]
        ),
        CollectionViewRestrictionForm(instance=CollectionViewRestriction()),
    ):
        choices = [value for value, _label in form.fields["restriction_type"].choices]
        assert "password" not in choices
        assert "groups" in choices


STAFF_DATA = [
    "/personal/",
    "/personal/samrad/inkorg/",
    "/personal/samrad/statistik/",
    "/admin/",
    "/accounts/2fa/",
    "/accounts/2fa/totp/deactivate/",
    "/accounts/2fa/recovery-codes/",
    "/accounts/reauthenticate/",
    "/accounts/sessions/",
    "/accounts/password/change/",
    "/accounts/email/",
]


def test_password_only_session_of_an_account_with_a_second_factor(password_only_client):
    """As if the password had opened a session by any door but allauth's second factor."""
    user = make_user("stulen@example.org", role=roles.COORDINATOR)
    password_only_client.force_login(user)
    for url in STAFF_DATA:
        response = password_only_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/2fa/reauthenticate/?next="), url
    # The second factor cannot be switched off with the password.
    response = password_only_client.post("/accounts/reauthenticate/", {"password": PASSWORD})
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/")
    response = password_only_client.post("/accounts/2fa/totp/deactivate/", {})
    assert response["Location"].startswith("/accounts/2fa/reauthenticate/")
    assert Authenticator.objects.filter(user=user, type="totp").exists()
    # A wrong code keeps the door shut; the right one opens it.
    response = password_only_client.post("/accounts/2fa/reauthenticate/", {"code": "000000"})
    assert response.status_code == 200
    assert password_only_client.get("/personal/samrad/inkorg/").status_code == 302
    response = password_only_client.post(
        "/accounts/2fa/reauthenticate/?next=/personal/samrad/inkorg/",
        {"code": totp_code(user.totp_secret)},
    )
    assert response["Location"] == "/personal/samrad/inkorg/"
    assert password_only_client.get("/personal/samrad/inkorg/").status_code == 200


def test_password_only_session_without_a_second_factor_reaches_only_setup(password_only_client):
    user = make_user("ny@example.org", role=roles.COORDINATOR, mfa=False)
    password_only_client.force_login(user)
    for url in STAFF_DATA:
        if url in ("/accounts/reauthenticate/",):
            continue
        response = password_only_client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == "/accounts/2fa/totp/activate/", url


def test_sessions_end_twelve_hours_after_login(client, settings):
    user = make_user("lang@example.org", role=roles.PROFESSIONAL)
    client.force_login(user)
    assert client.get("/personal/").status_code == 200
    session = client.session
    for record in session["account_authentication_methods"]:
        record["at"] -= settings.SESSION_ABSOLUTE_SECONDS + 1
    session.save()
    response = client.get("/personal/")
    assert response["Location"] == "/accounts/login/?next=/personal/"
    assert "_auth_user_id" not in client.session


def test_admin_logout_ends_the_session_completely_or_not_at_all(client):
    user = make_user("ut@example.org", role=roles.EDITOR)
    client.force_login(user)
    session_key = client.session.session_key
    # GET asks; the session stays valid.
    assert client.get("/admin/logout/").status_code == 200
    assert client.get("/personal/").status_code == 200
    # POST (the admin's own button) ends it on the server, not only in the browser.
    response = client.post("/admin/logout/")
    assert response.status_code == 302
    from django.contrib.sessions.models import Session

    assert not Session.objects.filter(session_key=session_key).exists()
    client.cookies["sessionid"] = session_key
    assert client.get("/personal/").status_code == 302


def test_keepalive_restarts_the_idle_time_and_carries_nothing(client, password_only_client):
    from datetime import timedelta

    from django.contrib.sessions.models import Session
    from django.utils import timezone

    password_only_client.force_login(make_user("halv@example.org", role=roles.PROFESSIONAL))
    assert password_only_client.post("/accounts/keepalive/").status_code == 302
    assert client.post("/accounts/keepalive/").status_code == 401
    assert client.get("/accounts/keepalive/").status_code == 405
    client.force_login(make_user("skriver@example.org", role=roles.PROFESSIONAL))
    form = client.get("/personal/samrad/ny/avidentifierad/").content.decode()
    assert "novalidate data-keep-session>" in form
    assert 'data-keep-session-url="/accounts/keepalive/"' in form
    assert "staff/js/keep-session.js" in form
    key = client.session.session_key
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + timedelta(minutes=1))
    response = client.post("/accounts/keepalive/")
    assert response.status_code == 204 and response.content == b""
    left = Session.objects.get(pk=key).expire_date - timezone.now()
    assert left > timedelta(minutes=29)


def test_switching_off_the_second_factor_holds_the_session_at_setup(client):
    user = make_user("av@example.org", role=roles.PROFESSIONAL)
    client.force_login(user)
    assert client.get("/personal/").status_code == 200
    Authenticator.objects.filter(user=user).delete()
    response = client.get("/personal/")
    assert response["Location"] == "/accounts/2fa/totp/activate/"
