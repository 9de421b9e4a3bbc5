"""Each case's own time on its meeting: a start and a length inside the meeting's slot
(Meeting.starts_at to Meeting.ends_at), kept as minutes from the meeting's start so that
moving the meeting moves its cases with it. By default a case gets the next free slot
after the cases already timed, in the order they were planned."""

from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.db.models import F, Max
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from .calendar import MEETING_LENGTH
from .models import Status

DEFAULT_MINUTES = 15
SLOT_MINUTES = int(MEETING_LENGTH.total_seconds() // 60)
# A withdrawn or declined case keeps no time on the meeting.
NOT_DISCUSSED = (Status.WITHDRAWN, Status.DECLINED)


def _span(meeting):
    start = timezone.localtime(meeting.starts_at)
    end = timezone.localtime(meeting.ends_at)
    return f"{formats.time_format(start, 'H:i')}–{formats.time_format(end, 'H:i')}"


def outside(meeting):
    return ValidationError(
        _("The case's time must be within the meeting, %(span)s."),
        code="outside_meeting",
        params={"span": _span(meeting)},
    )


def check(meeting, start, minutes):
    """Refuse a start (minutes from the meeting's start) and length outside the meeting."""
    if start < 0 or start + minutes > SLOT_MINUTES:
        raise outside(meeting)
    return start


def from_clock(meeting, clock, minutes):
    """A time of day on the meeting's day as minutes from the meeting's start."""
    day = timezone.localtime(meeting.starts_at).date()
    moment = timezone.make_aware(datetime.combine(day, clock))
    return check(meeting, int((moment - meeting.starts_at) // timedelta(minutes=1)), minutes)


def next_free(meeting, minutes, samrad_request):
    """The start just after the last timed case on the meeting (other than this one)."""
    last = (
        meeting.requests.exclude(pk=samrad_request.pk)
        .exclude(status__in=NOT_DISCUSSED)
        .filter(agenda_start__isnull=False)
        .aggregate(end=Max(F("agenda_start") + F("agenda_minutes")))["end"]
    )
    start = last or 0
    if start + minutes > SLOT_MINUTES:
        raise ValidationError(
            _(
                "The meeting's time is taken up by the cases on it, %(span)s: give this "
                "case a time within the meeting, or a shorter length."
            ),
            code="meeting_full",
            params={"span": _span(meeting)},
        )
    return start
