"""Follow-up statistics for the yearly report. Counts of 1 or 2 are shown as "<3" so that
no single person can be singled out; that holds for tables, charts and CSV alike.

A "<3" alone is undone by subtraction when the table's rows add up to the published total
("Yes <3, No 0, Unknown 4, total 6" gives Yes = 2). So each such table gets complementary
suppression: further cells are hidden as ".." until no hidden cell can be worked out from
the visible ones and the total. The check assumes the reader knows the rule: a "<3" is 1
or 2, a ".." is 0 or at least 3, and the hidden cells add up to what the total leaves.
"""

import csv
import io
from collections import Counter
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from guidance.models import Party

from .models import (
    Action,
    AgeBand,
    Gender,
    Kind,
    Mode,
    RiskInstrument,
    RiskLevel,
    SamradRequest,
    ViolenceForm,
    YesNoUnknown,
)

SUPPRESS_BELOW = 3
HIDDEN = ".."
PRIMARY, SECONDARY = "primary", "secondary"
DAY_BUCKETS = [(0, 7, "0–7"), (8, 14, "8–14"), (15, 30, "15–30"), (31, None, "31+")]


def shown(count):
    return f"<{SUPPRESS_BELOW}" if 0 < count < SUPPRESS_BELOW else str(count)


def _possible(mark, total):
    """The values a reader knows a hidden cell can have, as a bit set (bit n = value n)."""
    if mark == PRIMARY:
        return sum(1 << n for n in range(1, SUPPRESS_BELOW))
    everything = (1 << (total + 1)) - 1
    return everything & ~sum(1 << n for n in range(1, SUPPRESS_BELOW))


def _runs(values):
    """The bit set as (first, last) runs of consecutive values."""
    runs, bit = [], 0
    while values >> bit:
        if values >> bit & 1:
            first = bit
            while values >> (bit + 1) & 1:
                bit += 1
            runs.append((first, bit))
        bit += 1
    return runs


def _smear(bits, width):
    """bits | bits << 1 | ... | bits << width, in log(width) steps."""
    result, span = bits, 1
    while span * 2 <= width + 1:
        result |= result << span
        span *= 2
    if span <= width:
        result |= result << (width + 1 - span)
    return result


def _sums(sets, limit):
    """Every sum of one value from each set, as a bit set, up to limit. A few hundred
    requests cost milliseconds: each set is a handful of runs of consecutive values."""
    mask = (1 << (limit + 1)) - 1
    reachable = 1
    for values in sets:
        combined = 0
        for first, last in _runs(values):
            combined |= _smear(reachable << first, last - first)
        reachable = combined & mask
    return reachable


def pinned(counts, marks, total):
    """The hidden cells whose value follows from the visible cells and the total."""
    hidden = [i for i, mark in enumerate(marks) if mark]
    rest = total - sum(c for c, mark in zip(counts, marks, strict=True) if not mark)
    sets = {i: _possible(marks[i], total) for i in hidden}
    result = []
    for i in hidden:
        others = _sums([sets[j] for j in hidden if j != i], total)
        values = [v for v in range(rest + 1) if sets[i] >> v & 1 and others >> (rest - v) & 1]
        if len(values) < 2:
            result.append(i)
    return result


def suppress(counts, total):
    """Marks per cell: None (shown), PRIMARY ("<3") or SECONDARY (".."); or None for the
    whole table when no choice of cells protects it (then every cell is ".."). total is the
    published number the counts add up to, or None when they do not add up to anything
    published (then a "<3" cannot be subtracted out)."""
    marks = [PRIMARY if 0 < count < SUPPRESS_BELOW else None for count in counts]
    if total is None or not any(marks):
        return marks
    if total < SUPPRESS_BELOW:
        # The total itself is "<3": show no breakdown at all.
        return None
    while pinned(counts, marks, total):
        shown_cells = [i for i, mark in enumerate(marks) if not mark]
        if not shown_cells:
            return None
        # Hide the smallest non-zero count first (it tells least), zeros last.
        marks[min(shown_cells, key=lambda i: (counts[i] == 0, counts[i], i))] = SECONDARY
    return marks


@dataclass
class Table:
    key: str
    title: str
    rows: list  # (label, count)
    adds_up: bool = True  # every request counted once: the rows add up to the total
    display_rows: list = field(default_factory=list)  # filled in by build()

    def marks(self, total):
        return suppress([count for _, count in self.rows], total if self.adds_up else None)

    def display(self, total):
        """(label, shown text, bar width in per cent): a hidden count gets no bar."""
        marks = self.marks(total)
        if marks is None:
            # Withheld: every category stays listed (the categories are no secret).
            return [(label, HIDDEN, 0) for label, _count in self.rows]
        largest = max((count for _, count in self.rows), default=0) or 1
        return [
            (
                label,
                {PRIMARY: f"<{SUPPRESS_BELOW}", SECONDARY: HIDDEN}.get(mark, str(count)),
                0 if mark else round(100 * count / largest),
            )
            for (label, count), mark in zip(self.rows, marks, strict=True)
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
            "concern_reported",
            "gender",
            "age_band",
            "interpreter_needed",
            "risk_level",
            "risk_instrument",
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

    def coded(name, choices, unknown):
        """Rows for a coded column; requests sent before the column existed count as unknown."""
        counts = Counter(getattr(r, name) or unknown for r in requests)
        return [(label, counts.get(value, 0)) for value, label in choices]

    report = {
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
                adds_up=False,
            ),
            Table(
                "children",
                _("Children in the household"),
                [(k, children.get(k, 0)) for k in (_("Yes"), _("No"), _("Unknown"))],
            ),
            Table(
                "concern",
                _("Report of concern (orosanmälan) about the children"),
                coded(
                    "concern_reported",
                    [*YesNoUnknown.choices, ("", _("No children or not answered"))],
                    "",
                ),
            ),
            Table(
                "risk",
                _("Risk level at the request"),
                coded("risk_level", [*RiskLevel.choices, ("", _("Not assessed"))], ""),
            ),
            Table(
                "instrument",
                _("Risk assessment instrument"),
                coded("risk_instrument", RiskInstrument.choices, RiskInstrument.NONE),
            ),
            Table("gender", _("Gender"), coded("gender", Gender.choices, Gender.UNKNOWN)),
            Table("age", _("Age"), coded("age_band", AgeBand.choices, AgeBand.UNKNOWN)),
            Table(
                "interpreter",
                _("Interpreter needed"),
                [
                    (_("Yes"), sum(r.interpreter_needed for r in requests)),
                    (_("No"), sum(not r.interpreter_needed for r in requests)),
                ],
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
                adds_up=False,
            ),
            Table(
                "days",
                _("Days from request to samråd"),
                [(label, days.get(label, 0)) for *_bounds, label in DAY_BUCKETS],
                adds_up=False,
            ),
        ],
    }
    for table in report["tables"]:
        table.display_rows = table.display(report["total"])
    return report


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
