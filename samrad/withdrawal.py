"""Who a withdrawn consent concerns, and what their representatives are told in the portal.

The disclosure rule (disclosure.py) stops the sharing itself the moment the consent is
withdrawn: the case's identity and free text leave every party's pages, prints and the
room's print because the consent is no longer in force. What is added here is telling
the parties: the parties the consent covered, those given an action on the case and
those invited to it (never a party that must not be told) read a notice on their
representative page that names the case by its reference only; their mailbox is told
only that something waits in the portal."""

from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from organisations.models import Party

from .models import Mode, SamradRequest

# How long the notice stays on the representative page after the withdrawal.
NOTICE_DAYS = 30


def affected_parties(samrad_request):
    """The parties to tell that the consent of `samrad_request` was withdrawn."""
    return (
        Party.objects.filter(
            Q(pk__in=samrad_request.consent_parties.values("pk"))
            | Q(pk__in=samrad_request.actions.values("party"))
            | Q(pk__in=samrad_request.invitations.values("party"))
        )
        .exclude(pk__in=samrad_request.do_not_tell.values("pk"))
        .order_by("short_name")
    )


def notices_for(party, today=None):
    """The references of the cases concerning `party` whose consent was withdrawn in the
    last NOTICE_DAYS days, newest first."""
    since = (today or timezone.localdate()) - timedelta(days=NOTICE_DAYS)
    concerned = SamradRequest.objects.filter(
        Q(pk__in=SamradRequest.objects.filter(consent_parties=party).values("pk"))
        | Q(pk__in=SamradRequest.objects.filter(actions__party=party).values("pk"))
        | Q(pk__in=SamradRequest.objects.filter(invitations__party=party).values("pk"))
    )
    return list(
        concerned.filter(mode=Mode.CONSENT, consent_withdrawn_on__gte=since, purged_at__isnull=True)
        .exclude(do_not_tell=party)
        .order_by("-consent_withdrawn_on", "reference")
        .values_list("reference", flat=True)
    )
