"""A meeting's agenda as the pages show it: ordered by the database (Meeting.agenda), fifty
cases a page, each case turned into a line that holds only what its reader may see.

Three readers: the coordinator (the name and identity number where a consent is in force),
a party's representative (those only where the consent in force covers that party; cases
the party must not be told of are left out) and the room (no name or identity number at
all; cases that any invited party must not be told of are left out). The parties' and
the room's agendas leave out cases withdrawn or declined."""

import re
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from .models import RiskLevel, SamradRequest, Status

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
    # The agenda comes through meeting.requests, which sets each case's meeting from its
    # meeting_id: deferred, that would cost a query per case.
    "meeting",
)
IDENTITY_FIELDS = ("person_name", "person_id_number")
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


def one_line(text, limit=QUESTION_LENGTH):
    """The text on one line: whitespace collapsed, cut at a word with an ellipsis."""
    text = re.sub(r"\s+", " ", text).strip()
    if len(text) <= limit:
        return text
    return text[:limit].rsplit(" ", 1)[0].rstrip(" ,.;:") + "…"


def coordinator_cases(meeting):
    return (
        meeting.agenda()
        .select_related("home_municipality")
        .only(*LINE_FIELDS, *IDENTITY_FIELDS, "home_municipality__name")
    )


def party_cases(meeting, party):
    covered = SamradRequest.consent_parties.through.objects.filter(
        samradrequest_id=OuterRef("pk"), party_id=party.pk
    )
    return (
        meeting.agenda(for_party=party)
        .exclude(status__in=NOT_DISCUSSED)
        .select_related("home_municipality")
        .only(*LINE_FIELDS, *IDENTITY_FIELDS, "home_municipality__name")
        .annotate(consent_covers_party=Exists(covered))
    )


def room_cases(meeting):
    return (
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


def line(item, *, identity=False):
    """The case as one agenda line; the name and identity number only when `identity`."""
    return AgendaLine(
        reference=item.reference,
        kind=item.get_kind_display(),
        urgency=item.get_urgency_display(),
        is_acute=item.is_acute,
        high_risk=item.risk_level == RiskLevel.HIGH,
        children=bool(item.children_count),
        home_municipality=(
            item.home_municipality.name if item.home_municipality else _("Outside the county")
        ),
        question=one_line(item.question),
        name=item.person_name if identity else "",
        identity_number=item.person_id_number if identity else "",
    )


def coordinator_lines(items):
    return [line(item, identity=item.consent_in_force) for item in items]


def party_lines(items):
    return [
        line(item, identity=item.consent_in_force and item.consent_covers_party) for item in items
    ]


def room_lines(items):
    return [line(item) for item in items]
