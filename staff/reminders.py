"""The daily reminders of routines due for review (registered with the outbox's daily
reminders in wagtail_hooks.py): each routine owner function's mailbox gets the routines
whose review date has come, by title and date. One mail per mailbox and day
(outbox.reminders.remind_once)."""

from collections import defaultdict

from django.urls import reverse

from outbox.mail import absolute
from outbox.reminders import remind_once

from .models import RoutinePage

SUBJECT = "routines"


def send_routine_reminders(today):
    """One mail per owner function's mailbox listing its routines due for review."""
    by_mailbox = defaultdict(list)
    for routine in (
        RoutinePage.due_for_review(today)
        .exclude(owner_mailbox="")
        .only("title", "next_review", "owner_mailbox")
    ):
        by_mailbox[routine.owner_mailbox.lower()].append(
            {
                "title": routine.title,
                "next_review": routine.next_review,
                "url": absolute(reverse("wagtailadmin_pages:edit", args=[routine.pk])),
            }
        )
    queued = 0
    for mailbox, routines in sorted(by_mailbox.items()):
        context = {"routines": routines}
        queued += remind_once(
            SUBJECT, mailbox, today, mailbox, "staff/email/routine_reminder", context
        )
    return queued
