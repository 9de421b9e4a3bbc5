"""The daily reminders command runs whatever the apps register with the outbox's
"register_daily_reminders" hook: the outbox knows none of them by name."""

from datetime import date
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.utils import timezone
from wagtail import hooks

from outbox.models import Notification, Reminder
from outbox.reminders import remind_once
from samrad.reminders import send_action_reminders
from staff.reminders import send_routine_reminders

pytestmark = pytest.mark.django_db

MAILBOX = "funktion@example.org"
HOOK = "register_daily_reminders"


def run(callbacks):
    out = StringIO()
    with callbacks(execute=True):
        call_command("send_daily_reminders", stdout=out)
    return out.getvalue()


def test_the_command_runs_each_registered_producer_once_a_day(
    django_capture_on_commit_callbacks,
):
    days = []

    def remind_of_tests(today):
        days.append(today)
        routines = [{"title": "Testrutin", "next_review": date(2026, 1, 1), "url": "/x/"}]
        template = "staff/email/routine_reminder"
        return int(remind_once("tests", MAILBOX, today, MAILBOX, template, {"routines": routines}))

    with hooks.register_temporarily(HOOK, remind_of_tests):
        first = run(django_capture_on_commit_callbacks)
        second = run(django_capture_on_commit_callbacks)

    assert days == [timezone.localdate()] * 2
    assert "remind_of_tests: 1 reminder(s) queued." in first
    assert "remind_of_tests: 0 reminder(s) queued." in second
    [message] = mail.outbox  # the second run the same day sent nothing new
    assert message.to == [MAILBOX] and "Testrutin" in message.body
    assert Reminder.objects.filter(subject="tests", key=MAILBOX).count() == 1
    assert Notification.objects.filter(recipient=MAILBOX).count() == 1


def test_a_failing_producer_stops_no_other_and_the_command_fails(
    django_capture_on_commit_callbacks,
):
    ran = []

    def broken(today):
        raise RuntimeError("broken producer")

    def working(today):
        ran.append(today)
        return 0

    producers = [(HOOK, broken), (HOOK, working)]
    with hooks.register_temporarily(producers), pytest.raises(CommandError, match="broken"):
        run(django_capture_on_commit_callbacks)
    assert ran == [timezone.localdate()]


def test_samrad_and_staff_register_their_reminders():
    producers = hooks.get_hooks(HOOK)
    assert send_action_reminders in producers and send_routine_reminders in producers
