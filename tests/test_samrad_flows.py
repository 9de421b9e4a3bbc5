"""The request's states move only through samrad/flows.py: each change validated,
atomic and audited, and the detail page never loses what was typed in another section."""

import re
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from samrad import flows
from samrad.models import AuditEntry, SamradRequest, Status

from .case_page import case_url, post_section
from .helpers import SecondFactorClient
from .samrad_helpers import SITUATION, coordinator, professional, request_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def samrad_request(django_capture_on_commit_callbacks):
    sender = SecondFactorClient()
    sender.force_login(professional())
    with django_capture_on_commit_callbacks(execute=True):
        response = sender.post("/personal/samrad/ny/samtycke/", request_data("samtycke"))
    assert response.status_code == 302
    samrad_request = SamradRequest.objects.get()
    samrad_request.sender = sender
    mail.outbox.clear()
    return samrad_request


def test_notes_typed_survive_a_status_change(client, samrad_request):
    client.force_login(coordinator())
    response = post_section(
        client,
        samrad_request,
        "status",
        {"status": "discussed", "coordinator_notes": "Ring BOPS i morgon."},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Ring BOPS i morgon." in content
    assert "inte sparat" in content.lower()
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.DISCUSSED
    assert samrad_request.coordinator_notes == ""
    # With nothing typed elsewhere the page redirects as before.
    response = post_section(client, samrad_request, "notes", {"coordinator_notes": "Ring BOPS."})
    assert response.status_code == 302
    samrad_request.refresh_from_db()
    assert samrad_request.coordinator_notes == "Ring BOPS."


def test_an_action_typed_survives_an_error_in_the_status_section(client, samrad_request):
    client.force_login(coordinator())
    response = post_section(
        client,
        samrad_request,
        "status",
        {"status": "declined", "description": "Polisen gör en riskbedömning"},
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Polisen gör en riskbedömning" in content
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.RECEIVED


def test_a_change_the_flow_does_not_allow_is_refused(client, samrad_request):
    client.force_login(coordinator())
    post_section(
        client, samrad_request, "status", {"status": "declined", "decline_reason": "Annat län"}
    )
    response = post_section(client, samrad_request, "status", {"status": "closed"})
    assert response.status_code == 200
    assert "kan inte bli" in response.content.decode()
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.DECLINED


def test_a_status_change_and_its_audit_entry_are_one_write(samrad_request):
    user = coordinator()
    with (
        mock.patch.object(AuditEntry, "record", side_effect=RuntimeError("disk full")),
        pytest.raises(RuntimeError),
    ):
        flows.change_status(user, samrad_request, Status.DISCUSSED)
    assert SamradRequest.objects.get(pk=samrad_request.pk).status == Status.RECEIVED
    flows.change_status(user, samrad_request, Status.DISCUSSED)
    entry = AuditEntry.objects.filter(request=samrad_request, event="changed").get()
    assert entry.detail == "status: received → discussed"


def test_every_transition_is_audited_without_content(samrad_request):
    user = coordinator()
    flows.change_status(user, samrad_request, Status.DISCUSSED)
    flows.change_status(user, samrad_request, Status.FOLLOW_UP)
    flows.change_status(user, samrad_request, Status.CLOSED)
    assert SamradRequest.objects.get(pk=samrad_request.pk).closed_at is not None
    flows.change_status(user, samrad_request, Status.FOLLOW_UP)
    assert SamradRequest.objects.get(pk=samrad_request.pk).closed_at is None
    details = list(
        AuditEntry.objects.filter(request=samrad_request, event="changed").values_list("detail")
    )
    assert len(details) == 4
    assert all("Zebra" not in d[0] and SITUATION not in d[0] for d in details)


def test_the_professional_withdraws_and_the_coordinator_is_told(
    samrad_request, django_capture_on_commit_callbacks
):
    coordinator()
    page = samrad_request.sender.get(f"/personal/samrad/mina/{samrad_request.pk}/").content.decode()
    assert 'name="withdraw_reason"' in page
    response = samrad_request.sender.post(
        f"/personal/samrad/mina/{samrad_request.pk}/", {"form": "withdraw"}
    )
    assert response.status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = samrad_request.sender.post(
            f"/personal/samrad/mina/{samrad_request.pk}/",
            {"form": "withdraw", "withdraw_reason": "Personen vill inte längre."},
        )
    assert response.status_code == 302
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.WITHDRAWN and samrad_request.closed_at
    assert [m.to for m in mail.outbox] == [["samordnare@example.org"]]
    assert "återkall" in mail.outbox[0].subject.lower()
    assert "Personen vill" not in mail.outbox[0].body and "Zebra" not in mail.outbox[0].body
    assert AuditEntry.objects.filter(request=samrad_request, event="withdrawn").count() == 1
    # A withdrawn request cannot be taken up again.
    with pytest.raises(ValidationError):
        flows.change_status(coordinator("s2@example.org"), samrad_request, Status.DISCUSSED)
    page = samrad_request.sender.get(f"/personal/samrad/mina/{samrad_request.pk}/").content.decode()
    assert 'name="withdraw_reason"' not in page


class BrowserForm(HTMLParser):
    """What a browser sends for the detail page's form: every field's current value."""

    def __init__(self):
        super().__init__()
        self.data, self.select, self.textarea, self.first = {}, None, None, None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type") not in ("submit", "button"):
            if attrs.get("type") in ("checkbox", "radio"):
                if "checked" in attrs:
                    self.data.setdefault(name, []).append(attrs.get("value", "on"))
            else:
                self.data[name] = [attrs.get("value", "")]
        elif tag == "select" and name:
            self.select, self.first = name, None
        elif tag == "option" and self.select:
            if self.first is None:
                self.first = attrs.get("value", "")
                self.data[self.select] = [self.first]
            if "selected" in attrs:
                self.data[self.select] = [attrs.get("value", "")]
        elif tag == "textarea" and name:
            self.textarea = name
            self.data[name] = [""]

    def handle_endtag(self, tag):
        if tag == "select":
            self.select = None
        if tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] = [self.data[self.textarea][0] + data.lstrip("\n")]


@pytest.mark.parametrize("mode", ["consent", "deidentified"])
def test_saving_one_section_with_everything_the_browser_sends_redirects(
    client, django_capture_on_commit_callbacks, mode
):
    sender = SecondFactorClient()
    sender.force_login(professional())
    path = "samtycke" if mode == "consent" else "avidentifierad"
    with django_capture_on_commit_callbacks(execute=True):
        sender.post(f"/personal/samrad/ny/{path}/", request_data(path))
    samrad_request = SamradRequest.objects.get()
    client.force_login(coordinator())
    page = client.get(case_url(samrad_request)).content.decode()
    form = page[page.index('class="case-work"') :]
    parser = BrowserForm()
    parser.feed(form[: form.index("</form>")])
    data = {k: v for k, v in parser.data.items() if k != "csrfmiddlewaretoken"}
    data["notes-coordinator_notes"] = ["Ring BOPS."]
    # The notes' button posts to the notes' own address.
    (address,) = re.findall(r'formaction="([^"#]*anteckningar/)#notes"', form)
    response = client.post(address, data)
    assert response.status_code == 302, response.content.decode()[-3000:]
    samrad_request.refresh_from_db()
    assert samrad_request.coordinator_notes == "Ring BOPS."


def test_the_audit_log_shows_status_changes_by_their_labels(client, samrad_request):
    coord = coordinator()
    flows.change_status(coord, samrad_request, Status.DISCUSSED)
    client.force_login(coord)
    content = client.get("/personal/samrad/logg/").content.decode()
    assert "status: Mottagen → Behandlad" in content
    assert "received → discussed" not in content
