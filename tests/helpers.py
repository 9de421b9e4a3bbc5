"""Small helpers shared by the test modules."""

import os
import time
from html.parser import HTMLParser

from allauth.account.authentication import AUTHENTICATION_METHODS_SESSION_KEY
from django.test import Client
from wagtail.models import Page


class TagCounter(HTMLParser):
    """Collects tags and attributes of an HTML document."""

    def __init__(self):
        super().__init__()
        self.tags = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def find(self, tag, **attrs):
        return [
            found
            for name, found in self.tags
            if name == tag and all(found.get(key) == value for key, value in attrs.items())
        ]


def parse(response):
    parser = TagCounter()
    parser.feed(response.content.decode())
    return parser


def public_pages():
    """Every live public page of the site, in both languages."""
    return list(Page.objects.live().public().filter(depth__gt=1).specific())


JAMTLAND_PARTY = object()


def make_user(
    email, role=None, party=JAMTLAND_PARTY, mfa=True, superuser=False, password="rätt-lösenord-123"
):
    """A staff account with the given role; with a TOTP second factor unless mfa=False.
    Every account but a superuser belongs to a party (staff.accounts): Östersund's unless
    another is given; party=None makes an account without one, which may not sign in."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

    from .factories.organisations import party as make_party

    if party is JAMTLAND_PARTY:
        party = None if superuser else make_party("ostersund")

    user = get_user_model().objects.create_user(
        username=email.split("@")[0],
        email=email,
        password=password,
        party=party,
        is_superuser=superuser,
        is_staff=superuser,
    )
    if role:
        user.groups.add(Group.objects.get(name=role))
    if mfa:
        user.totp_secret = generate_totp_secret()
        TOTP.activate(user, user.totp_secret)
    return user


_HANDED_OUT = set()


def unused_totp_code(secret):
    """A code allauth accepts and has not seen: it refuses a code used once, so a user who
    logs in twice within one 30-second window needs the next window's code (waits if all
    three accepted windows are spent)."""
    import time

    while True:
        moment = time.time()
        now = int(moment) // 30
        for step in (0, 1, -1):
            # The last window's code expires with this window: not in its last seconds, or
            # the server reads it two windows old and refuses it.
            if step == -1 and 30 - moment % 30 < 10:
                continue
            if (secret, now + step) not in _HANDED_OUT:
                _HANDED_OUT.add((secret, now + step))
                return totp_code(secret, step=now + step - int(time.time()) // 30)
        time.sleep(1)


def totp_code(secret, step=-1):
    """The code of the 30-second window `step` away from now (allauth accepts -1, 0 and 1;
    a code once used is refused, so a second code in one test takes another step)."""
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    return format_hotp_value(hotp_value(secret, int(time.time()) // 30 + step))


def clean_environ():
    """The environment for a subprocess, without what the browser tests set for their thread."""
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}


class SecondFactorClient(Client):
    """force_login() as after allauth's login with password and TOTP: the session records
    both methods, as staff.middleware requires. A password-only session is made with
    `password_only_client` or the real login form."""

    def force_login(self, user, backend=None):
        super().force_login(user, backend)
        session = self.session
        now = time.time()
        session[AUTHENTICATION_METHODS_SESSION_KEY] = [
            {"method": "password", "at": now, "email": user.email},
            {"method": "mfa", "at": now, "type": "totp"},
        ]
        # The user the records belong to, as allauth stores it (account/internal/flows/login.py).
        session["account_authentication_methods_user"] = str(user.pk)
        session.save()


def set_up_totp_and_enter_a_code(client, password):
    """A signed-in account without a second factor sets one up, as a person would: allauth
    asks for the password again, the form takes a first code, and the session counts as
    verified only once a second code has been entered."""
    response = client.get("/accounts/2fa/totp/activate/")
    assert response["Location"].startswith("/accounts/reauthenticate/")
    response = client.post(response["Location"], {"password": password})
    assert response["Location"] == "/accounts/2fa/totp/activate/"
    assert client.get("/accounts/2fa/totp/activate/").status_code == 200
    secret = client.session["mfa.totp.secret"]
    response = client.post("/accounts/2fa/totp/activate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    response = client.get("/personal/")
    assert response["Location"] == "/accounts/2fa/reauthenticate/?next=%2Fpersonal%2F"
    response = client.post(response["Location"], {"code": totp_code(secret, step=0)})
    assert response["Location"] == "/personal/"
    assert client.get("/personal/").status_code == 200
