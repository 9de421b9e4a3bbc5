"""The daily reminders: each party's functional mailbox gets its open actions that are
overdue or due this week (reference and date only), once a day."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from outbox.models import Notification, Reminder
from samrad.models import Action, Status
from samrad.reminders import end_of_week

from .factories.organisations import party
from .samrad_helpers import PERSON, SECRET_ACTION, SITUATION, make_request, professional

pytestmark = pytest.mark.django_db


def action(samrad_request, party_slug, due_on, done=False):
    return Action.objects.create(
        request=samrad_request,
        party=party(party_slug),
        description=SECRET_ACTION,
        due_on=due_on,
        done_at=timezone.now() if done else None,
    )


def run(callbacks):
    with callbacks(execute=True):
        call_command("send_daily_reminders", stdout=StringIO())


@pytest.fixture
def cases():
    today = timezone.localdate()
    author = professional()
    first, second, third = (make_request(author) for _ in range(3))
    action(first, "polisen", today - timedelta(days=3))  # overdue
    action(second, "polisen", end_of_week(today))  # due this week
    action(third, "polisen", today - timedelta(days=1), done=True)  # done: never mailed
    action(third, "region", end_of_week(today) + timedelta(days=1))  # next week: not yet
    action(first, "krokom", today)  # due today
    return today, first, second, third


def test_one_mail_per_party_with_references_and_dates_only(
    cases, django_capture_on_commit_callbacks
):
    today, first, second, third = cases
    run(django_capture_on_commit_callbacks)
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert sorted(by_recipient) == [
        "samrad.krokom@norrsken.example",
        "samrad.polisen@norrsken.example",
    ]
    assert all(len(message.to) == 1 for message in mail.outbox)
    police = by_recipient["samrad.polisen@norrsken.example"].body
    overdue, this_week = police.split("Försenade åtgärder:")[1].split(
        "Ska följas upp den här veckan"
    )
    assert first.reference in overdue
    assert (today - timedelta(days=3)).isoformat() in overdue
    assert second.reference in this_week
    assert end_of_week(today).isoformat() in this_week
    # The done action's request and the region's action next week are in no mail.
    assert all(third.reference not in message.body for message in mail.outbox)
    krokom = by_recipient["samrad.krokom@norrsken.example"].body
    assert first.reference in krokom and second.reference not in krokom
    # The link lands where the party's representative marks the actions done.
    assert "/personal/samrad/representant/atgarder/" in police
    assert "/personal/samrad/mina/" not in police
    # No personal data, no action text, no free text: in the mail or in the outbox.
    for message in mail.outbox:
        for secret in (SECRET_ACTION, PERSON, SITUATION, "070-123 45 67", "yrke@example.org"):
            assert secret not in message.body and secret not in message.subject
    assert Notification.objects.count() == 2


def test_running_twice_the_same_day_sends_nothing_new(cases, django_capture_on_commit_callbacks):
    run(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    run(django_capture_on_commit_callbacks)
    assert len(mail.outbox) == 2
    assert Notification.objects.count() == 2
    assert Reminder.objects.filter(subject="actions").count() == 2


def test_nothing_for_parties_with_nothing_due(django_capture_on_commit_callbacks):
    today = timezone.localdate()
    samrad_request = make_request(professional())
    action(samrad_request, "region", end_of_week(today) + timedelta(days=2))
    action(samrad_request, "polisen", today - timedelta(days=10), done=True)
    action(samrad_request, "berg", None)
    run(django_capture_on_commit_callbacks)
    assert mail.outbox == []
    assert not Notification.objects.exists()


def test_no_reminders_for_finished_requests_or_parties_that_must_not_be_told(
    django_capture_on_commit_callbacks,
):
    today = timezone.localdate()
    author = professional()
    withdrawn = make_request(author, status=Status.WITHDRAWN)
    action(withdrawn, "polisen", today)
    secret_from_region = make_request(author)
    secret_from_region.do_not_tell.add(party("region"))
    action(secret_from_region, "region", today)
    run(django_capture_on_commit_callbacks)
    assert mail.outbox == []
