from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from recordkeeping.models import decisions_in_force
from samrad.models import AuditEntry, SamradRequest, Status, clear_expired_person_keys


class Command(BaseCommand):
    help = (
        "Dispose of the contents of samråd requests closed, declined or withdrawn longer ago "
        "than the retention decision in force allows (the statistics columns stay), and "
        "clear the repeat key of requests made more than 12 months ago. Run daily. "
        "The records are the coordinator's employer's official records: with no decision "
        "in force, or decisions of several authorities, nothing is disposed of."
    )

    def handle(self, *args, **options):
        decision = self.decision_in_force()
        count = 0
        if decision is not None:
            count = self.purge_under(decision)
        # The repeat key is a keyed hash the portal makes to find repeats, not the record:
        # it is cleared after 12 months whatever the decision.
        with transaction.atomic():
            cleared = clear_expired_person_keys()
            for samrad_request in SamradRequest.objects.filter(pk__in=cleared):
                AuditEntry.record(
                    None, AuditEntry.Event.PURGED, samrad_request, "repeat key after 12 months"
                )
        if decision is not None:
            self.stdout.write(
                f"Purged the contents of {count} request(s) under retention decision "
                f"{decision.reference} of {decision.authority} ({decision.retention_days} days)."
            )
        self.stdout.write(
            f"Cleared the repeat key of {len(cleared)} request(s) older than 12 months."
        )

    def decision_in_force(self):
        """The single decision in force (see recordkeeping.models.decisions_in_force)."""
        decisions = decisions_in_force()
        if not decisions:
            self.stdout.write(
                "No retention decision is in force: nothing was purged. An administrator "
                "records the decision of the authority that employs the coordinator "
                "(Retention decisions in the admin)."
            )
            return None
        if len(decisions) > 1:
            authorities = ", ".join(str(decision.authority) for decision in decisions)
            self.stdout.write(
                f"Retention decisions of several authorities are in force ({authorities}): "
                "the one that employs the coordinator cannot be told, so nothing was purged."
            )
            return None
        return decisions[0]

    def purge_under(self, decision):
        cutoff = timezone.now() - timedelta(days=decision.retention_days)
        due = SamradRequest.objects.filter(
            status__in=[Status.CLOSED, Status.DECLINED, Status.WITHDRAWN],
            closed_at__lt=cutoff,
            purged_at__isnull=True,
        )
        detail = (
            f"under retention decision {decision.reference} of {decision.authority.short_name}, "
            f"{decision.retention_days} days"
        )
        count = 0
        for samrad_request in due.iterator():
            with transaction.atomic():
                samrad_request.purge()
                AuditEntry.record(None, AuditEntry.Event.PURGED, samrad_request, detail)
            count += 1
        return count
