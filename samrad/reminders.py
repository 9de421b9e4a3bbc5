"""The daily reminders (`manage.py send_samrad_reminders`): each party's functional mailbox
gets its open actions that are overdue or due this week, and each routine owner function's
mailbox the routines whose review date has come. References, titles and dates only: never
an action's text or anything about a person. One mail per recipient and day: a second run
the same day sends nothing new (Reminder rows)."""

import logging
from collections import defaultdict

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from organisations.models import Party
from staff.models import RoutinePage

from .models import Action, Reminder
from .notifications import absolute, queue
from .week import FINISHED, week_of

logger = logging.getLogger(__name__)


def end_of_week(day):
    """The Sunday of the week `day` is in."""
    return week_of(day)[1]


def open_actions_due(today):
    """Open actions due by the end of this week (overdue included), as (party id, request
    reference, due date): the action's text is never read."""
    return (
        Action.objects.filter(done_at__isnull=True, due_on__lte=end_of_week(today))
        .exclude(request__status__in=FINISHED)
        .exclude(request__purged_at__isnull=False)
        # A party that must not be told of a case gets nothing about it.
        .exclude(request__do_not_tell=F("party"))
        .order_by("due_on", "request__reference")
        .values_list("party_id", "request__reference", "due_on")
    )


def claim(subject, key, today):
    """True once per subject, key and day: the row is the proof that it was sent."""
    _, created = Reminder.objects.get_or_create(subject=subject, key=key, sent_on=today)
    return created


def send_action_reminders(today=None):
    """One mail per party with a functional mailbox; returns how many were queued."""
    today = today or timezone.localdate()
    by_party = defaultdict(list)
    for party_id, reference, due_on in open_actions_due(today):
        by_party[party_id].append({"reference": reference, "due_on": due_on})
    queued = 0
    for party in Party.objects.filter(pk__in=by_party).order_by("sort_order", "name"):
        if not party.samrad_mailbox:
            logger.warning("Party %s has actions due but no samråd mailbox.", party.slug)
            continue
        items = by_party[party.pk]
        context = {
            "party": party,
            "overdue": [item for item in items if item["due_on"] < today],
            "this_week": [item for item in items if item["due_on"] >= today],
            "week_end": end_of_week(today),
            "url": absolute(reverse("samrad:mine")),
        }
        with transaction.atomic():
            if not claim(Reminder.Subject.ACTIONS, party.slug, today):
                continue
            queue([party.samrad_mailbox], "action_reminder", context, None)
        queued += 1
    return queued


def send_routine_reminders(today=None):
    """One mail per owner function's mailbox listing its routines due for review."""
    today = today or timezone.localdate()
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
        with transaction.atomic():
            if not claim(Reminder.Subject.ROUTINES, mailbox, today):
                continue
            queue([mailbox], "routine_reminder", {"routines": routines}, None)
        queued += 1
    return queued
