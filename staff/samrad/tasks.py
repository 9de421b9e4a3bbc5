"""Sending the samråd e-mail: the outbox rows are saved with the request, this sends them."""

import logging
from datetime import timedelta
from email.mime.text import MIMEText

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.utils import timezone
from django_tasks import task, task_backends

from .models import Notification

logger = logging.getLogger(__name__)


def calendar_part(notification):
    """The calendar file as a text/calendar part with its method (RFC 6047), so a mail
    client offers to add, update or remove the entry. Base64 keeps its CRLF line ends."""
    part = MIMEText(notification.calendar, "calendar", "utf-8")
    part.set_param("method", notification.calendar_method)
    part.add_header("Content-Disposition", "attachment", filename="samrad.ics")
    return part


def build_message(notification, connection):
    message = EmailMessage(
        notification.subject,
        notification.body,
        settings.DEFAULT_FROM_EMAIL,
        [notification.recipient],
        connection=connection,
    )
    if notification.calendar:
        message.attach(calendar_part(notification))
    return message


def send_pending():
    """Send every unsent notification; return how many are still unsent. Mail errors never escape."""
    with transaction.atomic():
        # Two workers never send the same e-mail: rows being sent are locked and skipped.
        pending = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(sent_at__isnull=True)
            .order_by("created_at")[:500]
        )
        if not pending:
            return 0
        error_name = ""
        for notification in pending:
            notification.attempts += 1
        try:
            with get_connection(fail_silently=False) as connection:
                for notification in pending:
                    message = build_message(notification, connection)
                    try:
                        message.send()
                    except OSError as error:  # smtplib's errors are OSErrors too
                        notification.last_error = type(error).__name__
                    else:
                        notification.sent_at = timezone.now()
                        notification.last_error = ""
        except OSError as error:
            error_name = type(error).__name__
        for notification in pending:
            if notification.sent_at is None and error_name:
                notification.last_error = error_name
        Notification.objects.bulk_update(pending, ["attempts", "sent_at", "last_error"])
    unsent = sum(1 for notification in pending if notification.sent_at is None)
    if unsent:
        logger.warning("%d notification(s) could not be sent and wait in the outbox.", unsent)
    return Notification.objects.filter(sent_at__isnull=True).count()


@task(backend="durable", queue_name="mail")
def send_notifications(attempt=0):
    remaining = send_pending()
    if remaining:
        retry_later(attempt + 1)
    return remaining


def retry_later(attempt):
    """Try again later while anything is unsent (the database queue keeps the retry)."""
    if not task_backends["durable"].supports_defer:
        return
    delays = settings.SAMRAD_MAIL_RETRY_SECONDS
    delay = delays[min(attempt, len(delays) - 1)]
    send_notifications.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
        attempt=attempt
    )


def send_after_commit():
    transaction.on_commit(send_notifications.enqueue)
