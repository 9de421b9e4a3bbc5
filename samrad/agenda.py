"""A meeting's agenda as the pages show it: ordered by the database (Meeting.agenda), fifty
cases a page, each case turned into a line that holds only what its reader may see.

Three readers: the coordinator, a party's representative (cases the party must not be
told of are left out) and the room (cases that any invited party must not be told of are
left out). What of a case each line shows, its identity and its question, is decided by
disclosure.may_see. The parties' and the room's agendas leave out cases withdrawn or
declined."""

import re
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils import timezone
from django.utils.translation import gettext as _

from . import disclosure, fieldsets
from .disclosure import Item
from .models import RiskLevel, Status

AGENDA_PAGE_SIZE = 50
QUESTION_LENGTH = 160
# Only what a line shows is read: the other secret fields stay encrypted in the database.
LINE_FIELDS = (
    "id",
    "reference",
    "created_at",
    "mode",
    "kind",
    "urgency",
    "risk_level",
    "children_count",
    "home_municipality",
    "question",
    # What consent_in_force reads, signed or oral.
    "consent_form",
    "consent_signed_on",
    "consent_given_on",
    "consent_until",
    "consent_withdrawn_on",
    "purged_at",
    "agenda_start",
    "agenda_minutes",
    # The agenda comes through meeting.requests, which sets each case's meeting from its
    # meeting_id: deferred, that would cost a query per case.
    "meeting",
)
IDENTITY_FIELDS = fieldsets.IDENTIFYING
# A case withdrawn by the professional or declined by the coordinator is not discussed:
# the parties are not shown it, even while it is still linked to the meeting.
NOT_DISCUSSED = (Status.WITHDRAWN, Status.DECLINED)


@dataclass(frozen=True)
class AgendaLine:
    reference: str
    kind: str
    urgency: str
    is_acute: bool
    high_risk: bool
    children: bool
    home_municipality: str
    question: str
    name: str = ""
    identity_number: str = ""
    # In place of the question when it is withheld from the reader: why.
    withheld: str = ""
    # The case's own time on the meeting, "HH:MM–HH:MM", or empty.
    time: str = ""


def one_line(text, limit=QUESTION_LENGTH):
    """The text on one line: whitespace collapsed, cut at a word with an ellipsis."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"


def coordinator_samrad_requests(meeting):
    return disclosure.prefetched(
        meeting.agenda()
        .select_related("home_municipality")
        .only(*LINE_FIELDS, *IDENTITY_FIELDS, "home_municipality__name")
    )


def party_samrad_requests(meeting, party):
    return disclosure.prefetched(
        meeting.agenda(for_party=party)
        .exclude(status__in=NOT_DISCUSSED)
        .select_related("home_municipality")
        .only(*LINE_FIELDS, *IDENTITY_FIELDS, "home_municipality__name")
    )


def room_samrad_requests(meeting):
    return disclosure.prefetched(
        meeting.agenda()
        .exclude(status__in=NOT_DISCUSSED)
        .exclude(do_not_tell__in=meeting.invited_parties.all())
        .select_related("home_municipality")
        .only(*LINE_FIELDS, "home_municipality__name")
    )


def page_of(samrad_requests, number):
    """One page of the agenda; a page number that is no number or out of range gives the
    first or the last page, never an error."""
    return Paginator(samrad_requests, AGENDA_PAGE_SIZE).get_page(number)


def line(samrad_request, viewer):
    """The case as one agenda line, with what `viewer` may see of it."""
    identity = disclosure.may_see(samrad_request, viewer, Item.IDENTITY)
    free_text = disclosure.may_see(samrad_request, viewer, Item.FREE_TEXT)
    return AgendaLine(
        reference=samrad_request.reference,
        kind=samrad_request.get_kind_display(),
        urgency=samrad_request.get_urgency_display(),
        is_acute=samrad_request.is_acute,
        high_risk=samrad_request.risk_level == RiskLevel.HIGH,
        children=bool(samrad_request.children_count),
        home_municipality=str(samrad_request.home_name),
        question=one_line(samrad_request.question) if free_text else "",
        withheld="" if free_text else str(free_text.why),
        name=samrad_request.person_name if identity else "",
        identity_number=samrad_request.person_id_number if identity else "",
        time=case_time(samrad_request),
    )


def case_time(samrad_request):
    """The case's own time on its meeting, as the agendas show it."""
    if samrad_request.agenda_starts_at is None:
        return ""
    start = timezone.localtime(samrad_request.agenda_starts_at)
    end = timezone.localtime(samrad_request.agenda_ends_at)
    return f"{start:%H:%M}–{end:%H:%M}"


def lines(samrad_requests, viewer):
    return [line(samrad_request, viewer) for samrad_request in samrad_requests]


def withheld_from_parties(meeting, samrad_requests):
    """For the coordinator: per invited party, the cases (of this page of the agenda) it
    will not be shown in full, and why, by reference only. `samrad_requests` come through
    disclosure.prefetched."""
    withheld = []
    for party in meeting.invited_parties.all():
        viewer = disclosure.for_party(party)
        rows = []
        for samrad_request in samrad_requests:
            if samrad_request.status in NOT_DISCUSSED:
                continue
            if disclosure.must_not_be_told(samrad_request, party.pk):
                rows.append(
                    (samrad_request.reference, _("Must not be told: left out of its agenda"))
                )
            elif not (answer := disclosure.may_see(samrad_request, viewer)):
                rows.append((samrad_request.reference, str(answer.why)))
        if rows:
            withheld.append((party, rows))
    return withheld
