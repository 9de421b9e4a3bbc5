"""The coordinators' week (/personal/samrad/min-vecka/): this week's samråd with their
case counts, new requests, follow-ups due and open actions, overdue ones highlighted;
shared by every coordinator and the substitute; only statistics columns and references."""

import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from samrad.models import Action, AuditEntry, Meeting, Status
from samrad.week import week_of

from .factories.organisations import party
from .samrad_helpers import (
    PERSON,
    SECRET_ACTION,
    SITUATION,
    coordinator,
    make_request,
    professional,
)

pytestmark = pytest.mark.django_db
URL = "/personal/samrad/min-vecka/"


def at(day, hour=9):
    return timezone.make_aware(datetime.combine(day, time(hour)))


@pytest.fixture
def week():
    """Two coordinators: the one who planned the week and a substitute."""
    today = timezone.localdate()
    monday, sunday = week_of(today)
    planner = coordinator()
    substitute = coordinator("ersattare@example.org")
    author = professional()
    meeting = Meeting.objects.create(
        kind="weekly", starts_at=at(monday, 13), place="Polishuset", created_by=planner
    )
    Meeting.objects.create(
        kind="weekly", starts_at=at(monday - timedelta(days=7)), place="Förra", created_by=planner
    )
    planned = make_request(author, status=Status.PLANNED, meeting=meeting)
    make_request(author, status=Status.PLANNED, meeting=meeting)
    old = make_request(author, created_at=timezone.now() - timedelta(days=10))
    follow_up = make_request(
        author,
        status=Status.FOLLOW_UP,
        follow_up_on=today - timedelta(days=2),
        created_at=timezone.now() - timedelta(days=30),
    )
    later = make_request(
        author,
        status=Status.FOLLOW_UP,
        follow_up_on=sunday + timedelta(days=1),
        created_at=timezone.now() - timedelta(days=30),
    )
    police = party("polisen")
    overdue = Action.objects.create(
        request=old, party=police, description=SECRET_ACTION, due_on=today - timedelta(days=1)
    )
    Action.objects.create(request=planned, party=police, description=SECRET_ACTION, due_on=sunday)
    Action.objects.create(
        request=later, party=police, due_on=today - timedelta(days=5), done_at=timezone.now()
    )
    return locals()


def test_the_substitute_sees_the_whole_week(client, week):
    client.force_login(week["substitute"])
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    content = response.content.decode()
    # This week's meeting, planned by the other coordinator, with its two cases.
    assert "Polishuset" in content and "2 ärenden" in content
    assert "Förra" not in content
    # New requests: the two planned ones, not the one from ten days ago.
    assert "2 nya förfrågningar de senaste 7 dagarna" in content
    # Follow-ups: the one due two days ago (overdue), not the one next week.
    assert week["follow_up"].reference in content
    assert week["later"].reference not in content
    # Open actions: overdue first and highlighted; the done one not shown.
    old_row = re.search(
        rf'<tr( class="is-overdue")?>\s*<td><a [^>]*>{week["old"].reference}<', content
    )
    assert old_row.group(1), "the overdue action is highlighted"
    due_row = re.search(
        rf'<tr( class="is-overdue")?>\s*<td><a [^>]*>{week["planned"].reference}<', content
    )
    assert not due_row.group(1), "an action due later this week is not"
    assert "2 öppna åtgärder att följa upp" in content
    overdue_at = content.index(week["old"].reference)
    assert content.count("Försenad") == 2  # the overdue action and the overdue follow-up
    assert content.index("Försenad") > overdue_at
    # Never the contents: no action text, no person, no situation.
    for secret in (SECRET_ACTION, PERSON, SITUATION):
        assert secret not in content


def test_empty_states_are_in_swedish(client):
    client.force_login(coordinator())
    content = client.get(URL).content.decode()
    for text in (
        "Inga samråd är inplanerade den här veckan.",
        "Inga nya förfrågningar sedan förra veckan.",
        "Inga uppföljningar ska göras den här veckan.",
        "Inga öppna åtgärder ska följas upp den här veckan.",
    ):
        assert text in content


def test_reads_no_contents_so_no_case_is_audited_as_read(client, week):
    """As the inbox: references and statistics columns only; each case's contents are
    read (and the read audited) on its own page."""
    client.force_login(week["planner"])
    client.get(URL)
    assert not AuditEntry.objects.filter(event=AuditEntry.Event.VIEWED).exists()
    client.get(f"/personal/samrad/inkorg/{week['follow_up'].pk}/")
    assert AuditEntry.objects.filter(
        event=AuditEntry.Event.VIEWED, request=week["follow_up"], user=week["planner"]
    ).exists()


@pytest.mark.parametrize("role", ["professional", "editor", "administrator"])
def test_coordinators_only(client, role):
    from staff import roles

    from .helpers import make_user

    users = {
        "professional": lambda: professional("annan@example.org"),
        "editor": lambda: make_user("red-v@example.org", role=roles.EDITOR),
        "administrator": lambda: make_user("adm-v@example.org", superuser=True),
    }
    client.force_login(users[role]())
    assert client.get(URL).status_code == 403


def test_the_menu_links_the_week_for_coordinators(client):
    client.force_login(coordinator())
    assert f'href="{URL}"' in client.get("/personal/samrad/inkorg/").content.decode()
