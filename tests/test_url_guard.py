"""The guard: every URL pattern the resolver knows, requested as each kind of visitor with
GET, HEAD, POST (with and without the CSRF check) and each other method its view accepts,
under each language's prefix when i18n_patterns mounts it.

Two layers. url_outcomes.txt records the exact outcome of every request: a new pattern, a
new method, a new address or a changed answer fails the test until the file is rewritten
(see its first lines) and the diff read. url_access.py says who may get past each door at
all: whatever the file says, everyone else must be refused (sent to log in or to the
second factor, 401, 403, 404, 405, Wagtail's "no permission" redirect to its dashboard),
and no one gets a 5xx. Each request runs in a savepoint that is rolled back, with the
client's cookies put back, so a POST that deletes, signs out or locks changes nothing for
the next one.
"""

import functools
import logging
import os
import uuid
from http.cookies import SimpleCookie

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import Client
from wagtail.documents import get_document_model

from organisations.models import Party
from samrad.models import Action, Meeting, SamradRequest
from staff import roles

from . import url_outcomes
from .helpers import SecondFactorClient, make_user
from .samrad_helpers import coordinator, professional, request_data
from .url_access import (
    ACCESS,
    ADMIN_USERS,
    ADMINISTRATOR,
    ANONYMOUS,
    COORDINATOR,
    EDITOR,
    NO_ROLE,
    NOT_SET_UP,
    PASSWORD_ONLY,
    PROFESSIONAL,
    REFUSALS,
    REPRESENTATIVE,
    REPRESENTATIVE_PROFESSIONAL,
    VISITORS,
    WAGTAIL_ERRORS,
    access_for,
    may_reach,
    sample_paths,
)
from .url_inventory import ALL_METHODS, accepted_methods, inventory, language_prefixes

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

RECORD = bool(os.environ.get("URL_GUARD_RECORD"))

# Methods: every view is asked GET, HEAD and POST (with and without the CSRF check, so the
# view's own door answers too), and each other method its view says it accepts; a view that
# does not restrict its methods is asked PUT, standing for all the others.
CSRF_POST = "CSRF-POST"
METHODS = ["GET", "HEAD", "OPTIONS", "POST", CSRF_POST, "PUT", "PATCH", "DELETE"]
ALWAYS = {"GET", "HEAD", "POST", CSRF_POST}


def methods_to_request(accepted):
    others = {"PUT"} if accepted == ALL_METHODS else accepted
    return [method for method in METHODS if method in ALWAYS | others]


def accepted_text(accepted):
    return "any method" if accepted == ALL_METHODS else " ".join(sorted(accepted))


@functools.cache
def patterns():
    """Each pattern once (a later twin is shadowed by the first)."""
    found = {}
    for entry in inventory():
        found.setdefault(entry.key, entry)
    return found


@functools.cache
def cases():
    """[(pattern, address template, method, who may reach it)] and {pattern: its methods}."""
    found, accepts = [], {}
    for key, entry in patterns().items():
        accepted = accepted_methods(entry.view)
        accepts[key] = accepted_text(accepted)
        for template, access in sample_paths(entry):
            for prefix in language_prefixes(entry.localized):
                for method in methods_to_request(accepted):
                    found.append((key, f"/{prefix}{template}", method, access))
    return found, accepts


def visitor_client(name):
    if name == ANONYMOUS:
        return Client(raise_request_exception=False)
    if name in (PASSWORD_ONLY, NOT_SET_UP):
        client = Client(raise_request_exception=False)
        user = make_user("halv@example.org", role=roles.COORDINATOR, mfa=name == PASSWORD_ONLY)
        client.force_login(user)
        return client
    krokom = Party.objects.get(slug="krokom")
    users = {
        PROFESSIONAL: lambda: professional("guard-yrke@example.org"),
        COORDINATOR: lambda: coordinator("guard-samordnare@example.org"),
        REPRESENTATIVE: lambda: make_user(
            "guard-representant@example.org", role=roles.REPRESENTATIVE, party=krokom
        ),
        REPRESENTATIVE_PROFESSIONAL: lambda: make_user(
            "guard-representant-yrke@example.org", role=roles.PROFESSIONAL, party=krokom
        ),
        EDITOR: lambda: make_user("guard-red@example.org", role=roles.EDITOR),
        ADMINISTRATOR: lambda: make_user("guard-admin@example.org", superuser=True),
        NO_ROLE: lambda: make_user("guard-ingen@example.org"),
    }
    client = SecondFactorClient(raise_request_exception=False)
    client.user = users[name]()
    if name == REPRESENTATIVE_PROFESSIONAL:
        client.user.groups.add(Group.objects.get(name=roles.REPRESENTATIVE))
    client.force_login(client.user)
    return client


def real_objects(author):
    """The objects the address templates name, made for this test."""
    samrad_request = SamradRequest(
        created_by=author, referring_party=author.party, mode="deidentified"
    )
    for field in ("kind", "urgency", "situation", "question", "contact_phone", "contact_email"):
        setattr(samrad_request, field, request_data()[field])
    samrad_request.save()
    meeting = Meeting.objects.create(
        kind="weekly", starts_at=samrad_request.created_at, place="Polishuset", created_by=author
    )
    # The representatives' party (Krokom) is invited: its page of the meeting answers 200.
    meeting.invited_parties.add(Party.objects.get(slug="krokom"))
    action = Action.objects.create(
        request=samrad_request, party=Party.objects.get(slug="polisen"), description="Ring"
    )
    document = get_document_model().objects.get(collection__name="Personal")
    return {
        "request": samrad_request.pk,
        "meeting": meeting.pk,
        "action": action.pk,
        # Someone else's account, for the user administration.
        "user": author.pk,
        "private_document": document.url.removeprefix("/"),
        "collection": document.collection_id,
    }


class Requester:
    """Requests as one visitor, each in a rolled-back savepoint with the cookies restored.

    An outcome is the status and where a redirect leads (without the query), written with
    the templates' names for this test's objects (their ids differ from run to run)."""

    def __init__(self, client, objects, templates):
        self.client = client
        self.csrf_client = type(client)(enforce_csrf_checks=True, raise_request_exception=False)
        self.objects = objects
        self.addresses = {template.format(**objects): template for template in templates}

    def outcome(self, response):
        location = response.get("Location", "").split("?")[0].split("#")[0]
        location = self.addresses.get(location, location)
        for name, value in self.objects.items():
            if isinstance(value, uuid.UUID):
                location = location.replace(str(value), f"{{{name}}}")
        return f"{response.status_code} {location}".strip()

    def answer(self, method, template):
        saved = SimpleCookie(self.client.cookies)
        client = self.client
        if method == CSRF_POST:
            client, method = self.csrf_client, "POST"
            client.cookies = SimpleCookie(saved)
        with transaction.atomic():
            response = getattr(client, method.lower())(template.format(**self.objects))
            transaction.set_rollback(True)
        self.client.cookies = saved
        return self.outcome(response)


def test_every_pattern_has_a_decision_and_recorded_outcomes():
    keys = patterns()
    undecided = [key for key in keys if access_for(key) is None]
    assert not undecided, f"Decide who may reach these new URL patterns (ACCESS): {undecided}"
    stale = [key for key in ACCESS if key not in keys]
    assert not stale, f"These patterns are no longer mounted: {stale}"
    if RECORD:
        return
    found, accepts = cases()
    recorded_accepts, recorded = url_outcomes.read()
    changed = {
        key: (recorded_accepts.get(key), methods)
        for key, methods in accepts.items()
        if recorded_accepts.get(key) != methods
    }
    assert not changed, f"Patterns new, or accepting other methods (recorded, now): {changed}"
    rows = {(key, address, method) for key, address, method, _access in found}
    assert not rows - recorded.keys(), f"Not recorded: {sorted(rows - recorded.keys())}"
    assert not recorded.keys() - rows, f"No longer requested: {sorted(recorded.keys() - rows)}"


@pytest.mark.slow
@pytest.mark.parametrize("visitor", VISITORS)
def test_each_address_answers_each_visitor_as_recorded(visitor, caplog, settings):
    # Thousands of 403s and 404s are expected: only errors are worth logging.
    caplog.set_level(logging.ERROR, logger="django")
    # allauth's record of when and from where a session was last seen opens no door and
    # shuts none; it writes on each of the ~1,900 requests, a quarter of their time.
    settings.USERSESSIONS_TRACK_ACTIVITY = False
    client = visitor_client(visitor)
    author = getattr(client, "user", None)
    if visitor != PROFESSIONAL:
        author = professional("guard-forfattare@example.org")
    found, accepts = cases()
    requester = Requester(client, real_objects(author), {case[1] for case in found})
    got = {}
    for key, template, method, _access in found:
        got[key, template, method] = requester.answer(method, template)

    # Whatever is recorded: no 5xx, and no one past a door that is not theirs.
    broken = [
        f"{visitor}: {method} {template} ({key}) -> {got[key, template, method]}"
        for key, template, method, access in found
        if (
            got[key, template, method].startswith("5")
            and not (visitor in ADMIN_USERS and (key, method) in WAGTAIL_ERRORS)
        )
        or (not may_reach(visitor, key, access) and got[key, template, method] not in REFUSALS)
    ]

    recorded_accepts, recorded = url_outcomes.read()
    if RECORD:
        for row in list(recorded):
            if row not in got:
                del recorded[row]
        for row, answer in got.items():
            recorded.setdefault(row, {})[visitor] = answer
        url_outcomes.write(accepts, recorded, VISITORS, METHODS)
    else:
        broken += [
            f"{visitor}: {method} {template} ({key}) -> {answer}, recorded "
            f"{recorded.get((key, template, method), {}).get(visitor)}"
            for (key, template, method), answer in got.items()
            if recorded.get((key, template, method), {}).get(visitor) != answer
        ]
    assert not broken, "\n".join(broken)
