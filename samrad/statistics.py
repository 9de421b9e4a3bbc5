"""Follow-up statistics for the statistics page, the yearly report and their CSV.

Statistics are published for fixed periods only: a whole year, a quarter or a calendar
month (never a free date window: two windows a day apart would differ by one request).

The rule (controlled rounding to a base of 5):

1. Every published count is a multiple of 5: the true count rounded down or up to a
   neighbouring multiple (a count that is already a multiple of 5, 0 included, is exact).
   So a published count differs from the true one by at most 4.
2. The rounding is done once for the whole year, month by month, and every quarter and the
   year are the sums of their months; within every month every table adds up to the
   month's total (a table that does not count every request, like the forms of violence or
   the days to a samråd, adds up with a category that is not published). At the same time
   each quarter and the year stay within 4 of their true counts (a flow problem:
   `controlled_round`). Where that has no solution the table is withheld as "..".
3. A table is shown for a period only when the period's published total is at least
   MIN_TOTAL; otherwise it is withheld as "..". Key figures come from the published counts.

Why no difference reveals a count of 1 or 2: every relation a reader can use between the
published figures (a year is its quarters, a quarter its months, a total its categories)
holds for the published figures themselves. So the published figures are themselves a
possible truth: a set of requests exists whose true counts are exactly what is published,
and the rule applied to it publishes the very same figures (multiples of 5 stay exact).
Whatever a reader works out from the published figures (any sum, difference or
combination, over any periods and tables) holds for that possible truth too, where every
count is a multiple of 5. A count of 1 or 2 can therefore never be worked out: the reader
cannot tell it from the published multiple of 5. tests/test_samrad_statistics.py checks
this by differencing every pair of periods and tables.

What the rule does not cover: the relation between different tables' categories (a report
of concern needs children); figures downloaded on different days while the data change (a
request added in December may move March's rounding); and a table withheld because no
rounding adds up, which says that much about its counts (14 of 5,000 random tables of
small counts, none in the demo years). Only coordinators see the page.
"""

import csv
import io
from collections import Counter, defaultdict, deque
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import (
    Case,
    Count,
    DurationField,
    ExpressionWrapper,
    F,
    IntegerField,
    Q,
    Value,
    When,
)
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from organisations.models import Party

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
from .scope import county_parties

BASE = 5
MIN_TOTAL = 2 * BASE
HIDDEN = ".."
MONTHS = range(1, 13)
QUARTERS = {quarter: range(3 * quarter - 2, 3 * quarter + 1) for quarter in range(1, 5)}
DAY_BUCKETS = [(0, 7, "0–7"), (8, 14, "8–14"), (15, 30, "15–30"), (31, None, "31+")]


@dataclass(frozen=True)
class Period:
    """A year, one of its quarters or one of its months: the only periods published."""

    year: int
    quarter: int | None = None
    month: int | None = None

    @property
    def months(self):
        if self.month:
            return range(self.month, self.month + 1)
        return QUARTERS[self.quarter] if self.quarter else MONTHS

    @property
    def start(self):
        return date(self.year, self.months[0], 1)

    @property
    def end(self):
        last = self.months[-1]
        return date(self.year + last // 12, last % 12 + 1, 1) - timedelta(days=1)

    @property
    def choice(self):
        """The period as the statistics form's choice: "", "q1" or "m3"."""
        if self.month:
            return f"m{self.month}"
        return f"q{self.quarter}" if self.quarter else ""

    @property
    def slug(self):
        if self.month:
            return f"{self.year}-{self.month:02d}"
        return f"{self.year}-K{self.quarter}" if self.quarter else str(self.year)

    def __str__(self):
        if self.month:
            return date_format(self.start, "F Y")
        if self.quarter:
            return _("Quarter %(quarter)s %(year)s") % {"quarter": self.quarter, "year": self.year}
        return str(self.year)


def periods(year):
    """Every period published for a year: the year, its quarters and its months."""
    return [
        Period(year),
        *(Period(year, quarter=q) for q in QUARTERS),
        *(Period(year, month=m) for m in MONTHS),
    ]


# Controlled rounding ------------------------------------------------------------------


def _bounds(count):
    """The neighbouring multiples of BASE, in units of BASE."""
    low = count // BASE
    return low, low + (1 if count % BASE else 0)


def round_tree(counts):
    """The request totals per month (12 counts) rounded so that every month, quarter and
    the year is within BASE - 1 of its true count, and adds up: the year to the nearest
    multiple, then each level by largest remainders within its parent."""

    def share(parts, units):
        rounded = [count // BASE for count in parts]
        order = sorted(range(len(parts)), key=lambda i: (-(parts[i] % BASE), i))
        for i in order[: units - sum(rounded)]:
            rounded[i] += 1
        return rounded

    year = sum(counts)
    quarters = share(
        [sum(counts[m - 1] for m in QUARTERS[q]) for q in QUARTERS], round(year / BASE + 1e-9)
    )
    months = []
    for q, units in zip(QUARTERS, quarters, strict=True):
        months += share([counts[m - 1] for m in QUARTERS[q]], units)
    return [BASE * units for units in months]


class _Flow:
    """A maximum flow (shortest augmenting paths) on a graph of a few hundred edges."""

    def __init__(self):
        self.edges = []  # [to, capacity left, index of the reverse edge]
        self.out = defaultdict(list)

    def add(self, u, v, capacity):
        self.out[u].append(len(self.edges))
        self.edges.append([v, capacity, len(self.edges) + 1])
        self.out[v].append(len(self.edges))
        self.edges.append([u, 0, len(self.edges) - 1])
        return len(self.edges) - 2

    def run(self, source, sink):
        total = 0
        while True:
            came = {source: None}
            queue = deque([source])
            while queue and sink not in came:
                u = queue.popleft()
                for e in self.out[u]:
                    v, left, _reverse = self.edges[e]
                    if left and v not in came:
                        came[v] = e
                        queue.append(v)
            if sink not in came:
                return total
            path, v = [], sink
            while came[v] is not None:
                path.append(came[v])
                v = self.edges[self.edges[came[v]][2]][0]
            push = min(self.edges[e][1] for e in path)
            for e in path:
                self.edges[e][1] -= push
                self.edges[self.edges[e][2]][1] += push
            total += push


def controlled_round(cells, totals):
    """cells: {category: 12 month counts}, adding up to the true month totals; totals: the
    rounded month totals (multiples of BASE). Returns {category: 12 rounded counts} where
    every month of a category, its quarters and its year are within BASE - 1 of the true
    count and every month adds up to its rounded total; or None when there is none.

    A circulation with lower bounds: source -> category year -> category quarter -> month
    -> sink, each edge between the floor and the ceiling (in units of BASE) of its count,
    the month -> sink edges fixed to the rounded totals."""
    flow = _Flow()
    excess = Counter()
    lows = {}

    def edge(key, u, v, low, high):
        lows[key] = (flow.add(u, v, high - low), low)
        excess[v] += low
        excess[u] -= low

    for c, months in cells.items():
        edge(("year", c), "s", ("year", c), *_bounds(sum(months)))
        for q, in_quarter in QUARTERS.items():
            edge(
                ("quarter", c, q),
                ("year", c),
                ("q", c, q),
                *_bounds(sum(months[m - 1] for m in in_quarter)),
            )
            for m in in_quarter:
                edge(("month", c, m), ("q", c, q), ("m", m), *_bounds(months[m - 1]))
    for m in MONTHS:
        units = totals[m - 1] // BASE
        edge(("total", m), ("m", m), "t", units, units)
    flow.add("t", "s", 10**9)
    needed = 0
    for node, amount in excess.items():
        if amount > 0:
            flow.add("S*", node, amount)
            needed += amount
        elif amount < 0:
            flow.add(node, "T*", -amount)
    if flow.run("S*", "T*") < needed:
        return None

    def value(key):
        index, low = lows[key]
        return BASE * (low + flow.edges[flow.edges[index][2]][1])

    return {c: [value(("month", c, m)) for m in MONTHS] for c in cells}


# Counting -----------------------------------------------------------------------------


@dataclass
class Counted:
    """One table's true counts per month of a year: rows of (label, 12 counts). A partition
    counts every item of its family once (with what is left over as an unpublished
    category); otherwise each row is rounded on its own against the family's totals."""

    key: str
    title: str
    rows: list
    section: str = "requests"
    family: str = "requests"
    partition: bool = True


def local_bounds(start, end):
    """The period's first and last day as [start of the first, start of the day after the last):
    compared with created_at as it is, so that its index is used."""
    zone = timezone.get_current_timezone()
    first = datetime.combine(start, time.min, tzinfo=zone)
    after = datetime.combine(end + timedelta(days=1), time.min, tzinfo=zone)
    return first, after


def _counted(name, value, unknown):
    """A coded column's category; requests sent before the column existed count as unknown."""
    if value == unknown:
        return Q(**{f"{name}__in": [value, ""]})
    return Q(**{name: value})


def _month_of(name, year):
    """The local month (1-12) of a datetime column within the year, as plain comparisons
    with the months' first moments: no date function per row (SQLite runs those in Python)."""
    zone = timezone.get_current_timezone()
    return Case(
        *(
            When(
                **{f"{name}__lt": datetime(year + m // 12, m % 12 + 1, 1, tzinfo=zone)},
                then=Value(m),
            )
            for m in MONTHS
        ),
        output_field=IntegerField(),
    )


def count_year(year):
    """Every table's true counts per month of the year, and each family's totals. The
    counting is done by the database: a fixed number of queries whatever the number of
    requests (tests/test_statistics_scale.py)."""
    now = timezone.now()
    first, after = local_bounds(date(year, 1, 1), date(year, 12, 31))
    samrad_requests = SamradRequest.objects.filter(created_at__gte=first, created_at__lt=after)
    parties = list(county_parties())

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
    per_month = {
        row.pop("month"): row
        for row in samrad_requests.annotate(month=_month_of("created_at", year))
        .values("month")
        .annotate(
            total=Count("pk"),
            **{
                f"{key}_{index}": Count("pk", filter=condition)
                for key, entries in categories.items()
                for index, (_label, condition) in enumerate(entries)
            },
        )
        .order_by("month")
    }

    def months_of(name):
        return [per_month.get(m, {}).get(name, 0) for m in MONTHS]

    rows = {
        key: [(label, months_of(f"{key}_{index}")) for index, (label, _q) in enumerate(entries)]
        for key, entries in categories.items()
    }
    # The forms of violence per combination ticked and month (a few hundred rows at most).
    forms = defaultdict(Counter)
    for month, ticked, n in (
        samrad_requests.annotate(month=_month_of("created_at", year))
        .values_list("month", "violence_forms")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        for form in set(ticked or ()):
            forms[form][month] += n
    rows["violence"] = [
        (label, [forms[value][m] for m in MONTHS]) for value, label in ViolenceForm.choices
    ]
    # One query for both party tables: at most months x (municipalities + 1) x parties groups.
    municipalities, referring = defaultdict(Counter), defaultdict(Counter)
    for month, home, party, n in (
        samrad_requests.annotate(month=_month_of("created_at", year))
        .values_list("month", "home_municipality", "referring_party")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        municipalities[home][month] += n
        referring[party][month] += n
    # Days from the request to the meeting it was put on (meetings already held), per month
    # and number of days.
    waits = defaultdict(Counter)
    for month, waited, n in (
        samrad_requests.filter(meeting__starts_at__lte=now)
        .annotate(
            month=_month_of("created_at", year),
            waited=ExpressionWrapper(
                TruncDate("meeting__starts_at") - TruncDate("created_at"),
                output_field=DurationField(),
            ),
        )
        .values_list("month", "waited")
        .annotate(n=Count("pk"))
        .order_by()
    ):
        for low, high, label in DAY_BUCKETS:
            if low <= waited.days and (high is None or waited.days <= high):
                waits[label][month] += n

    # One row per meeting held (a few hundred a year at most), with its number of cases.
    meetings = defaultdict(Counter)
    for starts_at, kind, on_agenda in (
        Meeting.objects.filter(starts_at__gte=first, starts_at__lt=min(after, now))
        .annotate(on_agenda=Count("requests"))
        .values_list("starts_at", "kind", "on_agenda")
    ):
        row = meetings[timezone.localtime(starts_at).month]
        row["held"] += 1
        row[f"kind_{kind}"] += 1
        bucket = next(
            (f"cases_{low}" for low, high, _label in CASE_BUCKETS if low <= on_agenda <= high),
            "cases_last",
        )
        row[bucket] += 1
    today = timezone.localdate()
    dated = Q(due_on__isnull=False, done_at__isnull=False)
    actions = {
        row.pop("month"): row
        for row in Action.objects.filter(
            request__created_at__gte=first, request__created_at__lt=after
        )
        .annotate(month=_month_of("request__created_at", year))
        .values("month")
        .annotate(
            agreed=Count("pk"),
            on_time=Count("pk", filter=dated & Q(done_at__date__lte=F("due_on"))),
            late=Count("pk", filter=dated & Q(done_at__date__gt=F("due_on"))),
            overdue=Count("pk", filter=Q(done_at__isnull=True, due_on__lt=today)),
            pending=Count("pk", filter=Q(done_at__isnull=True, due_on__gte=today)),
            undated=Count("pk", filter=Q(due_on__isnull=True)),
        )
        .order_by("month")
    }

    def of(source, name):
        return [source.get(m, {}).get(name, 0) for m in MONTHS]

    totals = {
        "requests": months_of("total"),
        "meetings": of(meetings, "held"),
        "actions": of(actions, "agreed"),
    }
    tables = [
        Counted(
            "municipality",
            _("Home municipality"),
            [
                (party.short_name, [municipalities[party.pk][m] for m in MONTHS])
                for party in parties
                if party.kind == Party.Kind.MUNICIPALITY
            ]
            + [(str(OUTSIDE_COUNTY), [municipalities[None][m] for m in MONTHS])],
        ),
        Counted(
            "party",
            _("Referring party"),
            [(party.short_name, [referring[party.pk][m] for m in MONTHS]) for party in parties],
        ),
        Counted("mode", _("Mode"), rows["mode"]),
        Counted("kind", _("Samråd kind"), rows["kind"]),
        Counted("violence", _("Forms of violence"), rows["violence"], "people", partition=False),
        Counted("children", _("Children in the household"), rows["children"], "people"),
        Counted(
            "concern",
            _("Report of concern (orosanmälan) about the children"),
            rows["concern"],
            "people",
        ),
        Counted("gender", _("Gender"), rows["gender"], "people"),
        Counted("age", _("Age"), rows["age"], "people"),
        Counted("interpreter", _("Interpreter needed"), rows["interpreter"], "people"),
        Counted(
            "repeat",
            _("Repeat requests (same person within 12 months)"),
            rows["repeat"],
            "people",
        ),
        Counted("risk", _("Risk level at the request"), rows["risk"], "people"),
        Counted("instrument", _("Risk assessment instrument"), rows["instrument"], "people"),
        Counted(
            "meetings",
            _("Samråd meetings held"),
            [
                (label, of(meetings, f"kind_{value}"))
                for value, label in Meeting.MeetingKind.choices
            ],
            "samrad",
            "meetings",
        ),
        Counted(
            "cases",
            _("Cases on the agenda per meeting held"),
            [(label, of(meetings, f"cases_{low}")) for low, _high, label in CASE_BUCKETS]
            + [(CASE_BUCKETS_LAST[1], of(meetings, "cases_last"))],
            "samrad",
            "meetings",
        ),
        # The requests not (yet) on a meeting held are the unpublished rest.
        Counted(
            "days",
            _("Days from request to samråd"),
            [(label, [waits[label][m] for m in MONTHS]) for _low, _high, label in DAY_BUCKETS],
            "samrad",
        ),
        Counted(
            "actions",
            _("Actions agreed at samråd"),
            [
                (_("Done by the follow-up date"), of(actions, "on_time")),
                (_("Done after the follow-up date"), of(actions, "late")),
                (_("Not done, follow-up date passed"), of(actions, "overdue")),
                (_("Not done, follow-up date to come"), of(actions, "pending")),
                (_("No follow-up date"), of(actions, "undated")),
            ],
            "actions",
            "actions",
        ),
    ]
    return totals, tables


def round_year(year):
    """The published counts of the year, per month: (totals per family, tables with their
    rows rounded, or None where withheld). See the module docstring."""
    totals, tables = count_year(year)
    rounded_totals = {family: round_tree(counts) for family, counts in totals.items()}
    for table in tables:
        true_totals = totals[table.family]
        # Not a partition: each row with its complement (a form of violence ticked or not).
        parts = [table.rows] if table.partition else [[row] for row in table.rows]
        rounded = []
        for rows in parts:
            cells = {i: counts for i, (_label, counts) in enumerate(rows)}
            cells["rest"] = [
                true_totals[m - 1] - sum(counts[m - 1] for _label, counts in rows) for m in MONTHS
            ]
            result = controlled_round(cells, rounded_totals[table.family])
            if result is None:
                rounded = None
                break
            rounded += [(label, result[i]) for i, (label, _counts) in enumerate(rows)]
        table.rounded = rounded
    return rounded_totals, tables


# Publishing ---------------------------------------------------------------------------


@dataclass
class Table:
    key: str
    title: str
    rows: list  # (label, published count), or (label, None) when withheld
    section: str = "requests"
    display_rows: list = field(default_factory=list)  # (label, text, bar width in per cent)

    @property
    def withheld(self):
        return any(count is None for _label, count in self.rows)

    def display(self):
        largest = max((count or 0 for _label, count in self.rows), default=0) or 1
        return [
            (label, HIDDEN, 0)
            if count is None
            else (label, str(count), round(100 * count / largest))
            for label, count in self.rows
        ]


@dataclass
class Figure:
    """One key figure (a median, a share) with the table it is read beside."""

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


def build(period, rounded=None):
    """Every table of the statistics page, the yearly report and their CSV for one period,
    from the year's published (rounded) counts; rounded: round_year's result, to publish
    several periods of one year without counting again."""
    totals, counted = rounded or round_year(period.year)

    def over(months):
        return sum(months[m - 1] for m in period.months)

    family_totals = {family: over(months) for family, months in totals.items()}
    tables = [
        Table(
            "month",
            _("Requests per month"),
            [
                (date_format(date(period.year, m, 1), "F Y"), totals["requests"][m - 1])
                for m in period.months
            ],
        )
    ]
    for table in counted:
        shown = table.rounded is not None and family_totals[table.family] >= MIN_TOTAL
        tables.append(
            Table(
                table.key,
                table.title,
                [
                    (label, over(months) if shown else None)
                    for label, months in (table.rounded if shown else table.rows)
                ],
                table.section,
            )
        )
    for table in tables:
        table.display_rows = table.display()
    published = {table.key: [count for _label, count in table.rows] for table in tables}

    figures = []
    # The median wait as the interval it falls in, worked out from the published counts.
    days = published["days"]
    median = None
    if None not in days and sum(days) >= MIN_TOTAL:
        seen = 0
        for (_low, _high, label), count in zip(DAY_BUCKETS, days, strict=True):
            seen += count
            if 2 * seen >= sum(days):
                median = label
                break
    figures.append(
        Figure(
            "median_days",
            _("Median number of days from request to samråd"),
            median or HIDDEN,
            "samrad",
        )
    )
    actions = published["actions"]
    followed = None if None in actions else actions[:3]
    figures.append(
        Figure(
            "actions_on_time",
            _("Share of actions with a follow-up date passed that were done by that date"),
            HIDDEN
            if not followed or sum(followed) < MIN_TOTAL
            else f"{number_format(round(100 * followed[0] / sum(followed)))} %",
            "actions",
        )
    )
    return {
        "total": family_totals["requests"],
        "tables": tables,
        "figures": figures,
        "period": period,
        "start": period.start,
        "end": period.end,
    }


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
    row(_("Total"), "", report["total"])
    return output.getvalue()
