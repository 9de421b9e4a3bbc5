"""The minutes of a samråd meeting on the coordinator's meeting page: attendance by party
and function, other actors present (seed 001 §12, only for cases whose consent names them),
and the printable ledger of what was shared, by whom, to whom and on which ground. A party
invited to a planned case is invited to its meeting; a missing home municipality is
pointed out."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from samrad.models import (
    Attendance,
    AuditEntry,
    Invitation,
    Meeting,
    OtherActor,
    Provision,
    RecordGround,
    SamradRecord,
)

from .case_page import post_section
from .factories.organisations import party
from .helpers import SecondFactorClient
from .samrad_helpers import PERSON, coordinator, make_request, professional

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    coord = coordinator()
    client = SecondFactorClient()
    client.force_login(coord)
    meeting = Meeting.objects.create(
        kind="weekly",
        starts_at=timezone.now() + timedelta(hours=1),
        place="Polishuset, Östersund",
        created_by=coord,
    )
    meeting.invited_parties.set([party("polisen"), party("region")])
    author = professional()
    identified = make_request(
        author,
        status="planned",
        meeting=meeting,
        home_municipality=party("krokom"),
        consent_signed_on=(timezone.localdate() - timedelta(days=5)).isoformat(),
    )
    identified.consent_parties.set([party("polisen"), party("krokom")])
    deidentified = make_request(
        author, mode="deidentified", person_name="", status="planned", meeting=meeting
    )
    return {
        "client": client,
        "coordinator": coord,
        "meeting": meeting,
        "identified": identified,
        "deidentified": deidentified,
    }


def meeting_url(meeting):
    return f"/personal/samrad/moten/{meeting.pk}/"


def minutes_url(meeting):
    return f"/personal/samrad/moten/{meeting.pk}/protokoll/"


def test_attendance_is_recorded_by_party_and_function(world):
    client, meeting = world["client"], world["meeting"]
    for slug, function in (
        ("polisen", "police_investigator"),
        ("polisen", "police_person_safety"),
        ("krokom", "social_services"),
    ):
        response = client.post(
            meeting_url(meeting),
            {
                "form": "attend",
                "attend-attendance_party": party(slug).pk,
                "attend-function": function,
            },
        )
        assert response.status_code == 302
    rows = set(Attendance.objects.values_list("party__slug", "function"))
    assert rows == {
        ("polisen", "police_investigator"),
        ("polisen", "police_person_safety"),
        ("krokom", "social_services"),
    }
    page = client.get(meeting_url(meeting)).content.decode()
    assert "Polisen: Brottsoffer- och personsäkerhet (BOPS)" in page
    printed = client.get(minutes_url(meeting)).content.decode()
    assert "Utredare, brott i nära relation eller grova brott" in printed
    assert "Den socialtjänst som är ansvarig i ärendet" in printed
    # A municipality cannot take part as the police's personal safety function.
    response = client.post(
        meeting_url(meeting),
        {
            "form": "attend",
            "attend-attendance_party": party("krokom").pk,
            "attend-function": "police_person_safety",
        },
    )
    assert response.status_code == 200
    assert "Krokoms kommun kan inte delta som" in response.content.decode()
    assert Attendance.objects.count() == 3


def actor_post(cases, confirmed=True):
    data = {
        "form": "actor",
        "actor-organisation": "Kvinnojouren Östersund",
        "actor-role": "Stödperson",
        "actor-cases": [samrad_request.pk for samrad_request in cases],
    }
    if confirmed:
        data["actor-consent_names_actor"] = "on"
    return data


def test_another_actor_only_for_a_case_whose_consent_names_it(world):
    client, meeting = world["client"], world["meeting"]
    identified, deidentified = world["identified"], world["deidentified"]
    # A de-identified case: never.
    response = client.post(meeting_url(meeting), actor_post([deidentified]))
    assert response.status_code == 200
    assert "annan aktör får vara med bara där ett gällande samtycke nämner den" in (
        response.content.decode()
    )
    assert "Kvinnojouren Östersund" in response.content.decode()  # typed, kept
    # Not confirmed that the consent names it: refused too.
    response = client.post(meeting_url(meeting), actor_post([identified], confirmed=False))
    assert response.status_code == 200 and not OtherActor.objects.exists()
    # The consent is withdrawn: refused.
    identified.consent_withdrawn_on = timezone.localdate()
    identified.save()
    response = client.post(meeting_url(meeting), actor_post([identified]))
    assert response.status_code == 200 and not OtherActor.objects.exists()
    identified.consent_withdrawn_on = None
    identified.save()
    response = client.post(meeting_url(meeting), actor_post([identified]))
    assert response.status_code == 302
    actor = OtherActor.objects.get()
    assert list(actor.cases.all()) == [identified]
    printed = client.get(minutes_url(meeting)).content.decode()
    assert "Kvinnojouren Östersund" in printed and identified.reference in printed


def test_the_ledger_prints_what_was_shared_by_whom_to_whom_on_which_ground(world):
    client, meeting, identified = world["client"], world["meeting"], world["identified"]
    record = SamradRecord.objects.create(
        request=identified,
        meeting=meeting,
        held_on=timezone.localdate(),
        shared_by=party("krokom"),
        information_shared="Våld och hot",
        decision="Plan",
    )
    provision = Provision.objects.get(reference="OSL 10 kap. 18 c §")
    RecordGround.objects.create(record=record, party=party("polisen"), ground="consent")
    RecordGround.objects.create(
        record=record, party=party("region"), ground="provision", provision=provision
    )
    response = client.get(minutes_url(meeting))
    content = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    row = (
        f"<td>{identified.reference}</td><td>Våld och hot</td><td>Krokoms kommun</td>"
        "<td>Region Jämtland Härjedalen</td><td>En bestämmelse i lag: OSL 10 kap. 18 c §"
    )
    assert row in content
    assert "<td>Polisen</td><td>Samtycke</td>" in content
    # The reference only: never the person.
    assert PERSON not in content
    assert AuditEntry.objects.filter(request=identified, event="printed").count() == 1
    # Paper: no menu, no forms.
    assert "<form" not in content


def test_the_minutes_are_the_coordinators_only(world):
    other = SecondFactorClient()
    other.force_login(professional("annan@example.org"))
    response = other.get(minutes_url(world["meeting"]))
    assert response.status_code in (302, 403, 404)


def test_inviting_a_party_to_a_planned_case_invites_it_to_the_meeting(
    world, django_capture_on_commit_callbacks
):
    client, meeting, identified = world["client"], world["meeting"], world["identified"]
    party("krokom").__class__.objects.filter(slug="krokom").update(
        samrad_mailbox="krokom-samrad@example.org"
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = post_section(client, identified, "invite", {"invite_party": party("krokom").pk})
    assert response.status_code == 302
    assert Invitation.objects.filter(request=identified, party=party("krokom")).exists()
    assert meeting.invited_parties.filter(slug="krokom").exists()
    assert any("krokom-samrad@example.org" in message.to for message in mail.outbox)


def test_a_missing_home_municipality_is_pointed_out(world):
    client, meeting, identified = world["client"], world["meeting"], world["identified"]
    page = client.get(meeting_url(meeting)).content.decode()
    warning = page.split('id="missing-home"')[1].split("</p>")[0]
    assert f"{identified.reference} (Krokoms kommun)" in warning
    case_page = client.get(f"/personal/samrad/inkorg/{identified.pk}/").content.decode()
    assert "hemkommun, Krokoms kommun, är inte inbjuden till mötet" in case_page
    meeting.invited_parties.add(party("krokom"))
    page = client.get(meeting_url(meeting)).content.decode()
    assert 'id="missing-home"' not in page
