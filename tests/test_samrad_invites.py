"""Samråd invitations and changes by e-mail with calendar files: planning, moving,
cancelling, inviting, taking a case off a meeting, declining. What the parties' functional
mailboxes and the professional receive, and that nothing in it names the person."""

from datetime import UTC, datetime, timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from organisations.models import Party
from outbox.models import Notification
from samrad import calendar, flows
from samrad.models import AuditEntry, Meeting, SamradRequest, Status
from staff import roles

from .case_page import post_section
from .factories.organisations import party
from .helpers import SecondFactorClient, make_user
from .samrad_helpers import (
    CANONICAL_ID,
    QUESTION,
    SITUATION,
    VALID_ID,
    coordinator,
    professional,
    request_data,
)

pytestmark = pytest.mark.django_db

MEETINGS = "/personal/samrad/moten/"
SECRETS = ("Zebra", "Fink", VALID_ID, CANONICAL_ID, QUESTION, SITUATION, "Ring inte")


# Reading what was sent -------------------------------------------------------------------


def unfold(text):
    """The content lines of a calendar file: CRLF only, continuation lines joined."""
    assert text.endswith("\r\n")
    assert "\n" not in text.replace("\r\n", ""), "a bare LF in the calendar file"
    physical = text.split("\r\n")[:-1]
    for line in physical:
        assert len(line.encode()) <= 75, line
    lines = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def parse(text):
    """The calendar's and the event's properties by name (parameters dropped), with the
    nesting checked."""
    lines = unfold(text)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    assert lines.count("BEGIN:VEVENT") == 1 and lines.count("END:VEVENT") == 1
    assert lines.index("BEGIN:VEVENT") < lines.index("END:VEVENT")
    properties = {}
    for line in lines:
        name_and_params, _, value = line.partition(":")
        properties.setdefault(name_and_params.split(";")[0], value)
    return properties


def calendar_of(message):
    """The one text/calendar part of a sent message, as it goes over the wire."""
    parts = [p for p in message.message().walk() if p.get_content_type() == "text/calendar"]
    assert len(parts) == 1, [p.get_content_type() for p in message.message().walk()]
    part = parts[0]
    assert part.get_filename() == "samrad.ics"
    text = part.get_payload(decode=True).decode("utf-8")
    properties = parse(text)
    assert part.get_param("method") == properties["METHOD"]
    return properties, text


def sent_to(address):
    return [m for m in mail.outbox if m.to == [address]]


def assert_no_personal_data(message):
    content = message.subject + message.body
    if any(p.get_content_type() == "text/calendar" for p in message.message().walk()):
        content += calendar_of(message)[1]
    for secret in SECRETS:
        assert secret not in content, (secret, message.subject)


def mailbox(slug):
    return party(slug).samrad_mailbox


def utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


# Set-up ----------------------------------------------------------------------------------


def next_week_at(hour, minute=0, days=7):
    return (timezone.localtime() + timedelta(days=days)).replace(
        hour=hour, minute=minute, second=0, microsecond=0
    )


@pytest.fixture
def coord(client):
    user = coordinator()
    client.force_login(user)
    return user


@pytest.fixture
def samrad_request(django_capture_on_commit_callbacks):
    """A consent request with the person's name and identity number."""
    sender = SecondFactorClient()
    sender.force_login(professional())
    with django_capture_on_commit_callbacks(execute=True):
        response = sender.post("/personal/samrad/ny/samtycke/", request_data("samtycke"))
    assert response.status_code == 302
    mail.outbox.clear()
    return SamradRequest.objects.get()


def create_meeting(client, callbacks, starts, parties=("polisen", "krokom"), place=None):
    data = {
        "kind": "weekly",
        "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
        "place": place or "Polishuset, Östersund; rum 3",
        "invited_parties": [party(slug).pk for slug in parties],
    }
    with callbacks(execute=True):
        response = client.post(MEETINGS, data, follow=True)
    assert response.status_code == 200
    return Meeting.objects.order_by("-created_at").first(), response


def plan(client, callbacks, samrad_request, meeting):
    with callbacks(execute=True):
        response = post_section(client, samrad_request, "plan", {"meeting": meeting.pk})
    assert response.status_code == 302, response.content.decode()[:2000]


def move(client, callbacks, meeting, starts, place, kind="weekly", follow=True):
    data = {"form": "change", "kind": kind, "starts_at": starts, "place": place}
    with callbacks(execute=True):
        return client.post(f"{MEETINGS}{meeting.pk}/", data, follow=follow)


# The calendar file itself ----------------------------------------------------------------


def test_the_calendar_file_is_folded_escaped_and_crlf():
    place = "Polishuset, Östersund; rum 3\\4\nIngång B " + "å" * 80
    event = calendar.Event(
        uid="samrad-1@portal.example",
        sequence=3,
        starts_at=datetime(2026, 12, 2, 9, 0, tzinfo=timezone.get_current_timezone()),
        summary="Veckosamråd",
        location=place + "\x00\x07",
        description="Dagordningen finns i portalen.",
        organizer="Operation Norrsken <noreply@example.org>",
        attendee="samrad.polisen@norrsken.example",
    )
    text = calendar.build(event, calendar.REQUEST)
    properties = parse(text)
    assert properties["METHOD"] == "REQUEST" and properties["STATUS"] == "CONFIRMED"
    assert properties["UID"] == "samrad-1@portal.example"
    assert properties["SEQUENCE"] == "3"
    # 09:00 in Stockholm in December is 08:00 UTC.
    assert properties["DTSTART"] == "20261202T080000Z"
    assert properties["DTEND"] == "20261202T100000Z"
    assert properties["LOCATION"] == (
        "Polishuset\\, Östersund\\; rum 3\\\\4\\nIngång B " + "å" * 80
    )
    assert properties["ORGANIZER"] == "mailto:noreply@example.org"
    assert "\x00" not in text and "\x07" not in text
    # The long line really was folded, and never inside a character.
    assert len(text.split("\r\n")) > len(unfold(text)) + 1
    text.encode().decode("utf-8")
    cancel = parse(calendar.build(event, calendar.CANCEL))
    assert cancel["METHOD"] == "CANCEL" and cancel["STATUS"] == "CANCELLED"


# Inviting --------------------------------------------------------------------------------


def test_a_new_meeting_invites_each_party_mailbox_and_names_those_without(
    client, coord, django_capture_on_commit_callbacks
):
    Party.objects.filter(pk=party("krokom").pk).update(samrad_mailbox="")
    starts = next_week_at(9)
    meeting, response = create_meeting(client, django_capture_on_commit_callbacks, starts)
    # Krokom has no mailbox: the coordinator is told, on the spot and on the meeting page.
    page = response.content.decode()
    assert "Inte skickat till Krokom" in page
    assert "ingen funktionsbrevlåda" in page
    assert [m.to for m in mail.outbox] == [[mailbox("polisen")]]
    message = mail.outbox[0]
    assert starts.strftime("%Y-%m-%d %H:%M") in message.subject
    for fact in (starts.strftime("%Y-%m-%d"), starts.strftime("%H:%M"), "Polishuset, Östersund"):
        assert fact in message.body
    properties, _ = calendar_of(message)
    assert properties["METHOD"] == "REQUEST"
    assert properties["UID"].startswith(f"samrad-{meeting.pk}@")
    assert properties["SEQUENCE"] == "0"
    assert properties["DTSTART"] == utc(starts)
    assert properties["LOCATION"] == "Polishuset\\, Östersund\\; rum 3"
    assert properties["ATTENDEE"] == f"mailto:{mailbox('polisen')}"
    # The mail and the calendar entry lead the party's representative to the agenda.
    agenda = f"/personal/samrad/representant/moten/{meeting.pk}/"
    assert agenda in message.body
    assert properties["URL"].endswith(agenda)
    assert AuditEntry.objects.filter(event="meeting", detail__contains=str(meeting.pk)).exists()


def test_inviting_a_party_mails_only_that_party_and_only_once(
    client, coord, django_capture_on_commit_callbacks
):
    meeting, _ = create_meeting(
        client, django_capture_on_commit_callbacks, next_week_at(9), parties=["polisen"]
    )
    mail.outbox.clear()
    region = party("region")
    for _ in range(2):  # a re-submit of the same form sends nothing more
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"{MEETINGS}{meeting.pk}/", {"form": "invite", "party": region.pk}
            )
        assert response.status_code in (302, 200)
    assert [m.to for m in mail.outbox] == [[region.samrad_mailbox]]
    assert calendar_of(mail.outbox[0])[0]["SEQUENCE"] == "0"
    # Two posts that both passed the form before either was saved: the flow sends once.
    with django_capture_on_commit_callbacks(execute=True):
        assert flows.invite_to_meeting(coord, meeting, region) == (False, [])
    assert len(mail.outbox) == 1
    assert set(meeting.invited_parties.values_list("slug", flat=True)) == {"polisen", "region"}

    # A party without a mailbox is invited, and the coordinator is told it was not mailed.
    Party.objects.filter(pk=party("are").pk).update(samrad_mailbox="")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"{MEETINGS}{meeting.pk}/",
            {"form": "invite", "party": party("are").pk},
            follow=True,
        )
    assert "Inte skickat till Åre" in response.content.decode()
    assert len(mail.outbox) == 1


# Planning, moving, cancelling ------------------------------------------------------------


def test_planning_tells_the_parties_and_the_professional_where_without_personal_data(
    client, coord, samrad_request, django_capture_on_commit_callbacks
):
    starts = next_week_at(13, 30)
    meeting, _ = create_meeting(client, django_capture_on_commit_callbacks, starts)
    mail.outbox.clear()
    plan(client, django_capture_on_commit_callbacks, samrad_request, meeting)

    professional_mail = sent_to(samrad_request.contact_email)
    assert len(professional_mail) == 1
    message = professional_mail[0]
    assert samrad_request.reference in message.subject
    for fact in (starts.strftime("%Y-%m-%d"), "13:30", "Polishuset, Östersund; rum 3"):
        assert fact in message.body
    properties, _ = calendar_of(message)
    assert properties["METHOD"] == "REQUEST" and properties["DTSTART"] == utc(starts)

    for slug in ("polisen", "krokom"):
        (party_mail,) = sent_to(mailbox(slug))
        assert "dagordning" in party_mail.subject
        assert samrad_request.reference not in party_mail.subject + party_mail.body
        # The parties have the meeting; the professional an entry of their own case.
        assert properties["UID"].startswith(f"samrad-{meeting.pk}-{samrad_request.pk}@")
        assert calendar_of(party_mail)[0]["UID"].startswith(f"samrad-{meeting.pk}@")
    for message in mail.outbox:
        assert_no_personal_data(message)

    # The same plan again sends nothing.
    mail.outbox.clear()
    plan(client, django_capture_on_commit_callbacks, samrad_request, meeting)
    assert mail.outbox == []


def test_moving_keeps_the_uid_raises_the_sequence_and_is_sent_once(
    client, coord, samrad_request, django_capture_on_commit_callbacks
):
    meeting, _ = create_meeting(client, django_capture_on_commit_callbacks, next_week_at(9))
    plan(client, django_capture_on_commit_callbacks, samrad_request, meeting)
    uid = calendar_of(sent_to(mailbox("polisen"))[0])[0]["UID"]
    case_uid = calendar_of(sent_to(samrad_request.contact_email)[0])[0]["UID"]
    mail.outbox.clear()

    later = next_week_at(10, 15, days=8)
    new_place = "https://video.example/samrad?rum=3&pin=42"
    response = move(
        client,
        django_capture_on_commit_callbacks,
        meeting,
        later.strftime("%Y-%m-%dT%H:%M"),
        new_place,
    )
    assert response.status_code == 200
    expected = {mailbox("polisen"), mailbox("krokom"), samrad_request.contact_email}
    assert {m.to[0] for m in mail.outbox} == expected and len(mail.outbox) == 3
    for message in mail.outbox:
        properties, _ = calendar_of(message)
        own = message.to[0] == samrad_request.contact_email
        # The professional's entry is their case's (at the meeting's start: the first
        # case), raised as the meeting's is.
        assert properties["UID"] == (case_uid if own else uid)
        assert properties["SEQUENCE"] == ("2" if own else "1")
        assert properties["DTSTART"] == utc(later)
        assert properties["URL"].startswith("http")
        # The link arrives as typed, not HTML-escaped.
        assert new_place in message.body and "&amp;" not in message.body
        assert later.strftime("%Y-%m-%d %H:%M") in message.subject
        assert_no_personal_data(message)
        # Each is led where it may go: a party to its agenda, the professional to their
        # own requests (the agenda is not theirs to read).
        if message.to[0] == samrad_request.contact_email:
            assert "/personal/samrad/mina/" in message.body and "representant" not in message.body
        else:
            assert f"/personal/samrad/representant/moten/{meeting.pk}/" in message.body
    meeting.refresh_from_db()
    assert (meeting.sequence, meeting.place) == (1, new_place)

    # The page shows the new values; posting them again changes and sends nothing.
    mail.outbox.clear()
    move(
        client,
        django_capture_on_commit_callbacks,
        meeting,
        later.strftime("%Y-%m-%dT%H:%M"),
        new_place,
    )
    assert mail.outbox == []
    meeting.refresh_from_db()
    assert meeting.sequence == 1

    # A second move: the same UID, a higher sequence.
    move(
        client,
        django_capture_on_commit_callbacks,
        meeting,
        later.strftime("%Y-%m-%dT%H:%M"),
        "Rum 4",
    )
    sequences = {calendar_of(m)[0]["SEQUENCE"] for m in mail.outbox}
    uids = {calendar_of(m)[0]["UID"] for m in mail.outbox}
    assert sequences == {"2", "3"} and uids == {uid, case_uid}


def test_cancelling_asks_first_sends_cancel_and_returns_the_cases(
    client, coord, samrad_request, django_capture_on_commit_callbacks
):
    meeting, _ = create_meeting(client, django_capture_on_commit_callbacks, next_week_at(9))
    plan(client, django_capture_on_commit_callbacks, samrad_request, meeting)
    uid = calendar_of(sent_to(mailbox("polisen"))[0])[0]["UID"]
    case_uid = calendar_of(sent_to(samrad_request.contact_email)[0])[0]["UID"]
    mail.outbox.clear()

    confirm = client.get(f"{MEETINGS}{meeting.pk}/stall-in/")
    assert confirm.status_code == 200
    assert "no-store" in confirm["Cache-Control"]
    assert "Ja, ställ in mötet" in confirm.content.decode()
    meeting.refresh_from_db()
    assert meeting.cancelled_at is None and mail.outbox == []

    for _ in range(2):  # the second post finds it cancelled and sends nothing
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(f"{MEETINGS}{meeting.pk}/stall-in/")
        assert response.status_code == 302
    expected = {mailbox("polisen"), mailbox("krokom"), samrad_request.contact_email}
    assert {m.to[0] for m in mail.outbox} == expected and len(mail.outbox) == 3
    for message in mail.outbox:
        properties, _ = calendar_of(message)
        assert properties["METHOD"] == "CANCEL" and properties["STATUS"] == "CANCELLED"
        if message.to[0] == samrad_request.contact_email:  # the case's own entry, cancelled
            assert properties["UID"] == case_uid and properties["SEQUENCE"] == "3"
        else:
            assert properties["UID"] == uid and properties["SEQUENCE"] == "1"
        assert_no_personal_data(message)

    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.RECEIVED and samrad_request.meeting is None
    assert AuditEntry.objects.filter(request=samrad_request, event="unplanned").exists()
    # A cancelled meeting is not offered for planning, and the flow refuses it too.
    detail = client.get(f"/personal/samrad/inkorg/{samrad_request.pk}/").content.decode()
    plan_choices = detail[detail.index('name="plan-meeting"') :].split("</select>")[0]
    assert f'value="{meeting.pk}"' not in plan_choices
    with pytest.raises(Exception, match="inställt"):
        flows.plan(coord, samrad_request, meeting)
    page = client.get(f"{MEETINGS}{meeting.pk}/").content.decode()
    assert "Inställt" in page and 'value="change"' not in page


# Taking a case off a meeting, declining --------------------------------------------------


def test_a_case_taken_off_goes_back_to_its_state_and_the_parties_learn_nothing_of_it(
    client, coord, samrad_request, django_capture_on_commit_callbacks
):
    # A case that was discussed and is followed up is planned for a new samråd.
    SamradRequest.objects.filter(pk=samrad_request.pk).update(status=Status.FOLLOW_UP)
    meeting, _ = create_meeting(
        client, django_capture_on_commit_callbacks, next_week_at(9), parties=["polisen", "are"]
    )
    samrad_request.do_not_tell.add(party("are"))
    plan(client, django_capture_on_commit_callbacks, samrad_request, meeting)
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.PLANNED
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = post_section(client, samrad_request, "takeoff")
    assert response.status_code == 302
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.FOLLOW_UP and samrad_request.meeting is None
    entry = AuditEntry.objects.filter(request=samrad_request, event="unplanned").get()
    assert entry.detail == "status: planned → follow_up"

    # Polisen is told the agenda changed; Åre, which must not be told of this case, is not.
    (party_mail,) = sent_to(mailbox("polisen"))
    assert "dagordning" in party_mail.subject
    assert samrad_request.reference not in party_mail.subject + party_mail.body
    assert sent_to(mailbox("are")) == []
    # The professional is told, and the entry leaves their calendar.
    (own,) = sent_to(samrad_request.contact_email)
    assert samrad_request.reference in own.subject
    assert calendar_of(own)[0]["METHOD"] == "CANCEL"
    for message in mail.outbox:
        assert_no_personal_data(message)
    assert samrad_request.reference not in client.get(f"{MEETINGS}{meeting.pk}/").content.decode()

    # Taking off again is refused, with the page shown and nothing sent.
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = post_section(client, samrad_request, "takeoff")
    assert response.status_code == 200 and mail.outbox == []


def test_a_declined_request_is_mailed_without_the_reason(
    client, coord, samrad_request, django_capture_on_commit_callbacks
):
    reason = "Hör till ett annat län enligt Zebra."
    with django_capture_on_commit_callbacks(execute=True):
        response = post_section(
            client,
            samrad_request,
            "status",
            {"status": "declined", "decline_reason": reason},
        )
    assert response.status_code == 302
    (message,) = mail.outbox
    assert message.to == [samrad_request.contact_email]
    assert samrad_request.reference in message.subject and "avböjts" in message.subject
    assert "portalen" in message.body
    assert reason not in message.body and "annat län" not in message.body
    assert_no_personal_data(message)
    assert message.attachments == []


# The outbox ------------------------------------------------------------------------------


def test_the_calendar_waits_in_the_outbox_while_mail_is_down(
    client, coord, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    meeting, _ = create_meeting(client, django_capture_on_commit_callbacks, next_week_at(9))
    waiting = Notification.objects.filter(sent_at__isnull=True)
    assert waiting.count() == 2
    assert all(n.calendar_method == "REQUEST" and "BEGIN:VCALENDAR" in n.calendar for n in waiting)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    call_command("send_waiting_mail", verbosity=0)
    assert Notification.objects.filter(sent_at__isnull=True).count() == 0
    assert len(mail.outbox) == 2
    for message in mail.outbox:
        assert calendar_of(message)[0]["UID"].startswith(f"samrad-{meeting.pk}@")


# Who may, and bad input ------------------------------------------------------------------


@pytest.mark.parametrize("who", ["anonymous", "professional", "editor", "administrator"])
def test_only_coordinators_change_cancel_or_invite(client, who, django_capture_on_commit_callbacks):
    owner = coordinator()
    starts = next_week_at(9)
    meeting = Meeting.objects.create(
        kind="weekly", starts_at=starts, place="Rum 1", created_by=owner
    )
    users = {
        "professional": lambda: professional(),
        "editor": lambda: make_user("red@example.org", role=roles.EDITOR),
        "administrator": lambda: make_user("adm@example.org", superuser=True),
    }
    if who != "anonymous":
        client.force_login(users[who]())
    base = f"{MEETINGS}{meeting.pk}/"
    attempts = [
        (base, {"form": "change", "kind": "acute", "starts_at": "2026-12-24T10:00", "place": "X"}),
        (base, {"form": "invite", "party": party("polisen").pk}),
        (f"{base}stall-in/", {}),
    ]
    with django_capture_on_commit_callbacks(execute=True):
        for address, data in attempts:
            response = client.post(address, data)
            if who == "anonymous":
                assert response.status_code == 302 and "/accounts/login/" in response["Location"]
            else:
                assert response.status_code == 403, (who, address)
        assert client.get(f"{base}stall-in/").status_code in (302, 403)
    meeting.refresh_from_db()
    assert (meeting.place, meeting.sequence, meeting.cancelled_at) == ("Rum 1", 0, None)
    assert not meeting.invited_parties.exists()
    assert mail.outbox == [] and not Notification.objects.exists()


@pytest.mark.parametrize(
    "starts_at, place, field",
    [
        ("0001-01-01T09:00", "Rum 5", "starts_at"),
        ("2026-12-02T09:00", "Å" * 10_000, "place"),
        ("2026-12-02T09:00", "Rum\x005", "place"),
        ("2026-12-\x0002T09:00", "Rum 5", "starts_at"),
    ],
)
def test_bad_input_when_moving_gives_a_message_and_keeps_what_was_typed(
    client, coord, starts_at, place, field, django_capture_on_commit_callbacks
):
    meeting = Meeting.objects.create(
        kind="weekly", starts_at=next_week_at(9), place="Rum 1", created_by=coord
    )
    meeting.invited_parties.add(party("polisen"))
    client.raise_request_exception = False
    response = move(
        client, django_capture_on_commit_callbacks, meeting, starts_at, place, follow=False
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert f'id="id_{field}_error"' in content or "errorlist" in content
    # What was typed is in the form again, exactly.
    assert f'value="{starts_at}"' in content
    kept = place
    if len(kept) < 100:
        assert f'value="{kept}"' in content
    else:
        assert content.count("Å") >= 10_000
    meeting.refresh_from_db()
    assert (meeting.place, meeting.sequence) == ("Rum 1", 0)
    assert mail.outbox == []


def test_moving_a_case_to_another_meeting_tells_both_and_keeps_its_earlier_state(
    client, coord, samrad_request, django_capture_on_commit_callbacks
):
    first, _ = create_meeting(
        client, django_capture_on_commit_callbacks, next_week_at(9), parties=["polisen"]
    )
    second, _ = create_meeting(
        client, django_capture_on_commit_callbacks, next_week_at(9, days=14), parties=["region"]
    )
    plan(client, django_capture_on_commit_callbacks, samrad_request, first)
    mail.outbox.clear()
    plan(client, django_capture_on_commit_callbacks, samrad_request, second)
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.PLANNED and samrad_request.meeting == second

    # Both meetings' parties hear that their agenda changed.
    assert ["dagordning" in m.subject for m in sent_to(mailbox("polisen"))] == [True]
    assert ["dagordning" in m.subject for m in sent_to(mailbox("region"))] == [True]
    # The professional's calendar loses the first meeting and gets the second.
    own = {
        calendar_of(m)[0]["METHOD"]: calendar_of(m)[0]["UID"]
        for m in sent_to(samrad_request.contact_email)
    }
    assert own["CANCEL"].startswith(f"samrad-{first.pk}-{samrad_request.pk}@")
    assert own["REQUEST"].startswith(f"samrad-{second.pk}-{samrad_request.pk}@")
    for message in mail.outbox:
        assert_no_personal_data(message)

    # Taken off, it is received again: what it was before the first planning.
    with django_capture_on_commit_callbacks(execute=True):
        post_section(client, samrad_request, "takeoff")
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.RECEIVED and samrad_request.meeting is None


def test_a_party_taken_off_the_invitations_gets_a_cancellation_once(
    client, coord, django_capture_on_commit_callbacks
):
    meeting, _ = create_meeting(client, django_capture_on_commit_callbacks, next_week_at(9))
    uid = calendar_of(sent_to(mailbox("polisen"))[0])[0]["UID"]
    mail.outbox.clear()
    police = party("polisen")
    for _ in range(2):  # the second click finds it removed and sends nothing
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"{MEETINGS}{meeting.pk}/", {"form": "uninvite", "party": police.pk}
            )
        assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[police.samrad_mailbox]]
    properties, _ = calendar_of(mail.outbox[0])
    assert properties["METHOD"] == "CANCEL" and properties["UID"] == uid
    assert set(meeting.invited_parties.values_list("slug", flat=True)) == {"krokom"}
    assert AuditEntry.objects.filter(event="meeting", detail__contains="no longer invited").exists()
