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
    "consent_signed_on",
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


def coordinator_cases(meeting):
    return disclosure.prefetched(
        meeting.agenda()
        .select_related("home_municipality")
        .only(*LINE_FIELDS, *IDENTITY_FIELDS, "home_municipality__name")
    )


def party_cases(meeting, party):
    return disclosure.prefetched(
        meeting.agenda(for_party=party)
        .exclude(status__in=NOT_DISCUSSED)
        .select_related("home_municipality")
        .only(*LINE_FIELDS, *IDENTITY_FIELDS, "home_municipality__name")
    )


def room_cases(meeting):
    return disclosure.prefetched(
        meeting.agenda()
        .exclude(status__in=NOT_DISCUSSED)
        .exclude(do_not_tell__in=meeting.invited_parties.all())
        .select_related("home_municipality")
        .only(*LINE_FIELDS, "home_municipality__name")
    )


def page_of(cases, number):
    """One page of the agenda; a page number that is no number or out of range gives the
    first or the last page, never an error."""
    return Paginator(cases, AGENDA_PAGE_SIZE).get_page(number)


def line(item, viewer):
    """The case as one agenda line, with what `viewer` may see of it."""
    identity = disclosure.may_see(item, viewer, Item.IDENTITY)
    free_text = disclosure.may_see(item, viewer, Item.FREE_TEXT)
    return AgendaLine(
        reference=item.reference,
        kind=item.get_kind_display(),
        urgency=item.get_urgency_display(),
        is_acute=item.is_acute,
        high_risk=item.risk_level == RiskLevel.HIGH,
        children=bool(item.children_count),
        home_municipality=str(item.home_name),
        question=one_line(item.question) if free_text else "",
        withheld="" if free_text else str(free_text.why),
        name=item.person_name if identity else "",
        identity_number=item.person_id_number if identity else "",
        time=case_time(item),
    )


def case_time(item):
    """The case's own time on its meeting, as the agendas show it."""
    if item.agenda_starts_at is None:
        return ""
    start = timezone.localtime(item.agenda_starts_at)
    end = timezone.localtime(item.agenda_ends_at)
    return f"{start:%H:%M}–{end:%H:%M}"


def lines(items, viewer):
    return [line(item, viewer) for item in items]


def withheld_from_parties(meeting, cases):
    """For the coordinator: per invited party, the cases (of this page of the agenda) it
    will not be shown in full, and why, by reference only. `cases` come through
    disclosure.prefetched."""
    withheld = []
    for party in meeting.invited_parties.all():
        viewer = disclosure.for_party(party)
        rows = []
        for case in cases:
            if case.status in NOT_DISCUSSED:
                continue
            if disclosure.must_not_be_told(case, party.pk):
                rows.append((case.reference, _("Must not be told: left out of its agenda")))
            elif not (answer := disclosure.may_see(case, viewer)):
                rows.append((case.reference, str(answer.why)))
        if rows:
            withheld.append((party, rows))
    return withheld
