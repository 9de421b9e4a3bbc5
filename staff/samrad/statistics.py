"""Follow-up statistics for the yearly report. Counts of 1 or 2 are shown as "<3" so that
no single person can be singled out; that holds for tables, charts and CSV alike."""

import csv
import io
from collections import Counter
from dataclasses import dataclass

from django.utils.translation import gettext as _

from guidance.models import Party

from .models import Action, Kind, Mode, SamradRequest, ViolenceForm

SUPPRESS_BELOW = 3
DAY_BUCKETS = [(0, 7, "0–7"), (8, 14, "8–14"), (15, 30, "15–30"), (31, None, "31+")]


def shown(count):
    return f"<{SUPPRESS_BELOW}" if 0 < count < SUPPRESS_BELOW else str(count)


@dataclass
class Table:
    key: str
    title: str
    rows: list  # (label, count)

    @property
    def display_rows(self):
        largest = max((count for _, count in self.rows), default=0) or 1
        return [
            # A suppressed count gets no bar length: the chart must not reveal it either.
            (label, shown(count), 0 if 0 < count < SUPPRESS_BELOW else round(100 * count / largest))
            for label, count in self.rows
        ]


def build(start, end):
    requests = list(
        SamradRequest.objects.filter(created_at__date__gte=start, created_at__date__lte=end)
        .select_related("meeting")
        .only(
            "created_at",
            "mode",
            "kind",
            "referring_party_id",
            "home_municipality_id",
            "violence_forms",
            "children_count",
            "is_repeat",
            "meeting__starts_at",
        )
    )
    parties = {party.pk: party for party in Party.objects.all()}
    months = Counter(r.created_at.strftime("%Y-%m") for r in requests)
    municipalities = Counter(r.home_municipality_id for r in requests)
    referring = Counter(r.referring_party_id for r in requests)
    violence = Counter(form for r in requests for form in r.violence_forms)
    children = Counter(
        _("Unknown") if r.children_count is None else _("Yes") if r.children_count else _("No")
        for r in requests
    )
    days = Counter()
    for r in requests:
        if r.meeting is not None:
            waited = (r.meeting.starts_at.date() - r.created_at.date()).days
            for low, high, label in DAY_BUCKETS:
                if waited >= low and (high is None or waited <= high):
                    days[label] += 1
    actions = Action.objects.filter(request__in=[r.pk for r in requests])
    municipality_rows = [
        (party.short_name, municipalities.get(party.pk, 0))
        for party in parties.values()
        if party.kind == Party.Kind.MUNICIPALITY
    ] + [(_("Outside the county"), municipalities.get(None, 0))]
    return {
        "total": len(requests),
        "tables": [
            Table("month", _("Requests per month"), sorted(months.items())),
            Table("municipality", _("Home municipality"), municipality_rows),
            Table(
                "party",
                _("Referring party"),
                [(party.short_name, referring.get(pk, 0)) for pk, party in parties.items()],
            ),
            Table(
                "mode",
                _("Mode"),
                [(label, sum(r.mode == v for r in requests)) for v, label in Mode.choices],
            ),
            Table(
                "kind",
                _("Samråd kind"),
                [(label, sum(r.kind == v for r in requests)) for v, label in Kind.choices],
            ),
            Table(
                "violence",
                _("Forms of violence"),
                [(label, violence.get(v, 0)) for v, label in ViolenceForm.choices],
            ),
            Table(
                "children",
                _("Children in the household"),
                [(k, children.get(k, 0)) for k in (_("Yes"), _("No"), _("Unknown"))],
            ),
            Table(
                "repeat",
                _("Repeat requests (same person within 12 months)"),
                [
                    (_("Repeat"), sum(r.is_repeat for r in requests)),
                    (_("First request"), sum(not r.is_repeat for r in requests)),
                ],
            ),
            Table(
                "actions",
                _("Actions agreed at samråd"),
                [
                    (_("Agreed"), actions.count()),
                    (_("Done"), actions.filter(done_at__isnull=False).count()),
                ],
            ),
            Table(
                "days",
                _("Days from request to samråd"),
                [(label, days.get(label, 0)) for *_bounds, label in DAY_BUCKETS],
            ),
        ],
    }


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """A cell a spreadsheet shows as text, never runs: party and municipality names are
    typed by editors, and "=HYPERLINK(...)" in one would run in the steering group's Excel."""
    value = str(value)
    return "'" + value if value.startswith(FORMULA_STARTS) else value


def as_csv(report):
    output = io.StringIO()
    writer = csv.writer(output)

    def row(*cells):
        writer.writerow([spreadsheet_safe(cell) for cell in cells])

    row(_("Table"), _("Category"), _("Count"))
    for table in report["tables"]:
        for label, count, _width in table.display_rows:
            row(table.title, label, count)
    row(_("Total"), "", shown(report["total"]))
    return output.getvalue()
