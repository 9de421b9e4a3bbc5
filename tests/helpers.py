"""Small helpers shared by the test modules."""

import os
from html.parser import HTMLParser

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


def make_user(
    email, role=None, party=None, mfa=True, superuser=False, password="rätt-lösenord-123"
):
    """A staff account with the given role; with a TOTP second factor unless mfa=False."""
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
    from django.contrib.auth import get_user_model
    from django.contrib.auth.models import Group

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


def totp_code(secret):
    from allauth.mfa.totp.internal.auth import (
        format_hotp_value,
        hotp_value,
        yield_hotp_counters_from_time,
    )

    counter = next(iter(yield_hotp_counters_from_time()))
    return format_hotp_value(hotp_value(secret, counter))


def clean_environ():
    """The environment for a subprocess, without what the browser tests set for their thread."""
    return {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
