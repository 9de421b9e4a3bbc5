"""The guard: every URL pattern the resolver knows, requested as each kind of visitor.

A pattern without an expected outcome fails the test: whoever mounts a new one (a new
view, an installed app, a framework upgrade) decides here who may reach it. Wagtail's
admin patterns are listed in admin_url_patterns.txt; Wagtail decides who may use each
(editors and administrators), and this test holds that no one else gets past its door.
"""

from pathlib import Path

import pytest
from django.test import Client
from wagtail.documents import get_document_model

from guidance.models import Party
from samrad.models import Meeting, SamradRequest
from staff import roles

from .helpers import SecondFactorClient, make_user
from .samrad_helpers import coordinator, professional, request_data
from .url_inventory import inventory

pytestmark = pytest.mark.django_db

ANONYMOUS = "anonymous"
PASSWORD_ONLY = "password only"
NOT_SET_UP = "password only, no second factor yet"
NO_ROLE, PROFESSIONAL, COORDINATOR = "no role", "professional", "coordinator"
REPRESENTATIVE = "samråd representative"
EDITOR, ADMINISTRATOR = "editor", "administrator"
VISITORS = [
    ANONYMOUS,
    PASSWORD_ONLY,
    NOT_SET_UP,
    NO_ROLE,
    PROFESSIONAL,
    COORDINATOR,
    REPRESENTATIVE,
    EDITOR,
    ADMINISTRATOR,
]
SIGNED_IN = [NO_ROLE, PROFESSIONAL, COORDINATOR, REPRESENTATIVE, EDITOR, ADMINISTRATOR]

LOGIN = (302, "/accounts/login/")
OK = (200, "")
FORBIDDEN = (403, "")
NOT_FOUND = (404, "")
NOT_ALLOWED = (405, "")


def everyone(*outcomes, anonymous=None):
    """The same outcomes for every signed-in role; anonymous visitors may differ."""
    expected = dict.fromkeys(SIGNED_IN, set(outcomes))
    expected[ANONYMOUS] = set(anonymous or outcomes)
    return expected


def roles_only(allowed, outcomes=(OK,), others=(FORBIDDEN,)):
    expected = {role: set(outcomes if role in allowed else others) for role in SIGNED_IN}
    expected[ANONYMOUS] = {LOGIN}
    return expected


PUBLIC = everyone(OK)
GONE = everyone(NOT_FOUND)
TO_LOGIN = everyone(LOGIN)
# allauth's pages for signing in or choosing a password: open to all, harmless to the
# signed-in (a spent or made-up key shows allauth's "invalid link" page).
ACCOUNT_ENTRY = everyone(OK, (302, "/"), (302, "/personal/"), (302, "/accounts/login/"))
# The signed-in user's own account settings: everyone with a session, no one without.
OWN_ACCOUNT = everyone(
    OK,
    NOT_FOUND,
    (302, "/accounts/reauthenticate/"),
    (302, "/accounts/password/change/"),
    anonymous=[LOGIN],
)
SEND = roles_only({PROFESSIONAL, COORDINATOR})
COORDINATE = roles_only({COORDINATOR})
DOCUMENT = roles_only({PROFESSIONAL, COORDINATOR, EDITOR, ADMINISTRATOR})

EXPECTED = {
    "healthz/": PUBLIC,
    "robots.txt": PUBLIC,
    "sitemap.xml": PUBLIC,
    "sok/": PUBLIC,
    r"^((?:[\w\-]+/)*)$": PUBLIC,
    "documents/^(\\d+)/(.*)$": DOCUMENT,
    # One door: Wagtail's login forms send to allauth's.
    "admin/login/": TO_LOGIN,
    "_util/login/": TO_LOGIN,
    # Not mounted.
    "documents/authenticate_with_password/<path:rest>": GONE,
    "documents/authenticate_with_password/<int:restriction_id>/": GONE,
    "_util/authenticate_with_password/<path:rest>": GONE,
    "_util/authenticate_with_password/<int:page_view_restriction_id>/<int:page_id>/": GONE,
    "^admin/password_reset/": GONE,
    "admin/failwhale/": GONE,
    "admin/test404/": GONE,
    r"^admin/(?:documents|images)/chooser/chosen/(?![0-9]+/$)[^/]*/$": GONE,
    r"^admin/snippets/choose/[^/]+/[^/]+/chosen/(?![0-9]+/$)[^/]*/$": GONE,
    "accounts/signup/": GONE,
    "accounts/reauthenticate/code/": GONE,
    "accounts/reauthenticate/code/confirm/": GONE,
    # allauth.
    "accounts/login/": everyone(OK),
    "accounts/logout/": everyone(OK, anonymous=[(302, "/")]),
    "admin/logout/": everyone(OK, anonymous=[(302, "/")]),
    "accounts/inactive/": everyone(OK),
    "accounts/password/reset/": everyone(OK),
    "accounts/password/reset/done/": everyone(OK),
    "accounts/password/reset/key/done/": everyone(OK),
    "accounts/^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": everyone(OK),
    "accounts/confirm-email/": everyone(OK),
    "accounts/^confirm-email/(?P<key>[-:\\w]+)/$": everyone(OK),
    "accounts/login/code/confirm/": ACCOUNT_ENTRY,
    "accounts/2fa/authenticate/": ACCOUNT_ENTRY,
    "accounts/keepalive/": everyone(NOT_ALLOWED),
    "accounts/reauthenticate/": OWN_ACCOUNT,
    "accounts/email/": OWN_ACCOUNT,
    "accounts/password/change/": OWN_ACCOUNT,
    "accounts/password/set/": OWN_ACCOUNT,
    "accounts/2fa/": OWN_ACCOUNT,
    "accounts/2fa/reauthenticate/": OWN_ACCOUNT,
    "accounts/2fa/totp/activate/": OWN_ACCOUNT,
    "accounts/2fa/totp/deactivate/": OWN_ACCOUNT,
    "accounts/2fa/recovery-codes/": OWN_ACCOUNT,
    "accounts/2fa/recovery-codes/generate/": OWN_ACCOUNT,
    "accounts/2fa/recovery-codes/download/": OWN_ACCOUNT,
    "accounts/sessions/": OWN_ACCOUNT,
    "personal/konto/": OWN_ACCOUNT,
    # Samråd: professionals send and read their own; the coordinator reads all.
    "personal/samrad/ny/": SEND,
    "personal/samrad/ny/<slug:mode>/": SEND,
    "personal/samrad/mina/": SEND,
    "personal/samrad/mina/<uuid:pk>/": roles_only({PROFESSIONAL}, others=(FORBIDDEN, NOT_FOUND)),
    "personal/samrad/inkorg/": COORDINATE,
    "personal/samrad/min-vecka/": COORDINATE,
    "personal/samrad/inkorg/<uuid:pk>/": COORDINATE,
    "personal/samrad/inkorg/<uuid:pk>/utskrift/": COORDINATE,
    "personal/samrad/moten/": COORDINATE,
    "personal/samrad/moten/<uuid:pk>/": COORDINATE,
    "personal/samrad/moten/<uuid:pk>/dagordning/": COORDINATE,
    "personal/samrad/moten/<uuid:pk>/dagordning/allman/": COORDINATE,
    # A party's representative: its meetings (one it is not invited to is not found) and
    # its actions.
    "personal/samrad/representant/": roles_only({REPRESENTATIVE}),
    "personal/samrad/representant/moten/<uuid:pk>/": roles_only(
        {REPRESENTATIVE}, outcomes=(OK, NOT_FOUND)
    ),
    "personal/samrad/representant/atgarder/": roles_only({REPRESENTATIVE}),
    "personal/samrad/moten/<uuid:pk>/stall-in/": COORDINATE,
    "personal/samrad/statistik/": COORDINATE,
    "personal/samrad/statistik/arsrapport/": COORDINATE,
    "personal/samrad/logg/": roles_only({COORDINATOR, ADMINISTRATOR}),
}
ADMIN_PATTERNS = (Path(__file__).parent / "admin_url_patterns.txt").read_text().split()
# Harmless to anyone signed in: the icon sprite and the admin's translations for scripts.
ADMIN_ASSETS = {"admin/sprite/", "admin/jsi18n/"}
EDITOR_OUTCOMES = {
    OK,
    FORBIDDEN,
    NOT_FOUND,
    NOT_ALLOWED,
    LOGIN,
    (302, "/admin/"),
    (302, "/admin/login/"),
}
for pattern in ADMIN_PATTERNS:
    if pattern in EXPECTED:
        continue
    if pattern in ADMIN_ASSETS:
        EXPECTED[pattern] = everyone(OK, anonymous=[OK, LOGIN])
        continue
    EXPECTED[pattern] = {
        ANONYMOUS: {LOGIN, (302, "/admin/login/"), NOT_FOUND},
        # Without the admin permission Wagtail answers its login page, never the view.
        **dict.fromkeys(
            [NO_ROLE, PROFESSIONAL, COORDINATOR, REPRESENTATIVE],
            {LOGIN, (302, "/admin/login/"), NOT_FOUND},
        ),
        # Editors and administrators: whatever Wagtail's permissions say, never a 500.
        EDITOR: EDITOR_OUTCOMES | {"redirect within the admin"},
        ADMINISTRATOR: EDITOR_OUTCOMES | {"redirect within the admin"},
    }

# A session that has not given its second factor reaches only these.
SECOND_FACTOR_ENTRY = {"accounts/2fa/reauthenticate/", "accounts/logout/"}
SECOND_FACTOR_SETUP = {
    "accounts/2fa/totp/activate/",
    "accounts/reauthenticate/",
    "accounts/logout/",
}


def visitor_client(name):
    if name == ANONYMOUS:
        return Client(raise_request_exception=False)
    if name in (PASSWORD_ONLY, NOT_SET_UP):
        client = Client(raise_request_exception=False)
        user = make_user("halv@example.org", role=roles.COORDINATOR, mfa=name == PASSWORD_ONLY)
        client.force_login(user)
        return client
    users = {
        PROFESSIONAL: lambda: professional("guard-yrke@example.org"),
        COORDINATOR: lambda: coordinator("guard-samordnare@example.org"),
        REPRESENTATIVE: lambda: make_user(
            "guard-representant@example.org",
            role=roles.REPRESENTATIVE,
            party=Party.objects.get(slug="krokom"),
        ),
        EDITOR: lambda: make_user("guard-red@example.org", role=roles.EDITOR),
        ADMINISTRATOR: lambda: make_user("guard-admin@example.org", superuser=True),
        NO_ROLE: lambda: make_user("guard-ingen@example.org"),
    }
    client = SecondFactorClient(raise_request_exception=False)
    client.user = users[name]()
    client.force_login(client.user)
    return client


def real_objects(author):
    """Addresses with ids of objects that exist, so a 200 is possible where it is allowed."""
    item = SamradRequest(created_by=author, referring_party=author.party, mode="deidentified")
    for field in ("kind", "urgency", "situation", "question", "contact_phone", "contact_email"):
        setattr(item, field, request_data()[field])
    item.save()
    meeting = Meeting.objects.create(
        kind="weekly", starts_at=item.created_at, place="Polishuset", created_by=author
    )
    # The representative's party (Krokom) is invited: its page of the meeting answers 200.
    meeting.invited_parties.add(Party.objects.get(slug="krokom"))
    document = get_document_model().objects.get(collection__name="Personal")
    return {
        "personal/samrad/mina/<uuid:pk>/": f"/personal/samrad/mina/{item.pk}/",
        "personal/samrad/inkorg/<uuid:pk>/": f"/personal/samrad/inkorg/{item.pk}/",
        "personal/samrad/inkorg/<uuid:pk>/utskrift/": f"/personal/samrad/inkorg/{item.pk}/utskrift/",
        "personal/samrad/moten/<uuid:pk>/": f"/personal/samrad/moten/{meeting.pk}/",
        "personal/samrad/moten/<uuid:pk>/dagordning/": (
            f"/personal/samrad/moten/{meeting.pk}/dagordning/"
        ),
        "personal/samrad/moten/<uuid:pk>/dagordning/allman/": (
            f"/personal/samrad/moten/{meeting.pk}/dagordning/allman/"
        ),
        "personal/samrad/representant/moten/<uuid:pk>/": (
            f"/personal/samrad/representant/moten/{meeting.pk}/"
        ),
        "personal/samrad/moten/<uuid:pk>/stall-in/": f"/personal/samrad/moten/{meeting.pk}/stall-in/",
        "personal/samrad/ny/<slug:mode>/": "/personal/samrad/ny/avidentifierad/",
        "documents/^(\\d+)/(.*)$": document.url,
    }


def outcome(response):
    return response.status_code, response.get("Location", "").split("?")[0]


def all_patterns():
    """Each pattern once (a later twin is shadowed by the first), with its address."""
    found = {}
    for key, address in inventory():
        found.setdefault(key, address)
    return found


def test_every_pattern_has_an_expected_outcome():
    patterns = all_patterns()
    missing = [key for key in patterns if key not in EXPECTED]
    assert not missing, f"Decide who may reach these new URL patterns: {missing}"
    stale = [key for key in EXPECTED if key not in patterns]
    assert not stale, f"These patterns are no longer mounted: {stale}"


@pytest.mark.parametrize("visitor", VISITORS)
def test_each_pattern_answers_each_visitor_as_expected(visitor):
    client = visitor_client(visitor)
    author = getattr(client, "user", None)
    if visitor != PROFESSIONAL:
        author = professional("guard-forfattare@example.org")
    addresses = all_patterns() | real_objects(author)
    wrong = []
    for key, address in addresses.items():
        response = client.get(address)
        got = outcome(response)
        if response.status_code >= 500:
            wrong.append((key, address, got))
        elif visitor == PASSWORD_ONLY:
            if key not in SECOND_FACTOR_ENTRY and got[1] != "/accounts/2fa/reauthenticate/":
                wrong.append((key, address, got))
        elif visitor == NOT_SET_UP:
            if key not in SECOND_FACTOR_SETUP and got != (302, "/accounts/2fa/totp/activate/"):
                wrong.append((key, address, got))
        else:
            allowed = EXPECTED[key][visitor]
            inside_admin = got[0] == 302 and got[1].startswith("/admin/")
            if got not in allowed and not ("redirect within the admin" in allowed and inside_admin):
                wrong.append((key, address, got))
    assert not wrong, "\n".join(
        f"{visitor}: {key} ({address}) -> {got}" for key, address, got in wrong
    )
