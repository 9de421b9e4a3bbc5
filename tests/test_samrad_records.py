"""The record of each samråd per case: parties (functions), information shared and on what
ground, decision, agreed risk level and a follow-up date that brings the case back."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from samrad.consent import information_kinds
from samrad.models import AuditEntry, Provision, SamradRecord, SamradRequest, Status

from .case_page import case_url, post_section
from .factories.organisations import party
from .helpers import SecondFactorClient
from .samrad_helpers import coordinator, professional, request_data, retention_decision

pytestmark = pytest.mark.django_db
DECISION = "Polisen gör en farlighetsbedömning; socialtjänsten erbjuder skyddat boende."


def pk(slug):
    return party(slug).pk


@pytest.fixture
def samrad_request(client, django_capture_on_commit_callbacks):
    sender = SecondFactorClient()
    sender.force_login(professional())
    with django_capture_on_commit_callbacks(execute=True):
        response = sender.post(
            "/personal/samrad/ny/samtycke/",
            request_data("samtycke", do_not_tell=[pk("stromsund")]),
        )
    assert response.status_code == 302
    client.force_login(coordinator())
    return SamradRequest.objects.get()


def provision_choice():
    return f"provision-{Provision.objects.in_force().first().pk}"


def record(**overrides):
    data = {
        "record_held_on": timezone.localdate().isoformat(),
        "record_parties": [pk("polisen"), pk("krokom")],
        "record-record_ground_polisen": "consent",
        "record-record_ground_krokom": "consent",
        "record_information": information_kinds()[:1],
        "record_decision": DECISION,
        "record_risk_level": "high",
        "record_follow_up_on": (timezone.localdate() + timedelta(days=14)).isoformat(),
    }
    data.update(overrides)
    return data


def url(samrad_request):
    return case_url(samrad_request)


def test_a_samrad_is_recorded_encrypted_and_audited(client, samrad_request):
    response = post_section(client, samrad_request, "record", record())
    assert response.status_code == 302
    saved = SamradRecord.objects.get()
    assert set(saved.parties_present.values_list("slug", flat=True)) == {"polisen", "krokom"}
    grounds = set(saved.grounds.values_list("party__slug", "ground"))
    assert grounds == {("polisen", "consent"), ("krokom", "consent")}
    assert (saved.agreed_risk_level, saved.decision) == ("high", DECISION)
    samrad_request.refresh_from_db()
    assert (
        samrad_request.status == Status.FOLLOW_UP
        and samrad_request.follow_up_on == saved.follow_up_on
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT decision, information_shared FROM samrad_samradrecord")
        raw = " ".join(cursor.fetchone())
    assert "Polisen" not in raw and information_kinds()[0] not in raw
    content = client.get(url(samrad_request)).content.decode()
    assert DECISION in content and "Hög" in content
    entry = AuditEntry.objects.get(request=samrad_request, event="recorded")
    assert DECISION not in entry.detail


def test_sharing_outside_the_consent_needs_a_provision(client, samrad_request):
    response = post_section(
        client,
        samrad_request,
        "record",
        record(record_parties=[pk("are")], **{"record-record_ground_are": "consent"}),
    )
    assert response.status_code == 200
    assert DECISION in response.content.decode()  # what was typed is kept
    assert not SamradRecord.objects.exists()
    response = post_section(
        client,
        samrad_request,
        "record",
        record(record_information=[information_kinds()[-1]]),
    )
    assert response.status_code == 200 and not SamradRecord.objects.exists()
    response = post_section(
        client,
        samrad_request,
        "record",
        record(record_parties=[pk("are")], **{"record-record_ground_are": provision_choice()}),
    )
    assert response.status_code == 302
    row = SamradRecord.objects.get().grounds.get()
    assert (row.party.slug, row.ground) == ("are", "provision")
    assert row.provision == Provision.objects.in_force().first()


def test_a_party_that_must_not_be_told_cannot_take_part(client, samrad_request):
    response = post_section(
        client, samrad_request, "record", record(record_parties=[pk("stromsund")])
    )
    assert response.status_code == 200
    assert not SamradRecord.objects.exists()


def test_bad_record_input_is_a_field_error(client, samrad_request):
    for bad in (
        {"record_held_on": "0001-01-01"},
        {"record_held_on": "2999-01-01"},
        {"record_follow_up_on": "igår"},
        {"record_parties": ["x"]},
        {"record-record_ground_polisen": "magic"},
        {"record-record_ground_polisen": ""},
        {"record-record_ground_polisen": "provision-999999"},
    ):
        response = post_section(client, samrad_request, "record", record(**bad))
        assert response.status_code == 200, bad
    assert not SamradRecord.objects.exists()


def test_the_follow_up_date_brings_the_case_back_to_the_inbox(client, samrad_request):
    post_section(client, samrad_request, "record", record())
    inbox = client.get("/personal/samrad/inkorg/").content.decode()
    assert "Tillbaka för uppföljning" not in inbox
    SamradRequest.objects.update(follow_up_on=timezone.localdate())
    inbox = client.get("/personal/samrad/inkorg/").content.decode()
    assert "Tillbaka för uppföljning" in inbox
    due = inbox[inbox.index("Tillbaka för uppföljning") : inbox.index('class="counts"')]
    assert samrad_request.reference in due


def test_the_record_is_printable_without_the_identity(client, samrad_request):
    post_section(client, samrad_request, "record", record())
    response = client.get(f"/personal/samrad/inkorg/{samrad_request.pk}/utskrift/")
    content = response.content.decode()
    assert response.status_code == 200
    assert DECISION in content and samrad_request.reference in content
    assert "Zebra" not in content and "198112189876" not in content
    assert AuditEntry.objects.filter(request=samrad_request, event="printed").count() == 1


def test_records_are_purged_with_the_contents(client, samrad_request):
    post_section(client, samrad_request, "record", record(record_follow_up_on=""))
    post_section(client, samrad_request, "status", {"status": "closed"})
    SamradRequest.objects.update(closed_at=timezone.now() - timedelta(days=91))
    retention_decision(days=90)
    call_command("purge_samrad_requests", verbosity=0)
    saved = SamradRecord.objects.get()
    assert saved.decision == "" and saved.information_shared == ""
    assert saved.agreed_risk_level == "high"  # not content: kept like the statistics
