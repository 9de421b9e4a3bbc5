"""Routines due for review: a dashboard panel for editors, a daily mail to the owner
function's mailbox, and a next review date that cannot come before the version date."""

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.utils import timezone
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from outbox.models import Notification
from staff import roles
from staff.models import RoutinePage

from .helpers import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

MAILBOX = "rutinagare@norrsken.example"


def overdue_routine(slug="akut", days=3, mailbox=MAILBOX):
    routine = RoutinePage.objects.get(slug=slug)
    routine.version_date = timezone.localdate() - timedelta(days=400)
    routine.next_review = timezone.localdate() - timedelta(days=days)
    routine.owner_mailbox = mailbox
    routine.save_revision().publish()
    return routine


def as_user(client, role=None, superuser=False):
    client.force_login(
        make_user(f"{role or 'admin'}-r@example.org", role=role, superuser=superuser)
    )
    return client


def test_next_review_before_the_version_date_is_refused():
    routine = RoutinePage.objects.get(slug="akut")
    routine.version_date = date(2026, 9, 1)
    routine.next_review = date(2026, 8, 31)
    with pytest.raises(ValidationError) as error:
        routine.full_clean()
    assert error.value.message_dict["next_review"] == [
        "Nästa översyn kan inte ligga före versionsdatumet."
    ]
    routine.next_review = date(2026, 9, 1)
    routine.full_clean()


def edit_data(routine, **changes):
    fields = {
        "title": routine.title,
        "slug": routine.slug,
        "intro": routine.intro,
        "body": streamfield([]),
        "topic": routine.topic,
        "purpose": rich_text(routine.purpose),
        "applies_to": rich_text(routine.applies_to),
        "steps": streamfield(
            [("step", {"title": "Ring 112", "text": rich_text("<p>Ring 112.</p>")})]
        ),
        "version_date": routine.version_date.isoformat(),
        "next_review": routine.next_review.isoformat(),
        "owner_function": routine.owner_function,
        "owner_mailbox": routine.owner_mailbox,
        "comments": {
            "TOTAL_FORMS": "0",
            "INITIAL_FORMS": "0",
            "MIN_NUM_FORMS": "0",
            "MAX_NUM_FORMS": "1000",
        },
    }
    fields.update(changes)
    return nested_form_data(fields)


def test_the_editor_sees_a_clear_error_and_keeps_what_was_typed(client):
    routine = RoutinePage.objects.get(slug="akut")
    as_user(client, roles.EDITOR)
    url = f"/admin/pages/{routine.pk}/edit/"
    response = client.post(
        url,
        edit_data(
            routine,
            version_date="2026-09-01",
            next_review="2026-01-15",
            owner_function="Samordnarfunktionen, ny text",
        ),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Nästa översyn kan inte ligga före versionsdatumet." in content
    assert "Samordnarfunktionen, ny text" in content
    routine.refresh_from_db()
    assert routine.next_review != date(2026, 1, 15)
    # The same form with a sound date is saved.
    response = client.post(
        url, edit_data(routine, version_date="2026-09-01", next_review="2027-09-01")
    )
    assert response.status_code == 302, response.content.decode()[:2000]


def test_the_dashboard_shows_editors_the_routines_due_for_review(client):
    routine = overdue_routine()
    as_user(client, roles.EDITOR)
    content = client.get("/admin/").content.decode()
    assert "Rutiner som ska ses över" in content
    assert f'href="/admin/pages/{routine.pk}/edit/"' in content
    assert (timezone.localdate() - timedelta(days=3)).isoformat() in content
    # A routine reviewed in time is not listed.
    other = RoutinePage.objects.get(slug="samrad")
    assert f'href="/admin/pages/{other.pk}/edit/"' not in content


def test_no_panel_when_nothing_is_due(client):
    as_user(client, roles.EDITOR)
    assert "Rutiner som ska ses över" not in client.get("/admin/").content.decode()


def test_the_owner_function_is_mailed_once_a_day(django_capture_on_commit_callbacks):
    due = overdue_routine("akut")
    also_due = overdue_routine("dokumentation", days=0)
    not_due = RoutinePage.objects.get(slug="samrad")
    not_due.owner_mailbox = MAILBOX
    not_due.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_daily_reminders", stdout=StringIO())
    [message] = [m for m in mail.outbox if m.to == [MAILBOX]]
    assert "2 rutiner ska ses över" in message.subject
    assert due.title in message.body and also_due.title in message.body
    assert not_due.title not in message.body
    assert f"/admin/pages/{due.pk}/edit/" in message.body
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_daily_reminders", stdout=StringIO())
    assert len([m for m in mail.outbox if m.to == [MAILBOX]]) == 1
    assert Notification.objects.filter(recipient=MAILBOX).count() == 1


def test_no_mail_without_an_owner_mailbox(django_capture_on_commit_callbacks):
    overdue_routine(mailbox="")
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_daily_reminders", stdout=StringIO())
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_the_coordinator_keeps_the_routines_and_the_reminder_link_opens(client):
    """The agreement makes the coordinator responsible for the routines: the link in the
    review reminder opens the routine's editor for them, and they can save it."""
    routine = overdue_routine()
    as_user(client, roles.COORDINATOR)
    url = f"/admin/pages/{routine.pk}/edit/"
    response = client.get(url)
    assert response.status_code == 200
    assert "Nästa översyn" in response.content.decode()
    response = client.post(
        url, edit_data(routine, version_date="2026-09-01", next_review="2027-09-01")
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    # Saved as a draft revision; the coordinator may publish it too.
    routine.refresh_from_db()
    assert str(routine.get_latest_revision().content["next_review"]) == "2027-09-01"


def test_the_coordinator_edits_no_public_page(client):
    from base.models import HomePage

    home = HomePage.objects.filter(locale__language_code="sv").first()
    as_user(client, roles.COORDINATOR)
    response = client.get(f"/admin/pages/{home.pk}/edit/")
    assert response.status_code in (302, 403)
    assert response.status_code != 200


def test_a_new_routine_index_is_the_coordinators_too(client):
    from staff.models import RoutineIndexPage, StaffHomePage

    staff_home = StaffHomePage.objects.first()
    index = staff_home.add_child(instance=RoutineIndexPage(title="Rutiner för Berg", slug="berg"))
    as_user(client, roles.COORDINATOR)
    assert client.get(f"/admin/pages/add/staff/routinepage/{index.pk}/").status_code == 200


def test_wagtails_own_groups_are_gone():
    from django.contrib.auth.models import Group

    names = set(Group.objects.values_list("name", flat=True))
    assert not names & {"Moderators", "Editors"}
    assert {roles.EDITOR, roles.COORDINATOR, roles.PROFESSIONAL} <= names
