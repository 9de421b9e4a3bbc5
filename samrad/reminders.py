"""The daily reminders (registered with the outbox's daily reminders in wagtail_hooks.py):
each party's functional mailbox gets its open actions that are overdue or due this week;
each referring professional gets the questions the coordinator asked them that are still
unanswered after QUESTION_WAIT. References and dates only: never an action's text, a
question or anything about a person. One mail per recipient, kind and day
(outbox.reminders.remind_once)."""

import logging
from collections import defaultdict
from datetime import timedelta

from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from organisations.models import Party
from outbox.mail import absolute
from outbox.reminders import remind_once

from .models import Action, InformationRequest
from .scope import across_counties
from .week import FINISHED, week_of

logger = logging.getLogger(__name__)
SUBJECT = "actions"
QUESTIONS = "questions"
# A question unanswered this many days is reminded of, each day until it is answered.
QUESTION_WAIT = timedelta(days=3)


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


def send_action_reminders(today):
    """One mail per party with a functional mailbox; returns how many were queued."""
    by_party = defaultdict(list)
    # Every county's parties, each told of its own actions only.
    with across_counties():
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
            # Where the party's representative marks them done.
            "url": absolute(reverse("samrad:representative_actions")),
        }
        template = "samrad/email/action_reminder"
        queued += remind_once(SUBJECT, party.slug, today, party.samrad_mailbox, template, context)
    return queued


def open_questions_waiting(today):
    """Unanswered questions asked QUESTION_WAIT or more ago on requests still open, as
    (professional's address, request id, reference, asked at): the question is never read."""
    return (
        InformationRequest.objects.filter(
            answered_at__isnull=True, asked_at__date__lte=today - QUESTION_WAIT
        )
        .exclude(request__status__in=FINISHED)
        .exclude(request__purged_at__isnull=False)
        .order_by("asked_at", "pk")
        .values_list("request__contact_email", "request_id", "request__reference", "asked_at")
    )


def send_question_reminders(today):
    """One mail per professional with questions waiting; returns how many were queued."""
    by_address = defaultdict(list)
    # Every county's professionals, each told of their own requests only.
    with across_counties():
        for address, request_id, reference, asked_at in open_questions_waiting(today):
            by_address[address].append(
                {
                    "reference": reference,
                    "asked_on": timezone.localtime(asked_at).date(),
                    "url": absolute(reverse("samrad:mine_detail", args=[request_id])),
                }
            )
    queued = 0
    for address, waiting in sorted(by_address.items()):
        template = "samrad/email/question_reminder"
        context = {"waiting": waiting}
        queued += remind_once(QUESTIONS, address, today, address, template, context)
    return queued
