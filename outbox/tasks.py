"""Sending the e-mail: the outbox rows are queued (mail.py) in the transaction that caused
them, this sends them.

Each row is sent at most once. It is claimed (state "sending", committed) before it is
handed to the mail server and marked sent after; a worker that dies in between leaves it
"sending", and it is set aside as interrupted instead of sent again. For calendar
invitations a lost mail is the lesser harm: the coordinator sees it in the portal, while a
duplicate (an old invitation arriving after the meeting moved) misleads silently. A row
whose address or content cannot make a message is set aside as failed; it never stops
the others. Only when the mail server does not take a message (an OSError: refused,
unreachable, timed out) does the row wait for the next try: the server had not confirmed
it, so a duplicate needs the connection to break between its acceptance and its reply."""

import logging
import smtplib
from datetime import timedelta
from email.mime.text import MIMEText

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import sanitize_address
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django_tasks import task, task_backends

from portal.email_addresses import validate_mail_address

from .models import Notification

logger = logging.getLogger(__name__)

State = Notification.State
BATCH = 500
# Far longer than one message takes (EMAIL_TIMEOUT): a row still "sending" after this was
# left by a worker that stopped, and may or may not have gone out.
INTERRUPTED_AFTER = timedelta(minutes=15)
INTERRUPTED = "Interrupted"


class InvalidRecipient(ValueError):
    """The row's address breaks the portal's rule (saved before the rule existed)."""


def calendar_part(notification):
    """The calendar file as a text/calendar part with its method (RFC 6047), so a mail
    client offers to add, update or remove the entry. Base64 keeps its CRLF line ends."""
    part = MIMEText(notification.calendar, "calendar", "utf-8")
    part.set_param("method", notification.calendar_method)
    part.add_header("Content-Disposition", "attachment", filename="samrad.ics")
    return part


def build_message(notification, connection):
    """The message, built in full so that whatever cannot be sent fails here, before the
    mail server is involved: an address that breaks the portal's rule, or a header that
    Python's e-mail package refuses (HeaderParseError, ValueError)."""
    try:
        validate_mail_address(notification.recipient)
    except ValidationError as error:
        raise InvalidRecipient from error
    message = EmailMessage(
        notification.subject,
        notification.body,
        settings.DEFAULT_FROM_EMAIL,
        [notification.recipient],
        connection=connection,
    )
    if notification.calendar:
        message.attach(calendar_part(notification))
    # As the SMTP backend does: the envelope's addresses and the bytes on the wire.
    encoding = message.encoding or settings.DEFAULT_CHARSET
    for address in [message.from_email, *message.recipients()]:
        sanitize_address(address, encoding)
    message.message().as_bytes(linesep="\r\n")
    return message


def finish(notification, state, error=None):
    fields = {"state": state, "last_error": type(error).__name__ if error else ""}
    if state == State.SENT:
        fields["sent_at"] = timezone.now()
    Notification.objects.filter(pk=notification.pk).update(**fields)


def claim(notification):
    """True for the one worker that moves the row from waiting to sending (one UPDATE, so
    atomic on SQLite and PostgreSQL alike); committed before anything is sent."""
    return bool(
        Notification.objects.filter(pk=notification.pk, state=State.PENDING).update(
            state=State.SENDING, claimed_at=timezone.now(), attempts=F("attempts") + 1
        )
    )


def refused_for_good(error):
    """The server refused the recipient or the message with a permanent (5xx) reply."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(code >= 500 for code, _reply in error.recipients.values())
    return isinstance(error, smtplib.SMTPResponseException) and error.smtp_code >= 500


def server_gone(error):
    """The connection failed, rather than the server answering about this one message."""
    return not isinstance(error, smtplib.SMTPRecipientsRefused | smtplib.SMTPResponseException)


def deliver(notification, connection):
    """Send one row unless another worker has it. False when the connection to the mail
    server failed: the row waits again, and so do the rest."""
    if not claim(notification):
        return True
    try:
        message = build_message(notification, connection)
    except Exception as error:  # a poisoned address or content: never blocks the others
        logger.error("Notification %s cannot be built: %s", notification.pk, type(error).__name__)
        finish(notification, State.FAILED, error)
        return True
    try:
        message.send()
    except OSError as error:  # smtplib's errors are OSErrors too
        if refused_for_good(error):
            finish(notification, State.FAILED, error)
            return True
        # Not taken (or refused for now): it waits for the next try.
        Notification.objects.filter(pk=notification.pk).update(
            state=State.PENDING, last_error=type(error).__name__
        )
        return not server_gone(error)
    except Exception as error:
        logger.error("Notification %s cannot be sent: %s", notification.pk, type(error).__name__)
        finish(notification, State.FAILED, error)
        return True
    finish(notification, State.SENT)
    return True


def set_aside_interrupted():
    """Rows a stopped worker left "sending" are failed, not sent again (at most once)."""
    count = Notification.objects.filter(
        state=State.SENDING, claimed_at__lt=timezone.now() - INTERRUPTED_AFTER
    ).update(state=State.FAILED, last_error=INTERRUPTED)
    if count:
        logger.error("%d notification(s) were interrupted while being sent.", count)


def send_pending():
    """Send what waits in the outbox; return how many still wait. No mail error escapes:
    a row that cannot be sent is set aside, a mail server that is away leaves the rows
    waiting."""
    set_aside_interrupted()
    batch = list(
        Notification.objects.filter(state=State.PENDING).order_by("created_at", "pk")[:BATCH]
    )
    if batch:
        try:
            with get_connection(fail_silently=False) as connection:
                for notification in batch:
                    if not deliver(notification, connection):
                        break
        except OSError as error:  # the mail server cannot be reached (or closed badly)
            Notification.objects.filter(
                pk__in=[notification.pk for notification in batch], state=State.PENDING
            ).update(attempts=F("attempts") + 1, last_error=type(error).__name__)
    remaining = Notification.objects.filter(state=State.PENDING).count()
    if remaining:
        logger.warning("%d notification(s) could not be sent and wait in the outbox.", remaining)
    return remaining


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
    delays = settings.OUTBOX_RETRY_SECONDS
    delay = delays[min(attempt, len(delays) - 1)]
    send_notifications.using(run_after=timezone.now() + timedelta(seconds=delay)).enqueue(
        attempt=attempt
    )


def send_after_commit():
    transaction.on_commit(send_notifications.enqueue)
