"""What the coordinators see of the outbox: the mail that could not be sent (tasks.py set
it aside). For whom, when and the kind of error only: never the subject, the body or the
address itself, which may be the broken text that caused the failure."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

from organisations.models import Party

from .models import Notification
from .tasks import INTERRUPTED, InvalidRecipient

SHOWN_FOR = timedelta(days=30)
EXPLAINED = {
    InvalidRecipient.__name__: _("The address is not a usable e-mail address."),
    INTERRUPTED: _("Sending was interrupted: the mail may or may not have arrived."),
}
DEFAULT_EXPLANATION = _("The message could not be built or sent.")


def failed(now):
    """The mail set aside in the last SHOWN_FOR, newest first, without its contents."""
    return (
        Notification.objects.filter(
            state=Notification.State.FAILED, created_at__gte=now - SHOWN_FOR
        )
        .select_related("request")
        .only("created_at", "recipient", "last_error", "request__reference")
        .order_by("-created_at", "pk")
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
    return [
        {
            "at": notification.created_at,
            "party": parties.get(notification.recipient.lower()),
            "request": notification.request,
            "error": notification.last_error,
            "explanation": EXPLAINED.get(notification.last_error, DEFAULT_EXPLANATION),
        }
        for notification in notifications
    ]
