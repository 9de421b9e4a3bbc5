"""The coordinator's printable agendas of a meeting: the coordinator's own (the name and
identity number where a consent is in force) and the general one for the room (no
personal data: no identity, and no free text of a case with consent; cases that an
invited party must not be told of are left out). disclosure.may_see decides."""

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from . import agenda, disclosure
from .access import allowed_if, is_coordinator
from .models import AuditEntry, Meeting


def printed(request, meeting, cases, viewer, *, room):
    page = agenda.page_of(cases, request.GET.get("page"))
    items = list(page)
    AuditEntry.record_many(
        request.user,
        AuditEntry.Event.PRINTED,
        items,
        "agenda for the room" if room else "coordinator's agenda",
    )
    return TemplateResponse(
        request,
        "samrad/agenda_print.html",
        {
            "meeting": meeting,
            "page": page,
            "lines": agenda.lines(items, viewer),
            "first_number": page.start_index(),
            "room": room,
            "with_identity": not room,
            "printed_at": timezone.now(),
        },
    )


@allowed_if(is_coordinator)
def coordinator_print(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return printed(
        request, meeting, agenda.coordinator_cases(meeting), disclosure.COORDINATOR, room=False
    )


@allowed_if(is_coordinator)
def room_print(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return printed(
        request, meeting, agenda.room_cases(meeting), disclosure.for_room(meeting), room=True
    )
