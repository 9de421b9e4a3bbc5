"""A samråd's record as the coordinator makes it on the case page: a ground for each party
that took part (the consent where it covers the party, a provision, or de-identified only),
a plan and follow-up date per record that a later record never wipes, and a date that fits
the meeting."""

from datetime import timedelta
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from samrad.consent import information_kinds
from samrad.models import (
    AuditEntry,
    Meeting,
    Provision,
    RecordGround,
    SamradRecord,
    SamradRequest,
    Status,
)

from .case_page import case_url, post_section
from .factories.organisations import parties, party
from .helpers import SecondFactorClient
from .samrad_helpers import coordinator, professional, request_data

pytestmark = pytest.mark.django_db
PLAN = "Polisen gör en farlighetsbedömning; socialtjänsten erbjuder skyddat boende."
LATER_PLAN = "Regionen erbjuder samtalsstöd."


def provision():
    return Provision.objects.get(reference="OSL 10 kap. 18 c §")


@pytest.fixture
def samrad_request(client, django_capture_on_commit_callbacks):
    """A consent case whose consent covers the police, Krokom and Östersund; Strömsund
    must not be told."""
    parties()  # the record form has a ground for each party of the county
    sender = SecondFactorClient()
    sender.force_login(professional())
    with django_capture_on_commit_callbacks(execute=True):
        response = sender.post(
            "/personal/samrad/ny/samtycke/",
            request_data("samtycke", do_not_tell=[party("stromsund").pk]),
        )
    assert response.status_code == 302
    client.force_login(coordinator())
    return SamradRequest.objects.get()


def record(grounds, **overrides):
    """The record section as the browser posts it: the parties ticked, and each ticked
    party's ground in its own select."""
    data = {
        "record_held_on": timezone.localdate().isoformat(),
        "record_parties": [party(slug).pk for slug in grounds],
        "record_information": information_kinds()[:1],
        "record_decision": PLAN,
        "record_risk_level": "high",
        "record_follow_up_on": "",
    }
    data.update({f"record-record_ground_{slug}": value for slug, value in grounds.items()})
    data.update(overrides)
    return data


def test_each_party_has_its_own_ground_in_one_record(client, samrad_request):
    grounds = {
        "polisen": "consent",
        "region": f"provision-{provision().pk}",
        "are": "deidentified",
    }
    response = post_section(client, samrad_request, "record", record(grounds))
    assert response.status_code == 302
    saved = SamradRecord.objects.get()
    rows = {row.party.slug: (row.ground, row.provision) for row in saved.grounds.all()}
    assert rows == {
        "polisen": ("consent", None),
        "region": ("provision", provision()),
        "are": ("deidentified", None),
    }
    page = client.get(case_url(samrad_request)).content.decode()
    assert "Polisen: Samtycke" in page
    assert "Region Jämtland Härjedalen: En bestämmelse i lag: OSL 10 kap. 18 c §" in page
    assert "Åre kommun: Avidentifierad" in page
    assert AuditEntry.objects.filter(request=samrad_request, event="recorded").count() == 1


def test_identified_information_outside_the_consent_needs_a_provision(client, samrad_request):
    # The Region is outside the consent: the consent is no ground for it.
    response = post_section(
        client, samrad_request, "record", record({"polisen": "consent", "region": "consent"})
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Region Jämtland Härjedalen omfattas inte av ett gällande samtycke" in content
    assert PLAN in content  # what was typed is kept
    assert not SamradRecord.objects.exists()
    # A ticked party without a ground is refused at its field.
    response = post_section(
        client, samrad_request, "record", record({"polisen": "consent", "region": ""})
    )
    assert "Välj grunden för Region Jämtland Härjedalen." in response.content.decode()
    assert not SamradRecord.objects.exists()


def test_a_provision_out_of_force_is_no_ground(client, samrad_request):
    old = provision()
    old.valid_to = timezone.localdate() - timedelta(days=1)
    old.save()
    response = post_section(
        client, samrad_request, "record", record({"region": f"provision-{old.pk}"})
    )
    assert response.status_code == 200 and not SamradRecord.objects.exists()


def test_a_party_that_must_not_be_told_has_no_ground_at_all(client, samrad_request):
    response = post_section(client, samrad_request, "record", record({"stromsund": "deidentified"}))
    assert response.status_code == 200 and not SamradRecord.objects.exists()
    assert 'name="record-record_ground_stromsund"' not in response.content.decode()


def test_the_form_offers_the_consent_where_it_covers_the_party(client, samrad_request):
    page = client.get(case_url(samrad_request)).content.decode()
    police = page.split('name="record-record_ground_polisen"')[1].split("</select>")[0]
    region = page.split('name="record-record_ground_region"')[1].split("</select>")[0]
    assert '<option value="consent" selected>' in police
    assert '<option value="deidentified" selected>' in region


# Plans and follow-ups ----------------------------------------------------------------------


def test_a_second_record_without_a_date_keeps_the_first_follow_up(client, samrad_request):
    """The bug of issue 23: the second record, without a follow-up date, wiped the first's
    date and set the case back to "Behandlad"; it never came back to the inbox."""
    first_day = timezone.localdate() - timedelta(days=7)
    follow_up = timezone.localdate() + timedelta(days=7)
    SamradRequest.objects.filter(pk=samrad_request.pk).update(
        created_at=timezone.now() - timedelta(days=10)
    )
    response = post_section(
        client,
        samrad_request,
        "record",
        record(
            {"polisen": "consent"},
            record_held_on=first_day.isoformat(),
            record_follow_up_on=follow_up.isoformat(),
        ),
    )
    assert response.status_code == 302
    response = post_section(
        client,
        samrad_request,
        "record",
        record({"region": f"provision-{provision().pk}"}, record_decision=LATER_PLAN),
    )
    assert response.status_code == 302
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.FOLLOW_UP and samrad_request.follow_up_on == follow_up
    first, second = SamradRecord.objects.order_by("held_on")
    assert (first.decision, first.follow_up_on) == (PLAN, follow_up)
    assert (second.decision, second.follow_up_on) == (LATER_PLAN, None)
    page = client.get(case_url(samrad_request)).content.decode()
    assert PLAN in page and LATER_PLAN in page
    # On the day, the case is back on top of the inbox.
    SamradRequest.objects.filter(pk=samrad_request.pk).update(follow_up_on=timezone.localdate())
    inbox = client.get("/personal/samrad/inkorg/").content.decode()
    due = inbox[inbox.index("Tillbaka för uppföljning") : inbox.index('class="counts"')]
    assert samrad_request.reference in due


def test_the_follow_up_samrad_itself_ends_the_follow_up(client, samrad_request):
    SamradRequest.objects.filter(pk=samrad_request.pk).update(
        created_at=timezone.now() - timedelta(days=20)
    )
    earlier = timezone.localdate() - timedelta(days=14)
    post_section(
        client,
        samrad_request,
        "record",
        record(
            {"polisen": "consent"},
            record_held_on=earlier.isoformat(),
            record_follow_up_on=(earlier + timedelta(days=7)).isoformat(),
        ),
    )
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.FOLLOW_UP
    # The follow-up was held (today, after its date) and set no new date: discussed.
    response = post_section(client, samrad_request, "record", record({"polisen": "consent"}))
    assert response.status_code == 302
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.DISCUSSED and samrad_request.follow_up_on is None


# Dates that fit the meeting ----------------------------------------------------------------


def meeting_on(day, kind="weekly"):
    starts = timezone.make_aware(timezone.datetime.combine(day, timezone.datetime.min.time()))
    return Meeting.objects.create(
        kind=kind,
        starts_at=starts + timedelta(hours=9),
        place="Polishuset, Östersund",
        created_by=coordinator("annan@example.org"),
    )


def test_a_record_dated_30_days_before_its_meeting_is_refused(client, samrad_request):
    meeting = meeting_on(timezone.localdate())
    wrong = timezone.localdate() - timedelta(days=30)
    response = post_section(
        client,
        samrad_request,
        "record",
        record(
            {"polisen": "consent"},
            record_meeting=meeting.pk,
            record_held_on=wrong.isoformat(),
        ),
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert f"Datumet ska vara mötets dag: {timezone.localdate().isoformat()}." in content
    assert PLAN in content and wrong.isoformat() in content  # what was typed is kept
    assert not SamradRecord.objects.exists()
    response = post_section(
        client,
        samrad_request,
        "record",
        record({"polisen": "consent"}, record_meeting=meeting.pk),
    )
    assert response.status_code == 302
    assert SamradRecord.objects.get().meeting == meeting


def test_an_acute_samrad_is_not_before_the_request(client, samrad_request):
    before = timezone.localdate() - timedelta(days=3)
    response = post_section(
        client,
        samrad_request,
        "record",
        record({"polisen": "consent"}, record_held_on=before.isoformat()),
    )
    assert response.status_code == 200
    assert "Samrådet kan inte ha hållits innan begäran kom in" in response.content.decode()
    assert not SamradRecord.objects.exists()


# The existing records' single ground ------------------------------------------------------


@pytest.mark.django_db(transaction=True)
def test_the_migration_moves_a_single_ground_to_each_party():
    executor = MigrationExecutor(connection)
    executor.migrate([("samrad", "0027_record_grounds_and_minutes")])
    apps = executor.loader.project_state([("samrad", "0027_record_grounds_and_minutes")]).apps
    OldRequest = apps.get_model("samrad", "SamradRequest")
    OldRecord = apps.get_model("samrad", "SamradRecord")
    OldParty = apps.get_model("organisations", "Party")
    User = apps.get_model("staff", "User")
    author = User.objects.create(email="gammal@example.org", username="gammal")
    # Made here when missing: an earlier test with committed data (the two-server test)
    # may have flushed the demo content.
    county = apps.get_model("organisations", "County").objects.get_or_create(
        slug="jamtland", defaults={"name": "Jämtlands län"}
    )[0]
    police, region = (
        OldParty.objects.get_or_create(
            slug=slug, defaults={"name": name, "short_name": name, "kind": kind, "county": county}
        )[0]
        for slug, name, kind in (("polisen", "Polisen", "police"), ("region", "Regionen", "region"))
    )
    seeded = import_module("samrad.migrations.0019_seed_provisions").PROVISIONS
    for fields in seeded:
        apps.get_model("samrad", "Provision").objects.get_or_create(
            reference=fields["reference"], defaults=fields
        )
    old_case = OldRequest.objects.create(
        created_by=author,
        mode="consent",
        referring_party=region,
        kind="planning",
        urgency="weekly",
    )
    on_provision = OldRecord.objects.create(
        request=old_case,
        held_on=timezone.localdate(),
        ground="provision",
        provision="OSL 10 kap. 18 c § – Risk för allvarligt våld mot en närstående",
    )
    on_provision.parties_present.set([police, region])
    unknown = OldRecord.objects.create(
        request=old_case, held_on=timezone.localdate(), ground="provision", provision="OSL"
    )
    unknown.parties_present.set([police])

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    rows = RecordGround.objects.filter(record_id=on_provision.pk)
    assert {(row.party.slug, row.ground) for row in rows} == {
        ("polisen", "provision"),
        ("region", "provision"),
    }
    assert {row.provision for row in rows} == {provision()}
    kept = RecordGround.objects.get(record_id=unknown.pk)
    assert kept.provision is None and kept.shown_ground == "En bestämmelse i lag: OSL"
    assert SamradRecord.objects.get(pk=on_provision.pk).shared_by.slug == "region"
