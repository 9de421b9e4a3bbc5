"""After sending: the professional adds information (appended, dated) and the coordinator
removes identifying text found in a de-identified request."""

import pytest
from django.core import mail
from django.db import connection

from samrad.models import AuditEntry, SamradRequest

from .case_page import post_section
from .helpers import SecondFactorClient
from .samrad_helpers import SITUATION, coordinator, professional, request_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(django_capture_on_commit_callbacks):
    sender = SecondFactorClient()
    sender.force_login(professional())
    with django_capture_on_commit_callbacks(execute=True):
        response = sender.post(
            "/personal/samrad/ny/avidentifierad/",
            request_data(situation=SITUATION + " Hon bor på Storgatan 12 i Krokom."),
        )
    assert response.status_code == 302
    samrad_request = SamradRequest.objects.get()
    samrad_request.sender = sender
    mail.outbox.clear()
    return samrad_request


def test_the_professional_adds_information_dated_and_the_coordinator_is_told(
    sent, client, django_capture_on_commit_callbacks
):
    coordinator()
    url = f"/personal/samrad/mina/{sent.pk}/"
    with django_capture_on_commit_callbacks(execute=True):
        response = sent.sender.post(url, {"form": "add", "addition": "Hotet har ökat."})
    assert response.status_code == 302
    sent.sender.post(url, {"form": "add", "addition": "Nytt boende ordnat."})
    sent.refresh_from_db()
    assert sent.situation.startswith(SITUATION)  # what was sent is unchanged
    assert sent.additions.index("Hotet har ökat.") < sent.additions.index("Nytt boende ordnat.")
    assert sent.additions.startswith("[20")
    assert [m.to for m in mail.outbox] == [["samordnare@example.org"]]
    assert "Hotet" not in mail.outbox[0].body
    assert AuditEntry.objects.filter(request=sent, event="added").count() == 2
    client.force_login(coordinator("s2@example.org"))
    assert (
        "Nytt boende ordnat." in client.get(f"/personal/samrad/inkorg/{sent.pk}/").content.decode()
    )
    # An identity number is refused in a de-identified request's addition too.
    response = sent.sender.post(url, {"form": "add", "addition": "Pnr 19811218-9876"})
    assert response.status_code == 200
    sent.refresh_from_db()
    assert "9876" not in sent.additions


def test_the_coordinator_redacts_identifying_text(sent, client):
    client.force_login(coordinator())
    response = post_section(
        client, sent, "redact", {"redact_field": "situation", "redact_text": "Storgatan 12"}
    )
    assert response.status_code == 302
    sent.refresh_from_db()
    assert "Storgatan" not in sent.situation and "[borttaget]" in sent.situation
    with connection.cursor() as cursor:
        cursor.execute("SELECT situation FROM samrad_samradrequest")
        assert "Storgatan" not in cursor.fetchone()[0]
    entry = AuditEntry.objects.get(request=sent, event="redacted")
    assert entry.detail == "redacted: situation"
    # Text that is not there, or a field that is not offered, is a field error.
    for data in (
        {"redact_field": "situation", "redact_text": "Finns inte"},
        {"redact_field": "person_name", "redact_text": "x"},
    ):
        response = post_section(client, sent, "redact", data)
        assert response.status_code == 200
    assert AuditEntry.objects.filter(request=sent, event="redacted").count() == 1
