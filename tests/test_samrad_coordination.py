"""The coordinator's side: inbox, meetings, actions, follow-up, purge, and who may see what."""

from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from samrad.models import Action, AuditEntry, Meeting, SamradRequest, Status
from samrad.statistics import Period, build, count_year
from staff import roles

from .case_page import action_done_url, named, post_section
from .factories.organisations import parties, party
from .helpers import make_user
from .samrad_helpers import (
    SITUATION,
    coordinator,
    professional,
    request_data,
    retention_decision,
)

pytestmark = pytest.mark.django_db


def send(client, callbacks, mode="samtycke", **overrides):
    with callbacks(execute=True):
        response = client.post(f"/personal/samrad/ny/{mode}/", request_data(mode, **overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    return SamradRequest.objects.order_by("-created_at").first()


def test_whole_journey(client, django_capture_on_commit_callbacks):
    from .helpers import SecondFactorClient as Client

    pro, coord = professional(), coordinator()
    pro_client, coord_client = Client(), client
    pro_client.force_login(pro)
    coord_client.force_login(coord)

    samrad_request = send(pro_client, django_capture_on_commit_callbacks)
    assert [m.to for m in mail.outbox] == [[coord.email]]
    mail.outbox.clear()

    # The coordinator sees it in the inbox and opens it.
    inbox = coord_client.get("/personal/samrad/inkorg/").content.decode()
    assert samrad_request.reference in inbox
    detail = coord_client.get(f"/personal/samrad/inkorg/{samrad_request.pk}/").content.decode()
    assert SITUATION in detail and "Zebra Fink" in detail and "198112189876" in detail

    # Creates the weekly meeting and plans the request on it.
    starts = (timezone.localtime() + timedelta(days=3)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    response = coord_client.post(
        "/personal/samrad/moten/",
        {
            "kind": "weekly",
            "starts_at": starts.strftime("%Y-%m-%dT%H:%M"),
            "place": "Polishuset, Östersund",
            "invited_parties": [
                party("polisen").pk,
                party("krokom").pk,
            ],
        },
    )
    assert response.status_code == 302
    meeting = Meeting.objects.get()
    assert set(meeting.invited_parties.values_list("slug", flat=True)) == {"polisen", "krokom"}
    with django_capture_on_commit_callbacks(execute=True):
        response = post_section(coord_client, samrad_request, "plan", {"meeting": meeting.pk})
    assert response.status_code == 302
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.PLANNED and samrad_request.meeting == meeting

    # The professional is told the date, time and place, nothing more, and sees it in "my
    # requests" (the invited parties' mailboxes get the invitation and the agenda change).
    to_professional = [m for m in mail.outbox if m.to == [pro.email]]
    assert len(to_professional) == 1
    when = starts.strftime("%Y-%m-%d %H:%M")
    body = to_professional[0].body
    assert starts.strftime("%Y-%m-%d") in body and starts.strftime("%H:%M") in body
    assert "Polishuset, Östersund" in body
    assert "Zebra" not in body and SITUATION not in body
    mine = pro_client.get("/personal/samrad/mina/").content.decode()
    assert samrad_request.reference in mine and when in mine

    # After the meeting: an action per party, followed up until done; discussed, then closed.
    post_section(
        coord_client,
        samrad_request,
        "action",
        {
            "party": party("polisen").pk,
            "description": "Riskbedömning",
            "due_on": "",
        },
    )
    action = Action.objects.get()
    assert action.description == "Riskbedömning"
    coord_client.post(action_done_url(samrad_request, action.pk))
    action.refresh_from_db()
    assert action.done_at is not None
    for status in ("discussed", "closed"):
        post_section(coord_client, samrad_request, "status", {"status": status})
    samrad_request.refresh_from_db()
    assert (
        samrad_request.status == Status.CLOSED
        and samrad_request.closed_at
        and samrad_request.discussed_at
    )
    assert (
        "Avslutad" in pro_client.get(f"/personal/samrad/mina/{samrad_request.pk}/").content.decode()
    )

    # Not purged before the retention time of the decision in force...
    retention_decision(days=90)
    call_command("purge_samrad_requests", verbosity=0)
    samrad_request.refresh_from_db()
    assert samrad_request.purged_at is None and samrad_request.situation == SITUATION
    # ...and purged after it, with the statistics kept.
    SamradRequest.objects.filter(pk=samrad_request.pk).update(
        closed_at=timezone.now() - timedelta(days=91)
    )
    call_command("purge_samrad_requests", verbosity=0)
    samrad_request.refresh_from_db()
    assert samrad_request.purged_at is not None
    for name in SamradRequest.CONTENT_FIELDS:
        assert getattr(samrad_request, name) == "", name
    assert Action.objects.get().description == ""
    assert (
        samrad_request.mode,
        samrad_request.kind,
        samrad_request.home_municipality.slug,
        samrad_request.children_count,
    ) == (
        "consent",
        "planning",
        "krokom",
        2,
    )
    totals, _tables = count_year(timezone.localdate().year)
    assert sum(totals["requests"]) == 1

    events = list(AuditEntry.objects.filter(request=samrad_request).values_list("event", flat=True))
    for event in ("created", "viewed", "planned", "action", "changed", "purged"):
        assert event in events, event
    assert all(
        "Zebra" not in e.detail and SITUATION not in e.detail for e in AuditEntry.objects.all()
    )


def test_declined_with_a_reason_the_professional_sees(client, django_capture_on_commit_callbacks):
    from .helpers import SecondFactorClient as Client

    pro_client = Client()
    pro_client.force_login(professional())
    samrad_request = send(pro_client, django_capture_on_commit_callbacks, mode="avidentifierad")
    client.force_login(coordinator())
    response = post_section(client, samrad_request, "status", {"status": "declined"})
    assert response.status_code == 200
    assert (
        "Ange ett skäl" in response.content.decode()
        or 'class="form-errors"' in response.content.decode()
        or "errorlist" in response.content.decode()
    )
    post_section(
        client,
        samrad_request,
        "status",
        {"status": "declined", "decline_reason": "Hör till annat län."},
    )
    content = pro_client.get(f"/personal/samrad/mina/{samrad_request.pk}/").content.decode()
    assert "Hör till annat län." in content


def test_inbox_filters_counts_and_acute_first(client, django_capture_on_commit_callbacks):
    from .helpers import SecondFactorClient as Client

    party("are")
    pro_client = Client()
    pro_client.force_login(professional())
    calm = send(pro_client, django_capture_on_commit_callbacks, mode="avidentifierad")
    acute = send(
        pro_client,
        django_capture_on_commit_callbacks,
        mode="avidentifierad",
        urgency="acute",
        home="are",
    )
    client.force_login(coordinator())
    content = client.get("/personal/samrad/inkorg/").content.decode()
    assert content.index(acute.reference) < content.index(calm.reference)
    assert "AKUT" in content
    filtered = client.get("/personal/samrad/inkorg/", {"municipality": "are"}).content.decode()
    assert acute.reference in filtered and calm.reference not in filtered
    filtered = client.get("/personal/samrad/inkorg/", {"urgency": "weekly"}).content.decode()
    assert calm.reference in filtered and acute.reference not in filtered
    # Nonsense filters are ignored with the form's errors, never a 500.
    assert (
        client.get("/personal/samrad/inkorg/", {"start": "igår", "party": "x"}).status_code == 200
    )


def test_agenda_puts_acute_then_children_first(client, django_capture_on_commit_callbacks):
    from .helpers import SecondFactorClient as Client

    pro_client = Client()
    pro_client.force_login(professional())
    plain = send(
        pro_client, django_capture_on_commit_callbacks, mode="avidentifierad", children_count="0"
    )
    children = send(
        pro_client, django_capture_on_commit_callbacks, mode="avidentifierad", children_count="3"
    )
    acute = send(
        pro_client,
        django_capture_on_commit_callbacks,
        mode="avidentifierad",
        urgency="acute",
        children_count="",
    )
    coord = coordinator()
    meeting = Meeting.objects.create(
        kind="weekly", starts_at=timezone.now() + timedelta(days=1), place="Rum 1", created_by=coord
    )
    SamradRequest.objects.update(meeting=meeting)
    assert [r.pk for r in meeting.agenda()] == [acute.pk, children.pk, plain.pk]


OTHER_URLS = [
    ("get", "/personal/samrad/mina/{pk}/"),
    ("get", "/personal/samrad/inkorg/{pk}/"),
    ("post", "/personal/samrad/inkorg/{pk}/status/"),
    ("post", "/personal/samrad/inkorg/{pk}/anteckningar/"),
    ("get", "/personal/samrad/inkorg/"),
    ("get", "/personal/samrad/moten/"),
    ("get", "/personal/samrad/statistik/"),
    ("get", "/personal/samrad/statistik/?format=csv"),
]


@pytest.mark.parametrize(
    "who", ["anonymous", "other professional", "editor", "administrator", "no role"]
)
def test_nobody_else_sees_or_changes_a_request(client, django_capture_on_commit_callbacks, who):
    from .helpers import SecondFactorClient as Client

    owner = Client()
    owner.force_login(professional())
    samrad_request = send(owner, django_capture_on_commit_callbacks)
    users = {
        "other professional": lambda: professional("annan@example.org", party="are"),
        "editor": lambda: make_user("red@example.org", role=roles.EDITOR),
        "administrator": lambda: make_user("adm@example.org", superuser=True),
        "no role": lambda: make_user("ingen@example.org"),
    }
    if who != "anonymous":
        client.force_login(users[who]())
    for method, url in OTHER_URLS:
        url = url.format(pk=samrad_request.pk)
        data = named({"status": "closed", "coordinator_notes": "x"}) if method == "post" else None
        response = getattr(client, method)(url, data)
        content = response.content.decode()
        assert "Zebra" not in content and SITUATION not in content, (who, url)
        if who == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
        elif who == "other professional" and "/mina/" in url:
            assert response.status_code == 404, url
        else:
            assert response.status_code in (403, 404), (who, url, response.status_code)
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.RECEIVED
    # Their own list never shows it.
    if who == "other professional":
        assert samrad_request.reference not in client.get("/personal/samrad/mina/").content.decode()


def test_audit_log_readable_by_coordinator_and_administrator_only(client):
    for user, status in [
        (coordinator(), 200),
        (make_user("adm@example.org", superuser=True), 200),
        (professional("p2@example.org"), 403),
        (make_user("red2@example.org", role=roles.EDITOR), 403),
    ]:
        client.force_login(user)
        assert client.get("/personal/samrad/logg/").status_code == status


def test_statistics_suppress_small_counts(client, django_capture_on_commit_callbacks):
    from .helpers import SecondFactorClient as Client

    parties()  # every municipality of the county has a row in the statistics
    pro_client = Client()
    pro_client.force_login(professional())
    for _ in range(4):
        send(pro_client, django_capture_on_commit_callbacks, mode="avidentifierad", home="krokom")
    send(pro_client, django_capture_on_commit_callbacks, mode="avidentifierad", home="are")
    this_year = timezone.localdate().year
    report = build(Period(this_year))
    municipality = next(t for t in report["tables"] if t.key == "municipality")
    rows = {label: (shown, width) for label, shown, width in municipality.display_rows}
    # Five requests in the year: published as 5, too few for any breakdown.
    assert report["total"] == 5
    assert rows["Krokoms kommun"] == rows["Åre kommun"] == rows["Bergs kommun"] == ("..", 0)

    client.force_login(coordinator())
    page = client.get("/personal/samrad/statistik/", {"year": this_year})
    content = page.content.decode()
    assert "multipel av 5" in content and "Krokoms kommun" in content
    csv_response = client.get("/personal/samrad/statistik/", {"year": this_year, "format": "csv"})
    assert csv_response["Content-Type"].startswith("text/csv")
    body = csv_response.content.decode()
    assert "Åre kommun,.." in body and "Krokoms kommun,.." in body
    assert "Krokoms kommun,4" not in body and "Åre kommun,1" not in body
    assert AuditEntry.objects.filter(event="exported").count() == 1
    # A period that does not exist is explained, not an error.
    response = client.get("/personal/samrad/statistik/", {"year": this_year, "period": "q7"})
    assert response.status_code == 200 and "Välj hela året" in response.content.decode()


def test_key_rotation_reencrypts_everything(client, django_capture_on_commit_callbacks, settings):
    from cryptography.fernet import Fernet
    from django.db import connection

    from samrad.fields import _fernet

    client.force_login(professional())
    samrad_request = send(client, django_capture_on_commit_callbacks)
    old_keys = list(settings.FIELD_ENCRYPTION_KEYS)
    new_key = Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEYS = [new_key, *old_keys]
    _fernet.cache_clear()
    call_command("reencrypt_samrad_requests", verbosity=0)
    settings.FIELD_ENCRYPTION_KEYS = [new_key]
    _fernet.cache_clear()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT situation FROM samrad_samradrequest")
            token = cursor.fetchone()[0]
        assert Fernet(new_key.encode()).decrypt(token.encode()).decode() == SITUATION
        assert SamradRequest.objects.get(pk=samrad_request.pk).situation == SITUATION
    finally:
        settings.FIELD_ENCRYPTION_KEYS = old_keys
        _fernet.cache_clear()


def test_a_repeat_is_found_after_the_purge_within_12_months(
    client, django_capture_on_commit_callbacks
):
    from .helpers import SecondFactorClient as Client

    pro_client = Client()
    pro_client.force_login(professional())
    first = send(pro_client, django_capture_on_commit_callbacks)
    client.force_login(coordinator())
    for status in ("discussed", "closed"):
        post_section(client, first, "status", {"status": status})
    # Made 200 days ago, closed 100 days ago: the contents are purged...
    SamradRequest.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - timedelta(days=200),
        closed_at=timezone.now() - timedelta(days=100),
    )
    retention_decision(days=90)
    call_command("purge_samrad_requests", verbosity=0)
    first.refresh_from_db()
    assert first.purged_at and first.person_id_number == "" and first.person_name == ""
    # ...but the same person within 12 months is still a repeat, for the coordinator to see.
    second = send(pro_client, django_capture_on_commit_callbacks)
    assert second.is_repeat
    assert "Upprepad" in client.get(f"/personal/samrad/inkorg/{second.pk}/").content.decode()

    # 12 months after it was made, the first request's key is cleared, and a third request
    # is no repeat of it (only of the second).
    SamradRequest.objects.filter(pk=first.pk).update(
        created_at=timezone.now() - timedelta(days=366)
    )
    call_command("purge_samrad_requests", verbosity=0)
    first.refresh_from_db()
    assert first.person_key == ""
    assert AuditEntry.objects.filter(request=first, detail__contains="12 months").exists()
    SamradRequest.objects.filter(pk=second.pk).delete()
    third = send(pro_client, django_capture_on_commit_callbacks)
    assert not third.is_repeat
