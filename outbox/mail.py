"""Putting a mail in the outbox: rendered in the site's language, one row per recipient,
sent after the transaction that queued it commits (tasks.py)."""

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from .models import Notification
from .tasks import send_after_commit


def absolute(path):
    """The portal's address of a path, for a link in a mail."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def render(template, context):
    """The subject (one line) and body of `<template>_subject.txt` and `_message.txt`."""
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"{template}_subject.txt", context).strip()
        body = render_to_string(f"{template}_message.txt", context)
    return " ".join(subject.split()), body


def queue(recipients, subject, body, *, reference="", calendar_for=None, calendar_method=""):
    """Save one outbox row per recipient. `reference` names what the mail is about (a case
    reference) for the list of failed mail; `calendar_for(address)` gives each recipient's
    own calendar file when a `calendar_method` (REQUEST or CANCEL) is given."""
    Notification.objects.bulk_create(
        Notification(
            recipient=address,
            subject=subject,
            body=body,
            reference=reference,
            calendar=calendar_for(address) if calendar_method else "",
            calendar_method=calendar_method,
        )
        for address in recipients
    )
    send_after_commit()
