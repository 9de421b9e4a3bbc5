"""Each case on an agenda has its own time inside the meeting: set by the coordinator when
planning (by default the next free slot), shown on the agendas, refused outside the
meeting in Swedish, and the professional's invitation and calendar entry are for that
case's time, not the whole meeting."""

from datetime import UTC, datetime, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from samrad.models import Meeting, SamradRequest, Status

from .case_page import post_section
from .factories.organisations import party
from .helpers import SecondFactorClient
from .samrad_helpers import coordinator, make_request, professional

pytestmark = pytest.mark.django_db


def signed_in(user):
    client = SecondFactorClient()
    client.force_login(user)
    return client


def next_week_at(hour, minute=0):
    day = timezone.localdate() + timedelta(days=7)
    return timezone.make_aware(datetime.combine(day, time(hour, minute)))


def utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@pytest.fixture
def setting():
    coord = coordinator()
    meeting = Meeting.objects.create(
        kind="weekly", starts_at=next_week_at(9), place="Polishuset", created_by=coord
    )
    meeting.invited_parties.set([party("polisen")])
    author = professional()
    cases = [
        make_request(author, mode="deidentified", status=Status.RECEIVED, question=f"Fråga {n}")
        for n in range(3)
    ]
    return signed_in(coord), meeting, cases


def plan(client, samrad_request, meeting, callbacks, **fields):
    with callbacks(execute=True):
        return post_section(client, samrad_request, "plan", {"meeting": meeting.pk, **fields})


def calendar_properties(message):
    (part,) = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    text = part.get_payload(decode=True).decode().replace("\r\n ", "")
    return dict(line.split(":", 1) for line in text.split("\r\n") if ":" in line)


def test_by_default_the_cases_get_consecutive_times(setting, django_capture_on_commit_callbacks):
    client, meeting, cases = setting
    for samrad_request in cases:
        assert (
            plan(client, samrad_request, meeting, django_capture_on_commit_callbacks).status_code
            == 302
        )
    page = client.get(f"/personal/samrad/moten/{meeting.pk}/").content.decode()
    for slot in ("09:00–09:15", "09:15–09:30", "09:30–09:45"):
        assert slot in page
    printed = client.get(f"/personal/samrad/moten/{meeting.pk}/dagordning/").content.decode()
    assert "09:15–09:30" in printed
    room = client.get(f"/personal/samrad/moten/{meeting.pk}/dagordning/allman/").content.decode()
    assert "09:30–09:45" in room
    case_page = client.get(f"/personal/samrad/inkorg/{cases[1].pk}/").content.decode()
    assert "det här ärendet 09:15–09:30" in case_page


def test_the_coordinator_sets_a_time_and_length(setting, django_capture_on_commit_callbacks):
    client, meeting, cases = setting
    response = plan(
        client,
        cases[0],
        meeting,
        django_capture_on_commit_callbacks,
        agenda_time="10:20",
        agenda_minutes="30",
    )
    assert response.status_code == 302
    # The representative's agenda shows it too.
    from staff import roles

    from .helpers import make_user

    rep = make_user("rep@example.org", role=roles.REPRESENTATIVE, party=party("polisen"))
    agenda = signed_in(rep).get(f"/personal/samrad/representant/moten/{meeting.pk}/")
    assert "10:20–10:50" in agenda.content.decode()


@pytest.mark.parametrize(
    ("at", "minutes"),
    [("08:45", "15"), ("11:00", "15"), ("10:50", "30"), ("23:59", "5"), ("00:00", "15")],
)
def test_a_time_outside_the_meeting_is_refused_in_swedish(
    setting, at, minutes, django_capture_on_commit_callbacks
):
    client, meeting, cases = setting
    response = plan(
        client,
        cases[0],
        meeting,
        django_capture_on_commit_callbacks,
        agenda_time=at,
        agenda_minutes=minutes,
    )
    assert response.status_code == 200
    assert "Ärendets tid måste ligga inom mötet, 09:00–11:00." in response.content.decode()
    cases[0].refresh_from_db()
    assert cases[0].status == Status.RECEIVED and cases[0].meeting is None
    assert mail.outbox == []


@pytest.mark.parametrize(
    ("at", "minutes"), [("25:00", "15"), ("nio", "15"), ("09:00", "0"), ("09:00", "x" * 10_000)]
)
def test_nonsense_is_refused_without_a_500(
    setting, at, minutes, django_capture_on_commit_callbacks
):
    client, meeting, cases = setting
    response = plan(
        client,
        cases[0],
        meeting,
        django_capture_on_commit_callbacks,
        agenda_time=at,
        agenda_minutes=minutes,
    )
    assert response.status_code == 200
    assert "field--error" in response.content.decode()


def test_a_full_meeting_asks_for_a_time(setting, django_capture_on_commit_callbacks):
    client, meeting, cases = setting
    plan(client, cases[0], meeting, django_capture_on_commit_callbacks, agenda_minutes="120")
    response = plan(client, cases[1], meeting, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Mötets tid är upptagen" in response.content.decode()


def test_the_professional_is_invited_for_the_cases_time(
    setting, django_capture_on_commit_callbacks
):
    client, meeting, cases = setting
    plan(client, cases[0], meeting, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    plan(
        client,
        cases[1],
        meeting,
        django_capture_on_commit_callbacks,
        agenda_time="09:40",
        agenda_minutes="20",
    )
    (message,) = [m for m in mail.outbox if m.to == [cases[1].contact_email]]
    assert f"Tid för ditt ärende {cases[1].reference}: 09:40–10:00" in message.body
    properties = calendar_properties(message)
    assert properties["DTSTART"] == utc(next_week_at(9, 40))
    assert properties["DTEND"] == utc(next_week_at(10))
    # Its own calendar entry, not the meeting's (which the parties have).
    (party_mail,) = [m for m in mail.outbox if m.to != [cases[1].contact_email]]
    assert calendar_properties(party_mail)["UID"] != properties["UID"]

    # A new time on the same meeting updates that entry.
    mail.outbox.clear()
    plan(
        client,
        cases[1],
        meeting,
        django_capture_on_commit_callbacks,
        agenda_time="10:00",
        agenda_minutes="20",
    )
    (moved,) = mail.outbox
    again = calendar_properties(moved)
    assert again["UID"] == properties["UID"]
    assert int(again["SEQUENCE"]) > int(properties["SEQUENCE"])
    assert again["DTSTART"] == utc(next_week_at(10))


def test_moving_the_meeting_moves_the_cases_times(setting, django_capture_on_commit_callbacks):
    client, meeting, cases = setting
    plan(client, cases[0], meeting, django_capture_on_commit_callbacks)
    plan(client, cases[1], meeting, django_capture_on_commit_callbacks)
    mail.outbox.clear()
    later = next_week_at(13)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/personal/samrad/moten/{meeting.pk}/",
            {
                "form": "change",
                "kind": "weekly",
                "starts_at": later.strftime("%Y-%m-%dT%H:%M"),
                "place": "Polishuset",
            },
        )
    # One mail for each of the professional's cases, each with that case's time.
    (message,) = [m for m in mail.outbox if cases[1].reference in m.body]
    assert calendar_properties(message)["DTSTART"] == utc(next_week_at(13, 15))
    assert "13:15–13:30" in message.body
    page = client.get(f"/personal/samrad/moten/{meeting.pk}/").content.decode()
    assert "13:15–13:30" in page


def test_taking_the_case_off_cancels_its_own_entry(setting, django_capture_on_commit_callbacks):
    client, meeting, cases = setting
    plan(client, cases[0], meeting, django_capture_on_commit_callbacks)
    plan(client, cases[1], meeting, django_capture_on_commit_callbacks)
    (invited,) = [m for m in mail.outbox if m.to == [cases[1].contact_email]][-1:]
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        post_section(client, cases[1], "takeoff")
    (message,) = [m for m in mail.outbox if m.to == [cases[1].contact_email]]
    cancel = calendar_properties(message)
    # Cancelled although another case of the same professional is still on the meeting.
    assert cancel["METHOD"] == "CANCEL"
    assert cancel["UID"] == calendar_properties(invited)["UID"]
    assert SamradRequest.objects.get(pk=cases[1].pk).agenda_start is None
