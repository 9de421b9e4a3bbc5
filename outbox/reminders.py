"""The daily reminders (`manage.py send_daily_reminders`, once a day from cron). The apps
that have something to remind of register a producer with the "register_daily_reminders"
hook: a function of the day that queues its mail and returns how many it queued. Each
producer claims (subject, recipient key, day) before queueing, so one recipient gets one
mail of a kind per day however often the command runs."""

import logging

from django.db import transaction
from django.utils import timezone
from wagtail import hooks

from . import mail
from .models import Reminder

HOOK = "register_daily_reminders"
logger = logging.getLogger(__name__)


def claim(subject, key, today):
    """True once per subject, key and day: the row is the proof that it was sent."""
    _, created = Reminder.objects.get_or_create(subject=subject, key=key, sent_on=today)
    return created


def remind_once(subject, key, today, recipient, template, context):
    """Queue the reminder unless this key already had one of this subject today; the
    claim and the mail are saved together or not at all. True when queued."""
    with transaction.atomic():
        if not claim(subject, key, today):
            return False
        mail.queue([recipient], *mail.render(template, context))
    return True


def producers():
    return hooks.get_hooks(HOOK)


def send_daily_reminders(today=None):
    """Run every registered producer; one that fails does not stop the others. Returns
    (producer, how many queued or None when it failed) pairs."""
    today = today or timezone.localdate()
    results = []
    for producer in producers():
        try:
            results.append((producer, producer(today)))
        except Exception:
            logger.exception("Daily reminders by %s failed.", producer.__name__)
            results.append((producer, None))
    return results
