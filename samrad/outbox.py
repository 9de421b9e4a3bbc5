"""What the coordinators see of the outbox on the week page: the mail that could not be
sent (outbox.failed), each named by its party or the request it was about."""

from organisations.models import Party
from outbox.failed import explanation, failed

from .models import SamradRequest

__all__ = ["described", "failed"]


def described(notifications):
    """Each failed mail with whom it was for (a party, or the professional behind a
    request) and what went wrong, in words and by the error's name."""
    if not notifications:
        return []
    parties = {
        party.samrad_mailbox.lower(): party
        for party in Party.objects.exclude(samrad_mailbox="").only("short_name", "samrad_mailbox")
    }
    samrad_requests = SamradRequest.objects.only("reference").in_bulk(
        {notification.reference for notification in notifications if notification.reference},
        field_name="reference",
    )
    return [
        {
            "at": notification.created_at,
            "party": parties.get(notification.recipient.lower()),
            "request": samrad_requests.get(notification.reference),
            "error": notification.last_error,
            "explanation": explanation(notification.last_error),
        }
        for notification in notifications
    ]
