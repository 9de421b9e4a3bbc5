"""Consent as data: what the signed form covers, a legal ground for anything outside it,
parties that must not be told, and a consent withdrawn."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from organisations.models import Party
from samrad.consent import information_kinds, legal_grounds
from samrad.models import Action, AuditEntry, Invitation, Meeting, SamradRequest
from staff.models import ConsentFormPage

from .case_page import post_section
from .factories.organisations import parties, party
from .helpers import SecondFactorClient
from .samrad_helpers import coordinator, professional, request_data

pytestmark = pytest.mark.django_db


def send(client, callbacks, mode="samtycke", **overrides):
    with callbacks(execute=True):
        response = client.post(f"/personal/samrad/ny/{mode}/", request_data(mode, **overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    mail.outbox.clear()
    return SamradRequest.objects.order_by("-created_at").first()


@pytest.fixture
def sender():
    client = SecondFactorClient()
    client.force_login(professional())
    return client


def test_the_request_form_offers_the_printable_forms_options(sender, staff_area):
    from demo.staff import load_staff_content

    parties()  # the form offers every party of the county
    load_staff_content()  # the printable consent form is a page of the staff area's content
    content = sender.get("/personal/samrad/ny/samtycke/").content.decode()
    kinds = information_kinds()
    assert len(kinds) >= 4
    for kind in kinds:
        assert f'value="{kind}"' in content
    for each in Party.objects.all():
        assert f'name="consent_parties" value="{each.pk}"' in content
    # The printable form lists the same.
    page = sender.get(ConsentFormPage.objects.get().url)
    assert page.status_code == 200
    for kind in kinds:
        assert kind in page.content.decode()


def test_a_wanted_party_outside_the_consent_is_refused(sender):
    response = sender.post(
        "/personal/samrad/ny/samtycke/",
        request_data("samtycke", parties_wanted=[party("are").pk]),
    )
    assert response.status_code == 200
    assert "omfattas inte av samtycket" in response.content.decode()
    assert SamradRequest.objects.count() == 0


def test_consent_scope_is_stored_and_shown(sender, client, django_capture_on_commit_callbacks):
    samrad_request = send(sender, django_capture_on_commit_callbacks)
    assert set(samrad_request.consent_parties.values_list("slug", flat=True)) == {
        "polisen",
        "krokom",
        "ostersund",
    }
    assert samrad_request.consent_information_list == information_kinds()[:2]
    assert samrad_request.consent_in_force
    client.force_login(coordinator())
    content = client.get(f"/personal/samrad/inkorg/{samrad_request.pk}/").content.decode()
    assert information_kinds()[0] in content
    assert (samrad_request.consent_valid_until).isoformat() in content


def test_inviting_outside_the_consent_asks_for_a_legal_ground(
    sender, client, django_capture_on_commit_callbacks
):
    samrad_request = send(sender, django_capture_on_commit_callbacks)
    client.force_login(coordinator())
    url = f"/personal/samrad/inkorg/{samrad_request.pk}/"
    # Covered: no ground needed.
    assert (
        post_section(
            client, samrad_request, "invite", {"invite_party": party("polisen").pk}
        ).status_code
        == 302
    )
    # Åre is not on the form: refused until a provision is named.
    response = post_section(client, samrad_request, "invite", {"invite_party": party("are").pk})
    assert response.status_code == 200
    assert "omfattas inte av ett gällande samtycke" in response.content.decode()
    # The refusal says why, and does not send the coordinator looking for marked fields.
    assert "Inget sparades." in response.content.decode()
    assert "Rätta de markerade fälten" not in response.content.decode()
    assert not Invitation.objects.filter(party=party("are")).exists()
    ground = legal_grounds()[0]
    assert "OSL" in ground
    response = post_section(
        client, samrad_request, "invite", {"invite_party": party("are").pk, "provision": ground}
    )
    assert response.status_code == 302
    invitation = Invitation.objects.get(party=party("are"))
    assert (invitation.ground, invitation.provision) == ("provision", ground)
    assert ground in client.get(url).content.decode()
    assert AuditEntry.objects.filter(request=samrad_request, event="invited").count() == 2
    # A made-up ground is a field error, not a 500.
    response = post_section(
        client, samrad_request, "invite", {"invite_party": party("berg").pk, "provision": "x"}
    )
    assert response.status_code == 200


def test_a_party_that_must_not_be_told(sender, client, django_capture_on_commit_callbacks):
    samrad_request = send(
        sender, django_capture_on_commit_callbacks, do_not_tell=[party("stromsund").pk]
    )
    other = send(sender, django_capture_on_commit_callbacks)
    coord = coordinator()
    client.force_login(coord)
    url = f"/personal/samrad/inkorg/{samrad_request.pk}/"
    content = client.get(url).content.decode()
    assert "Får inte veta något" in content
    # Not invited, even with a provision...
    response = post_section(
        client,
        samrad_request,
        "invite",
        {"invite_party": party("stromsund").pk, "provision": legal_grounds()[0]},
    )
    assert response.status_code == 200
    assert not Invitation.objects.exists()
    # ...not given an action...
    response = post_section(
        client,
        samrad_request,
        "action",
        {"party": party("stromsund").pk, "description": "Ring", "due_on": ""},
    )
    assert response.status_code == 200
    assert not Action.objects.exists()
    # ...and left out of the agenda shown to that party.
    meeting = Meeting.objects.create(
        kind="weekly", starts_at=timezone.now() + timedelta(days=2), place="Rum", created_by=coord
    )
    SamradRequest.objects.update(meeting=meeting)
    shown = client.get(f"/personal/samrad/moten/{meeting.pk}/", {"part": "stromsund"})
    shown = shown.content.decode()
    assert other.reference in shown and samrad_request.reference not in shown
    everyone = client.get(f"/personal/samrad/moten/{meeting.pk}/").content.decode()
    assert samrad_request.reference in everyone
    assert client.get(f"/personal/samrad/moten/{meeting.pk}/", {"part": "../x"}).status_code == 200


def test_must_not_be_told_cannot_also_be_wanted(sender):
    response = sender.post(
        "/personal/samrad/ny/avidentifierad/",
        request_data(do_not_tell=[party("polisen").pk]),
    )
    assert response.status_code == 200
    assert SamradRequest.objects.count() == 0


def test_consent_withdrawn_stops_sharing_and_tells_the_coordinator(
    sender, client, django_capture_on_commit_callbacks
):
    samrad_request = send(sender, django_capture_on_commit_callbacks)
    coordinator()
    today = timezone.localdate().isoformat()
    with django_capture_on_commit_callbacks(execute=True):
        response = sender.post(
            f"/personal/samrad/mina/{samrad_request.pk}/",
            {"form": "consent", "consent_withdrawn_on": today},
        )
    assert response.status_code == 302
    samrad_request.refresh_from_db()
    assert (
        samrad_request.consent_withdrawn_on.isoformat() == today
        and not samrad_request.consent_in_force
    )
    # The coordinator is told which request; the parties the consent covered only that
    # something waits in the portal (tests/test_samrad_withdrawal.py).
    assert mail.outbox[0].to == ["samordnare@example.org"]
    assert "samtycket har återkallats" in mail.outbox[0].subject
    assert all("Zebra" not in m.body for m in mail.outbox)
    assert all(samrad_request.reference not in m.subject + m.body for m in mail.outbox[1:])
    client.force_login(coordinator("s2@example.org"))
    url = f"/personal/samrad/inkorg/{samrad_request.pk}/"
    assert "återkallade samtycket" in client.get(url).content.decode()
    # Even a party on the form now needs a legal ground.
    response = post_section(client, samrad_request, "invite", {"invite_party": party("polisen").pk})
    assert response.status_code == 200
    assert not Invitation.objects.exists()
    # A future date is a field error.
    response = sender.post(
        f"/personal/samrad/mina/{samrad_request.pk}/",
        {"form": "consent", "consent_withdrawn_on": "2999-01-01"},
    )
    assert response.status_code == 200


def test_the_professional_sees_the_actions_for_their_own_party_only(
    sender, client, django_capture_on_commit_callbacks
):
    samrad_request = send(sender, django_capture_on_commit_callbacks)
    Action.objects.create(request=samrad_request, party=party("krokom"), description="Stödsamtal")
    Action.objects.create(
        request=samrad_request, party=party("polisen"), description="Hemligt polisarbete"
    )
    content = sender.get(f"/personal/samrad/mina/{samrad_request.pk}/").content.decode()
    assert "Stödsamtal" in content and "Hemligt polisarbete" not in content
