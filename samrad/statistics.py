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
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    Q,
    Sum,
)
from django.db.models.functions import TruncDate, TruncMonth
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from guidance.models import Party

from .models import (
    OUTSIDE_COUNTY,
    Action,
    AgeBand,
    Gender,
    Kind,
    Meeting,
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
    section: str = "requests"
    adds_up: bool = True  # every item counted once: the rows add up to the total
    # What the rows add up to when they count something else than the requests (meetings,
    # actions); that total is published with the table.
    total: int | None = None
    display_rows: list = field(default_factory=list)  # filled in by build()

    def marks(self, total):
        if not self.adds_up:
            total = None
        elif self.total is not None:
            total = self.total
        return suppress([count for _, count in self.rows], total)

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


@dataclass
class Figure:
    """One key figure (a median, a share, an average) with the table it is read beside."""

    key: str
    label: str
    text: str
    section: str


# The yearly report's sections, in order; every table and figure belongs to one.
SECTIONS = [
    ("requests", gettext_lazy("Requests")),
    ("people", gettext_lazy("The people and the violence")),
    ("samrad", gettext_lazy("The samråd meetings")),
    ("actions", gettext_lazy("Follow-up of actions")),
]
CASE_BUCKETS = [
    (0, 0, gettext_lazy("No cases")),
    (1, 2, gettext_lazy("1–2 cases")),
    (3, 5, gettext_lazy("3–5 cases")),
]
CASE_BUCKETS_LAST = (6, gettext_lazy("6 cases or more"))


def local_bounds(start, end):
    """The period's first and last day as [start of the first, start of the day after the last):
    compared with created_at as it is, so that its index is used."""
    zone = timezone.get_current_timezone()
    first = datetime.combine(start, time.min, tzinfo=zone)
    after = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    return first, after


def months_between(start, end):
    month = date(start.year, start.month, 1)
    while month <= end:
        yield month
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def _counted(name, value, unknown):
    """A coded column's category; requests sent before the column existed count as unknown."""
    if value == unknown:
        return Q(**{f"{name}__in": [value, ""]})
    return Q(**{name: value})


def _median(histogram):
    """The median of the values counted in histogram ({value: count}): the middle value, or
    the mean of the two middle ones."""
    count = sum(histogram.values())
    if not count:
        return None
    ordered = sorted(histogram.items())

    def nth(position):
        seen = 0
        for value, n in ordered:
            seen += n
            if position < seen:
                return value

    return (nth((count - 1) // 2) + nth(count // 2)) / 2


def _number(value, digits=1):
    return number_format(round(value, digits), decimal_pos=digits if value % 1 else 0)


def build(start, end):
    """Every table of the statistics page, the yearly report and their CSV for the requests
    received from start to end (dates, inclusive). The counting is done by the database: a
    fixed number of queries whatever the number of requests (tests/test_statistics_scale.py)."""
    now = timezone.now()
    first, after = local_bounds(start, end)
    requests = SamradRequest.objects.filter(created_at__gte=first, created_at__lt=after)
    parties = list(Party.objects.all())
    held = Q(meeting__starts_at__lte=now)

    def coded(name, choices, unknown):
        return [(label, _counted(name, value, unknown)) for value, label in choices]

    categories = {
        "mode": [(label, Q(mode=value)) for value, label in Mode.choices],
        "kind": [(label, Q(kind=value)) for value, label in Kind.choices],
        "children": [
            (_("Yes"), Q(children_count__gt=0)),
            (_("No"), Q(children_count=0)),
            (_("Unknown"), Q(children_count__isnull=True)),
        ],
        "concern": coded(
            "concern_reported",
            [*YesNoUnknown.choices, ("", _("No children or not answered"))],
            "",
        ),
        "risk": coded("risk_level", [*RiskLevel.choices, ("", _("Not assessed"))], ""),
        "instrument": coded("risk_instrument", RiskInstrument.choices, RiskInstrument.NONE),
        "gender": coded("gender", Gender.choices, Gender.UNKNOWN),
        "age": coded("age_band", AgeBand.choices, AgeBand.UNKNOWN),
        "interpreter": [
            (_("Yes"), Q(interpreter_needed=True)),
            (_("No"), Q(interpreter_needed=False)),
        ],
        "repeat": [(_("Repeat"), Q(is_repeat=True)), (_("First request"), Q(is_repeat=False))],
    }
    counts = requests.aggregate(
        total=Count("pk"),
        **{
            f"{key}_{index}": Count("pk", filter=condition)
            for key, rows in categories.items()
            for index, (_label, condition) in enumerate(rows)
        },
    )
    rows = {
        key: [(label, counts[f"{key}_{index}"]) for index, (label, _q) in enumerate(entries)]
        for key, entries in categories.items()
    }
    by_month = {
        (row["month"].year, row["month"].month): row["n"]
        for row in requests.annotate(month=TruncMonth("created_at"))
        .values("month")
        .annotate(n=Count("pk"))
        .order_by("month")
    }
    # The forms of violence counted per combination ticked (a few hundred rows at most, as
    # the form stores them in one order): cheaper than nine containment tests per request.
    forms = Counter()
    for ticked, n in requests.values_list("violence_forms").annotate(n=Count("pk")).order_by():
        for form in set(ticked or ()):
            forms[form] += n
    rows["violence"] = [(label, forms[value]) for value, label in ViolenceForm.choices]
    # One query for both party tables: at most (municipalities + 1) x parties groups.
    municipalities, referring = Counter(), Counter()
    for home, party, n in (
        requests.values_list("home_municipality", "referring_party")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        municipalities[home] += n
        referring[party] += n
    # Days from the request to the meeting it was put on (meetings already held), counted
    # per number of days by the database: the buckets and the exact median from at most a
    # few hundred rows, the same on every database.
    waits = {
        waited.days: n
        for waited, n in requests.filter(held)
        .annotate(
            waited=ExpressionWrapper(
                TruncDate("meeting__starts_at") - TruncDate("created_at"),
                output_field=DurationField(),
            )
        )
        .values_list("waited")
        .annotate(n=Count("pk"))
        .order_by()
    }
    waited_count = sum(waits.values())
    median = _median(waits)
    rows["days"] = [
        (
            label,
            sum(n for days, n in waits.items() if low <= days and (high is None or days <= high)),
        )
        for low, high, label in DAY_BUCKETS
    ]

    meetings = (
        Meeting.objects.filter(starts_at__gte=first, starts_at__lt=min(after, now))
        .annotate(on_agenda=Count("requests"))
        .aggregate(
            held=Count("pk"),
            cases=Sum("on_agenda"),
            **{
                f"kind_{value}": Count("pk", filter=Q(kind=value))
                for value, _label in Meeting.MeetingKind.choices
            },
            **{
                f"cases_{low}": Count("pk", filter=Q(on_agenda__gte=low, on_agenda__lte=high))
                for low, high, _label in CASE_BUCKETS
            },
            cases_last=Count("pk", filter=Q(on_agenda__gte=CASE_BUCKETS_LAST[0])),
        )
    )
    today = timezone.localdate()
    dated = Q(due_on__isnull=False, done_at__isnull=False)
    actions = Action.objects.filter(
        request__created_at__gte=first, request__created_at__lt=after
    ).aggregate(
        agreed=Count("pk"),
        on_time=Count("pk", filter=dated & Q(done_at__date__lte=F("due_on"))),
        late=Count("pk", filter=dated & Q(done_at__date__gt=F("due_on"))),
        overdue=Count("pk", filter=Q(done_at__isnull=True, due_on__lt=today)),
        pending=Count("pk", filter=Q(done_at__isnull=True, due_on__gte=today)),
        undated=Count("pk", filter=Q(due_on__isnull=True)),
    )

    total = counts["total"]
    tables = [
        Table(
            "month",
            _("Requests per month"),
            [
                (date_format(month, "F Y"), by_month.get((month.year, month.month), 0))
                for month in months_between(start, end)
            ],
        ),
        Table(
            "municipality",
            _("Home municipality"),
            [
                (party.short_name, municipalities.get(party.pk, 0))
                for party in parties
                if party.kind == Party.Kind.MUNICIPALITY
            ]
            + [(str(OUTSIDE_COUNTY), municipalities.get(None, 0))],
        ),
        Table(
            "party",
            _("Referring party"),
            [(party.short_name, referring.get(party.pk, 0)) for party in parties],
        ),
        Table("mode", _("Mode"), rows["mode"]),
        Table("kind", _("Samråd kind"), rows["kind"]),
        Table("violence", _("Forms of violence"), rows["violence"], "people", adds_up=False),
        Table("children", _("Children in the household"), rows["children"], "people"),
        Table(
            "concern",
            _("Report of concern (orosanmälan) about the children"),
            rows["concern"],
            "people",
        ),
        Table("gender", _("Gender"), rows["gender"], "people"),
        Table("age", _("Age"), rows["age"], "people"),
        Table("interpreter", _("Interpreter needed"), rows["interpreter"], "people"),
        Table(
            "repeat",
            _("Repeat requests (same person within 12 months)"),
            rows["repeat"],
            "people",
        ),
        Table("risk", _("Risk level at the request"), rows["risk"], "people"),
        Table("instrument", _("Risk assessment instrument"), rows["instrument"], "people"),
        Table(
            "meetings",
            _("Samråd meetings held"),
            [(label, meetings[f"kind_{value}"]) for value, label in Meeting.MeetingKind.choices],
            "samrad",
            total=meetings["held"],
        ),
        Table(
            "cases",
            _("Cases on the agenda per meeting held"),
            [(label, meetings[f"cases_{low}"]) for low, _high, label in CASE_BUCKETS]
            + [(CASE_BUCKETS_LAST[1], meetings["cases_last"])],
            "samrad",
            total=meetings["held"],
        ),
        Table(
            "days",
            _("Days from request to samråd"),
            rows["days"],
            "samrad",
            total=waited_count,
        ),
        Table(
            "actions",
            _("Actions agreed at samråd"),
            [
                (_("Done by the follow-up date"), actions["on_time"]),
                (_("Done after the follow-up date"), actions["late"]),
                (_("Not done, follow-up date passed"), actions["overdue"]),
                (_("Not done, follow-up date to come"), actions["pending"]),
                (_("No follow-up date"), actions["undated"]),
            ],
            "actions",
            total=actions["agreed"],
        ),
    ]
    for table in tables:
        table.display_rows = table.display(total)
    shown = {table.key: [text for _label, text, _width in table.display_rows] for table in tables}

    def published(key, *indexes):
        """The counts of these cells, or None when any of them is hidden."""
        texts = [shown[key][index] for index in indexes]
        return None if any(not text.isdigit() for text in texts) else [int(t) for t in texts]

    figures = []
    # A median of one or two waits would be their own number of days.
    figures.append(
        Figure(
            "median_days",
            _("Median number of days from request to samråd"),
            HIDDEN if median is None or waited_count < SUPPRESS_BELOW else _number(median),
            "samrad",
        )
    )
    average = meetings["cases"] / meetings["held"] if meetings["held"] >= SUPPRESS_BELOW else None
    figures.append(
        Figure(
            "cases_per_meeting",
            _("Cases on the agenda per meeting held, on average"),
            HIDDEN if average is None else _number(average),
            "samrad",
        )
    )
    # The share only from counts the table shows: it must not reveal a hidden one.
    followed = published("actions", 0, 1, 2)
    figures.append(
        Figure(
            "actions_on_time",
            _("Share of actions with a follow-up date passed that were done by that date"),
            HIDDEN
            if not followed or not sum(followed)
            else f"{_number(100 * followed[0] / sum(followed), 0)} %",
            "actions",
        )
    )
    return {"total": total, "tables": tables, "figures": figures, "start": start, "end": end}


def sections(report):
    """The report's tables and figures grouped by section, for the yearly report."""
    return [
        {
            "key": key,
            "title": title,
            "tables": [t for t in report["tables"] if t.section == key],
            "figures": [f for f in report["figures"] if f.section == key],
        }
        for key, title in SECTIONS
    ]


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
    for figure in report["figures"]:
        row(_("Key figures"), figure.label, figure.text)
    row(_("Total"), "", shown(report["total"]))
    return output.getvalue()
