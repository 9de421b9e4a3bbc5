"""Staff data isolated by county (samrad/scope.py): a coordinator, representative,
professional or administrator of one county reaches nothing of another county's case
data, at any staff address, and every model with case data is scoped by county.

Each county's data carries a marker word of its own; the other county's users must never
see it, nor the other county's references or ids, and what they post changes nothing."""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models
from django.utils import timezone

from demo.norrbotten import load_norrbotten
from organisations.models import Party
from samrad.models import (
    Action,
    Attendance,
    AuditEntry,
    Invitation,
    Meeting,
    OtherActor,
    RecordGround,
    SamradRecord,
    SamradRequest,
    Status,
)
from samrad.scope import county_scope, is_scoped, user_scope
from staff import roles

from .helpers import SecondFactorClient, make_user
from .samrad_helpers import make_request
from .url_access import REAL_OBJECTS
from .url_inventory import inventory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

MARKERS = {"jamtland": "Lavskrika", "norrbotten": "Snöuggla"}
# (county, the coordinator's party, the professional's, the representative's)
PARTIES = {
    "jamtland": ("ostersund", "krokom", "krokom"),
    "norrbotten": ("lulea", "pitea", "pitea"),
}
ROLES = ("coordinator", "professional", "representative", "administrator")
# The models that hold case data: these, and every model that points at one of them.
CASE_ROOTS = (SamradRequest, Meeting, AuditEntry)


def party(slug):
    return Party.objects.get(slug=slug)


def county_data(slug):
    """One county's users and a case with everything that hangs on it, each text with the
    county's marker. The other county's representative's party is invited too, and given
    an action (by hand: the forms offer no other county's party), so that only the county
    keeps them apart."""
    marker = MARKERS[slug]
    coordinating, referring, represented = PARTIES[slug]
    other_party = PARTIES["norrbotten" if slug == "jamtland" else "jamtland"][2]
    users = {
        "coordinator": make_user(f"samordnare-{slug}@example.org", roles.COORDINATOR),
        "professional": make_user(f"yrke-{slug}@example.org", roles.PROFESSIONAL),
        "representative": make_user(f"representant-{slug}@example.org", roles.REPRESENTATIVE),
        "administrator": make_user(f"admin-{slug}@example.org", superuser=True),
    }
    for role, user in users.items():
        user.party = party(referring if role == "professional" else coordinating)
        if role == "representative":
            user.party = party(represented)
        user.save()
    samrad_request = make_request(
        users["professional"],
        mode="deidentified",
        person_name="",
        situation=f"{marker} berättar om hot.",
        question=f"Hur skyddar vi {marker}?",
        coordinator_notes=f"{marker} anteckning",
        status=Status.PLANNED,
    )
    meeting = Meeting.objects.create(
        kind="weekly",
        starts_at=timezone.now() + timedelta(days=2),
        place=f"{marker}salen",
        created_by=users["coordinator"],
    )
    meeting.invited_parties.add(party(represented), party(other_party))
    samrad_request.meeting = meeting
    samrad_request.save()
    actions = [
        Action.objects.create(
            request=samrad_request,
            party=party(slug_),
            description=f"{marker} åtgärd",
            due_on=timezone.localdate(),
        )
        for slug_ in (represented, other_party)
    ]
    Invitation.objects.create(
        request=samrad_request, party=party(represented), ground=Invitation.Ground.DEIDENTIFIED
    )
    record = SamradRecord.objects.create(
        request=samrad_request,
        meeting=meeting,
        held_on=timezone.localdate(),
        decision=f"{marker} beslut",
    )
    RecordGround.objects.create(
        record=record, party=party(represented), ground=Invitation.Ground.DEIDENTIFIED
    )
    Attendance.objects.create(
        meeting=meeting, party=party(represented), function=Attendance.Function.REGION
    )
    OtherActor.objects.create(meeting=meeting, organisation=f"{marker} förening", role="Stöd")
    AuditEntry.record(users["coordinator"], AuditEntry.Event.VIEWED, samrad_request)
    AuditEntry.record(users["coordinator"], AuditEntry.Event.EXPORTED, None, "yearly report")
    return {
        "users": users,
        "request": samrad_request.pk,
        "meeting": meeting.pk,
        "action": actions[0].pk,
        "secrets": [marker, samrad_request.reference, str(samrad_request.pk), str(meeting.pk)],
    }


@pytest.fixture
def counties():
    load_norrbotten()
    return {slug: county_data(slug) for slug in MARKERS}


def staff_addresses(objects):
    """Every staff address the resolver knows, with another county's objects for its ids."""
    found = set()
    for entry in inventory():
        if not entry.key.startswith("personal/"):
            continue
        template = REAL_OBJECTS.get(entry.key, entry.path)
        found.add((entry.key, "/" + template.format(**objects)))
    return sorted(found)


def snapshot(data):
    """What the other county's case looks like, to see that nothing posted changed it."""
    samrad_request = SamradRequest.objects.get(pk=data["request"])
    meeting = Meeting.objects.get(pk=data["meeting"])
    return (
        samrad_request.status,
        samrad_request.meeting_id,
        samrad_request.coordinator_notes,
        samrad_request.situation,
        meeting.cancelled_at,
        meeting.sequence,
        sorted(meeting.invited_parties.values_list("pk", flat=True)),
        sorted(samrad_request.actions.values_list("pk", "done_at")),
        samrad_request.invitations.count(),
        samrad_request.records.count(),
    )


@pytest.mark.parametrize(("own", "other"), [("jamtland", "norrbotten"), ("norrbotten", "jamtland")])
def test_no_staff_address_shows_or_changes_another_countys_case_data(counties, own, other):
    theirs = counties[other]
    before = snapshot(theirs)
    addresses = staff_addresses(theirs)
    assert len(addresses) > 20
    leaks = []
    for role in ROLES:
        client = SecondFactorClient(raise_request_exception=False)
        client.force_login(counties[own]["users"][role])
        for key, address in addresses:
            names_theirs = "{" in REAL_OBJECTS.get(key, "").replace("{private_document}", "")
            for method in ("get", "post"):
                response = getattr(client, method)(address)
                content = response.content.decode(errors="replace")
                shown = [secret for secret in theirs["secrets"] if secret in content]
                if response.status_code >= 500 or shown:
                    leaks.append((role, method, address, response.status_code, shown))
                elif names_theirs and response.status_code not in (403, 404, 405):
                    leaks.append((role, method, address, response.status_code, "not refused"))
    assert not leaks, leaks
    assert snapshot(theirs) == before


@pytest.mark.parametrize("slug", MARKERS)
def test_each_countys_staff_see_their_own_case_data(counties, slug):
    """The other test's refusals are not a broken fixture: the county's own data shows."""
    data, marker = counties[slug], MARKERS[slug]
    pages = {
        "coordinator": [
            "/personal/samrad/inkorg/",
            f"/personal/samrad/inkorg/{data['request']}/",
            "/personal/samrad/min-vecka/",
        ],
        "representative": [
            f"/personal/samrad/representant/moten/{data['meeting']}/",
            "/personal/samrad/representant/atgarder/",
        ],
        "professional": [f"/personal/samrad/mina/{data['request']}/"],
        "administrator": ["/personal/samrad/logg/"],
    }
    reference = data["secrets"][1]
    for role, addresses in pages.items():
        client = SecondFactorClient()
        client.force_login(data["users"][role])
        for address in addresses:
            response = client.get(address)
            assert response.status_code == 200, (role, address)
            content = response.content.decode()
            assert marker in content or reference in content, (role, address)


def case_models():
    """Every model with case data: the roots, and each model with a foreign key (or a
    one-to-one or many-to-many of its own) to a model with case data."""
    found = set(CASE_ROOTS)
    changed = True
    while changed:
        changed = False
        for model in apps.get_models():
            if model in found:
                continue
            related = {
                field.related_model
                for field in model._meta.get_fields()
                if isinstance(field, (models.ForeignKey, models.ManyToManyField))
            }
            if related & found:
                found.add(model)
                changed = True
    return found


def test_every_model_with_case_data_is_scoped_by_county():
    found = case_models()
    assert {Action, Invitation, SamradRecord, RecordGround, Attendance, OtherActor} <= found
    unscoped = sorted(model._meta.label for model in found if not is_scoped(model))
    assert not unscoped, f"Give these models samrad.scope.CountyScopedManager: {unscoped}"


def test_a_forgotten_filter_returns_one_countys_rows_or_none(counties):
    jamtland_user = counties["jamtland"]["users"]["coordinator"]
    norrbotten_user = counties["norrbotten"]["users"]["coordinator"]
    no_party = make_user("ingen-part@example.org", roles.COORDINATOR, party=None)
    for model in case_models():
        everything = set(model._default_manager.values_list("pk", flat=True))
        with user_scope(jamtland_user):
            jamtland = set(model._default_manager.values_list("pk", flat=True))
        with user_scope(norrbotten_user):
            norrbotten = set(model._default_manager.values_list("pk", flat=True))
        with user_scope(no_party):
            assert not model._default_manager.exists(), model
        with county_scope(None):  # outside a request, unless the code says otherwise
            assert not model._default_manager.exists(), model
        assert not jamtland & norrbotten, model
        if model in (
            *CASE_ROOTS,
            Action,
            Invitation,
            SamradRecord,
            RecordGround,
            Attendance,
            OtherActor,
        ):
            assert jamtland and norrbotten, model
            assert jamtland | norrbotten <= everything, model


def test_the_demo_has_a_samrad_week_in_each_county_each_seen_by_its_own_coordinator(
    client, settings
):
    from demo.norrbotten import ACCOUNTS, WEEKLY_PLACE
    from demo.samrad_week import ensure_demo_samrad
    from demo.staff import create_demo_accounts

    settings.DEBUG = True
    load_norrbotten()
    create_demo_accounts()
    create_demo_accounts(ACCOUNTS)
    assert ensure_demo_samrad()
    assert not ensure_demo_samrad()  # once per county
    week = {}
    for slug, email in (
        ("jamtland", "samordnare@example.org"),
        ("norrbotten", "samordnare-norrbotten@example.org"),
    ):
        user = get_user_model().objects.get(email=email)
        TOTP.activate(user, generate_totp_secret())  # as after the demo's first login
        client.force_login(user)
        response = client.get("/personal/samrad/min-vecka/")
        assert response.status_code == 200, response
        week[slug] = response.content.decode()
    for slug, other in (("jamtland", "norrbotten"), ("norrbotten", "jamtland")):
        own = SamradRequest.objects.filter(
            county__slug=slug, meeting__starts_at__gte=timezone.now()
        )
        theirs = SamradRequest.objects.filter(county__slug=other)
        assert own.count() == 3
        missing = [each.reference for each in own if each.reference not in week[slug]]
        assert not missing, (slug, missing, week[slug])
        assert not any(samrad_request.reference in week[slug] for samrad_request in theirs)
    # Norrbotten's weekly samråd is where its own samråd settings say, not in Östersund.
    places = Meeting.objects.filter(county__slug="norrbotten").values_list("place", flat=True)
    assert set(places) == {WEEKLY_PLACE}


@pytest.mark.parametrize(("own", "other"), [("jamtland", "norrbotten"), ("norrbotten", "jamtland")])
def test_the_forms_offer_the_countys_own_parties_only(counties, own, other):
    """Another county's party is never invited, told, given an action or recorded."""
    # Less the party the fixture invited and gave an action by hand: the case shows it.
    planted = PARTIES[other][2]
    theirs = set(
        Party.objects.filter(county__slug=other)
        .exclude(slug=planted)
        .values_list("name", flat=True)
    )
    ours = set(Party.objects.filter(county__slug=own).values_list("name", flat=True))
    data = counties[own]
    pages = {
        "coordinator": ["/personal/samrad/moten/", f"/personal/samrad/inkorg/{data['request']}/"],
        "professional": ["/personal/samrad/ny/samtycke/"],
    }
    for role, addresses in pages.items():
        client = SecondFactorClient()
        client.force_login(data["users"][role])
        for address in addresses:
            content = client.get(address).content.decode()
            assert [name for name in ours if name in content], (role, address)
            assert not [name for name in theirs if name in content], (role, address)


def test_the_failed_mail_listed_is_the_countys_own_or_the_installations(counties):
    from outbox.models import Notification
    from samrad import outbox

    def failed_mail(reference, recipient):
        return Notification.objects.create(
            recipient=recipient,
            subject="x",
            body="x",
            reference=reference,
            state=Notification.State.FAILED,
            last_error="InvalidRecipient",
        ).pk

    mail = {
        slug: failed_mail(
            SamradRequest.objects.get(pk=data["request"]).reference, f"{slug}@example.org"
        )
        for slug, data in counties.items()
    }
    installation = failed_mail("", "rutinagare@example.org")
    for slug in MARKERS:
        with user_scope(counties[slug]["users"]["coordinator"]):
            listed = set(outbox.failed(timezone.now()).values_list("pk", flat=True))
        assert listed == {mail[slug], installation}, slug
