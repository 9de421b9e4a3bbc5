from datetime import timedelta

from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from organisations.models import County
from recordkeeping.models import decisions_in_force
from samrad.models import AuditEntry, SamradRequest, Status, clear_expired_person_keys
from samrad.scope import across_counties


class Command(BaseCommand):
    help = (
        "Dispose of the contents of samråd requests closed, declined or withdrawn longer ago "
        "than the retention decision in force allows (the statistics columns stay), and "
        "clear the repeat key of requests made more than 12 months ago. Run daily. "
        "The records are the coordinator's employer's official records: each county's "
        "are disposed of under the decision of its authority; with no decision in force, "
        "or decisions of several of its authorities, nothing of that county is."
    )

    def handle(self, *args, **options):
        # Every county's, on purpose, one county at a time.
        with across_counties():
            for county in County.objects.all():
                self.purge_county(county)
            self.clear_repeat_keys()

    def purge_county(self, county):
        decision = self.decision_in_force(county)
        if decision is None:
            return
        count = self.purge_under(decision, county)
        self.stdout.write(
            f"Purged the contents of {count} request(s) in {county} under retention decision "
            f"{decision.reference} of {decision.authority} ({decision.retention_days} days)."
        )

    def clear_repeat_keys(self):
        # The repeat key is a keyed hash the portal makes to find repeats, not the record:
        # it is cleared after 12 months whatever the decision.
        with transaction.atomic():
            cleared = clear_expired_person_keys()
            for samrad_request in SamradRequest.objects.filter(pk__in=cleared):
                AuditEntry.record(
                    None, AuditEntry.Event.PURGED, samrad_request, "repeat key after 12 months"
                )
        self.stdout.write(
            f"Cleared the repeat key of {len(cleared)} request(s) older than 12 months."
        )

    def decision_in_force(self, county):
        """The county's single decision in force (recordkeeping.models.decisions_in_force)."""
        decisions = [
            decision
            for decision in decisions_in_force()
            if decision.authority.county_id == county.pk
        ]
        if not decisions:
            self.stdout.write(
                f"{county}: No retention decision is in force: nothing was purged. "
                "An administrator records the decision of the authority that employs the coordinator "
                "(Retention decisions in the admin)."
            )
            return None
        if len(decisions) > 1:
            authorities = ", ".join(str(decision.authority) for decision in decisions)
            self.stdout.write(
                f"Retention decisions of several authorities in {county} are in force "
                f"({authorities}): the one that employs the coordinator cannot be told, so "
                "nothing was purged."
            )
            return None
        return decisions[0]

    def purge_under(self, decision, county):
        cutoff = timezone.now() - timedelta(days=decision.retention_days)
        due = SamradRequest.objects.for_county(county).filter(
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
