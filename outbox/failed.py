"""The mail that could not be sent (tasks.py set it aside), as the coordinators see it:
for whom, when and the kind of error only, never the subject, the body or the address
itself, which may be the broken text that caused the failure."""

from datetime import timedelta

from django.utils.translation import gettext_lazy as _

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
        .only("created_at", "recipient", "last_error", "reference")
        .order_by("-created_at", "pk")
    )


def explanation(error):
    """What went wrong, in words, from the error's name (Notification.last_error)."""
    return EXPLAINED.get(error, DEFAULT_EXPLANATION)
