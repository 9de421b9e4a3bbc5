"""The coordinator's week: what the coordinators (and their substitute) share, not one
person's own list. Statistics columns, references and dates only: the contents of a
request are read on its own page, where the read is audited."""

from datetime import datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone

from .models import Action, Meeting, SamradRequest, Status

FINISHED = [Status.CLOSED, Status.DECLINED, Status.WITHDRAWN]
NEW_SINCE = timedelta(days=7)


def week_of(today):
    """Monday and Sunday of the week `today` is in."""
    monday = today - timedelta(days=today.weekday())
    return monday, monday + timedelta(days=6)


def listed(queryset):
    """Requests as lists show them: the encrypted contents are not read (nor decrypted)."""
    return queryset.defer(*SamradRequest.CONTENT_FIELDS)


def meetings(monday):
    start = timezone.make_aware(datetime.combine(monday, time.min))
    return (
        Meeting.objects.filter(starts_at__gte=start, starts_at__lt=start + timedelta(days=7))
        .annotate(n=Count("requests"))
        .order_by("starts_at")
    )


def new_requests(now):
    return listed(
        SamradRequest.objects.filter(created_at__gte=now - NEW_SINCE).select_related(
            "referring_party", "home_municipality"
        )
    ).order_by("-created_at", "pk")


def follow_ups_due(sunday):
    """Requests in follow-up whose date falls this week or has passed."""
    return listed(
        SamradRequest.objects.filter(
            status=Status.FOLLOW_UP, follow_up_on__lte=sunday
        ).select_related("referring_party")
    ).order_by("follow_up_on", "pk")


def actions_due(sunday):
    """Open actions due this week or overdue, without their text."""
    return (
        Action.objects.filter(done_at__isnull=True, due_on__lte=sunday)
        .exclude(request__status__in=FINISHED)
        .select_related("request", "party")
        .only(
            "due_on",
            "party__short_name",
            "request__reference",
            "request__status",
        )
        .order_by("due_on", "pk")
    )
