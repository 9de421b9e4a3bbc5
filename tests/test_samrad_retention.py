"""The samråd records are the official records of the authority that employs the
coordinator: they are disposed of only under that authority's decision in force."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from samrad.models import AuditEntry, SamradRequest, Status
from staff.models import User

from .factories.organisations import party
from .samrad_helpers import SITUATION, make_request, professional, retention_decision

pytestmark = pytest.mark.django_db


def closed_samrad_request(days_ago):
    author = User.objects.filter(email="yrke@example.org").first() or professional()
    return make_request(
        author,
        situation=SITUATION,
        status=Status.CLOSED,
        closed_at=timezone.now() - timedelta(days=days_ago),
    )


def purge():
    out = StringIO()
    call_command("purge_samrad_requests", stdout=out)
    return out.getvalue()


def test_no_decision_in_force_purges_nothing_and_says_so():
    samrad_request = closed_samrad_request(days_ago=400)
    # A decision that starts tomorrow is not in force yet.
    later = retention_decision(days=30)
    later.valid_from = timezone.localdate() + timedelta(days=1)
    later.save()
    output = purge()
    samrad_request.refresh_from_db()
    assert samrad_request.purged_at is None and samrad_request.situation == SITUATION
    assert "No retention decision is in force: nothing was purged." in output
    assert not AuditEntry.objects.filter(event=AuditEntry.Event.PURGED).exists()


def test_the_purge_obeys_the_decision_in_force_and_names_it():
    kept, due = closed_samrad_request(days_ago=20), closed_samrad_request(days_ago=40)
    # The older decision (365 days) is replaced by the newer one (30 days).
    old = retention_decision(days=365, reference="OLD 2025/9")
    old.valid_from -= timedelta(days=300)
    old.save()
    retention_decision(days=30, reference="KS 2026/42")
    output = purge()
    kept.refresh_from_db()
    due.refresh_from_db()
    assert kept.purged_at is None and kept.situation == SITUATION
    assert due.purged_at is not None and due.situation == ""
    assert "KS 2026/42" in output
    entry = AuditEntry.objects.get(event=AuditEntry.Event.PURGED)
    assert entry.request == due and "KS 2026/42" in entry.detail


def test_decisions_of_several_authorities_purge_nothing():
    samrad_request = closed_samrad_request(days_ago=400)
    retention_decision(days=30, authority="ostersund")
    retention_decision(days=30, authority="krokom")
    output = purge()
    samrad_request.refresh_from_db()
    assert samrad_request.purged_at is None
    assert "nothing was purged" in output


def test_the_repeat_key_is_cleared_after_12_months_without_a_decision():
    old = make_request(professional(), person_key="k" * 64)
    SamradRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=366))
    purge()
    old.refresh_from_db()
    assert old.person_key == ""
    assert AuditEntry.objects.filter(request=old, detail__contains="12 months").exists()


# The export of a case's record, before it is disposed of ---------------------------------

SECTIONS = [
    "Förfrågan",
    "Dokumentation av samråd",
    "Vad som lämnades till vem och med vilket stöd",
    "Överenskomna åtgärder",
    "Frågor till den yrkesverksamma",
    "Logg: vem som har läst och ändrat ärendet",
]
DECISION = "Polisen gör en farlighetsbedömning."
PROVISION = "OSL 10 kap. 18 c §"
QUESTION = "Finns det ett kontaktförbud?"
ANSWER = "Ja, sedan i maj."


@pytest.fixture
def samrad_request(django_capture_on_commit_callbacks):

    from .helpers import SecondFactorClient
    from .samrad_helpers import request_data

    sender = SecondFactorClient()
    sender.force_login(professional())
    with django_capture_on_commit_callbacks(execute=True):
        sender.post("/personal/samrad/ny/samtycke/", request_data("samtycke"))
    samrad_request = SamradRequest.objects.get()
    police = party("polisen")
    samrad_request.invitations.create(party=police, ground="provision", provision=PROVISION)
    record = samrad_request.records.create(held_on=timezone.localdate(), decision=DECISION)
    record.parties_present.add(police)
    record.grounds.create(party=police, ground="consent")
    samrad_request.actions.create(party=police, description="Ring upp inom en vecka.")
    samrad_request.information_requests.create(
        question=QUESTION, answer=ANSWER, answered_at=timezone.now()
    )
    return samrad_request


def export_url(samrad_request):
    return f"/personal/samrad/inkorg/{samrad_request.pk}/export.pdf"


def pdf_text(content):
    from io import BytesIO

    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(content)).pages)


def test_the_coordinator_exports_the_whole_record_as_a_pdf(client, samrad_request):
    from .samrad_helpers import coordinator

    user = coordinator()
    client.force_login(user)
    assert client.get(f"/personal/samrad/inkorg/{samrad_request.pk}/").status_code == 200
    response = client.get(export_url(samrad_request))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition == f'attachment; filename="samrad-{samrad_request.reference}.pdf"'
    content = response.content
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    for heading in SECTIONS:
        assert heading in text, heading
    # The request, the records, the grounds, the actions and who read it.
    assert "Zebra Fink" in text and "198112189876" in text
    assert DECISION in text and PROVISION in text and "Ring upp inom en vecka." in text
    assert QUESTION in text and ANSWER in text
    assert f"{user.email}: Visad" in text
    exported = AuditEntry.objects.get(request=samrad_request, event=AuditEntry.Event.EXPORTED)
    assert exported.user == user
    assert "Zebra" not in exported.detail


def test_the_export_is_for_coordinators_only(client, samrad_request):
    from .helpers import SecondFactorClient

    # As the case page: anonymous visitors go to the login page, others are refused.
    assert client.get(export_url(samrad_request)).status_code == 302
    sender = SecondFactorClient()
    sender.force_login(User.objects.get(email="yrke@example.org"))
    response = sender.get(export_url(samrad_request))
    assert response.status_code == 403 and b"Zebra" not in response.content
    assert not AuditEntry.objects.filter(event=AuditEntry.Event.EXPORTED).exists()


def test_an_unknown_case_is_not_found(client, samrad_request):
    import uuid

    from .samrad_helpers import coordinator

    client.force_login(coordinator())
    response = client.get(f"/personal/samrad/inkorg/{uuid.uuid4()}/export.pdf")
    assert response.status_code == 404
    assert not AuditEntry.objects.filter(event=AuditEntry.Event.EXPORTED).exists()


def test_the_demo_consent_form_says_what_the_portal_does_with_the_request():
    import tomllib

    from demo.staff import CONTENT_FILE

    purpose = tomllib.loads(CONTENT_FILE.read_text())["consent"]["form"]["purpose"]
    assert "lämnas muntligt" not in purpose
    assert "sparas i samverkansportalen" in purpose
    assert "visas före samrådet för de parter som jag har kryssat för" in purpose
    assert "gallras enligt beslut av den myndighet där samordnaren är anställd" in purpose


def test_the_export_follows_the_disclosure_rule_for_the_identity(client, samrad_request):
    """Once the consent is withdrawn the case page shows no identity, and neither does the
    export: the same rule (samrad/disclosure.py) decides both."""
    from .samrad_helpers import coordinator

    samrad_request.consent_withdrawn_on = timezone.localdate()
    samrad_request.save()
    client.force_login(coordinator())
    text = pdf_text(client.get(export_url(samrad_request)).content)
    assert "Zebra Fink" not in text and "198112189876" not in text
    assert "Visas inte: inget gällande samtycke" in text
    assert DECISION in text
