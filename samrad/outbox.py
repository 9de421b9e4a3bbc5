"""What the coordinators see of the outbox on the week page: the mail that could not be
sent (outbox.failed), each named by its party or the request it was about; of their own
county's (samrad.scope) and of the installation's, never another county's."""

from django.db.models import Q

from organisations.models import Party
from outbox import failed as outbox_failed
from outbox.failed import explanation

from .models import SamradRequest
from .scope import county_parties

__all__ = ["described", "failed"]


def failed(now):
    """About a request of the county or to one of its parties' mailboxes, or about neither
    request nor party (mail of the whole installation)."""
    every_mailbox = Party.objects.exclude(samrad_mailbox="").values("samrad_mailbox")
    return outbox_failed.failed(now).filter(
        Q(reference__in=SamradRequest.objects.values("reference"))
        | Q(recipient__in=county_parties().exclude(samrad_mailbox="").values("samrad_mailbox"))
        | (Q(reference="") & ~Q(recipient__in=every_mailbox))
    )


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
