from datetime import timedelta

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from samrad.models import AuditEntry, SamradRequest, Status, clear_expired_person_keys


class Command(BaseCommand):
    help = (
        "Remove the contents of samråd requests closed, declined or withdrawn more than "
        "SAMRAD_RETENTION_DAYS ago (the statistics columns stay), and the repeat key of "
        "requests made more than 12 months ago. Run daily."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=None, help="Override SAMRAD_RETENTION_DAYS."
        )

    def handle(self, *args, days=None, **options):
        days = settings.SAMRAD_RETENTION_DAYS if days is None else days
        cutoff = timezone.now() - timedelta(days=days)
        due = SamradRequest.objects.filter(
            status__in=[Status.CLOSED, Status.DECLINED, Status.WITHDRAWN],
            closed_at__lt=cutoff,
            purged_at__isnull=True,
        )
        count = 0
        for samrad_request in due.iterator():
            with transaction.atomic():
                samrad_request.purge()
                AuditEntry.record(
                    None, AuditEntry.Event.PURGED, samrad_request, f"after {days} days"
                )
            count += 1
        with transaction.atomic():
            cleared = clear_expired_person_keys()
            for samrad_request in SamradRequest.objects.filter(pk__in=cleared):
                AuditEntry.record(
                    None, AuditEntry.Event.PURGED, samrad_request, "repeat key after 12 months"
                )
        self.stdout.write(
            f"Purged the contents of {count} request(s); "
            f"cleared the repeat key of {len(cleared)} request(s) older than 12 months."
        )
