"""The samråd statistics cannot be undone by subtraction: across the published periods (a
year, its quarters, its months) and across a total and its breakdowns, no difference
reveals a count of 1 or 2, and one unusual request's profile cannot be read out of them.
The figures are read from the CSV a coordinator downloads, as an attacker would."""

import csv
import io
from collections import defaultdict
from datetime import date, datetime
from itertools import combinations

import pytest
from django.utils import timezone
from django.utils.formats import date_format

from samrad.models import SamradRequest
from samrad.statistics import BASE, Period, build, controlled_round, periods, round_year

from .factories.organisations import party
from .samrad_helpers import coordinator, professional

pytestmark = pytest.mark.django_db
URL = "/personal/samrad/statistik/"
YEAR = 2025
ZONE = timezone.get_current_timezone()
# The tables that count every request of the period once: their rows add up to the total.
ADDS_UP = {
    "Förfrågningar per månad",
    "Hemkommun",
    "Avsändande part",
    "Form",
    "Typ av samråd",
    "Barn i hushållet",
    "Orosanmälan om barnen",
    "Kön",
    "Ålder",
    "Tolk behövs",
    "Risknivå vid förfrågan",
    "Riskbedömningsinstrument",
    "Upprepade förfrågningar (samma person inom 12 månader)",
}
ORDINARY = {
    "home": "ostersund",
    "party": "polisen",
    "mode": "consent",
    "kind": "planning",
    "gender": "woman",
    "age_band": "35-44",
    "interpreter_needed": False,
    "risk_level": "moderate",
    "risk_instrument": "freda",
    "children_count": 0,
    "violence_forms": ["psychological"],
}
UNUSUAL = {
    "home": "berg",
    "party": "region",
    "mode": "deidentified",
    "kind": "acute",
    "gender": "man",
    "age_band": "75+",
    "interpreter_needed": True,
    "risk_level": "acute",
    "risk_instrument": "patriark",
    "children_count": 3,
    "concern_reported": "yes",
    "violence_forms": ["honour", "physical"],
    "is_repeat": True,
}


def make_request(user, month, day, **attributes):
    fields = {**ORDINARY, **attributes}
    home, referring = fields.pop("home"), fields.pop("party")
    return SamradRequest.objects.create(
        created_by=user,
        created_at=datetime(YEAR, month, day, 10, tzinfo=ZONE),
        home_municipality=party(home),
        referring_party=party(referring),
        urgency="weekly",
        contact_phone="070",
        contact_email="a@example.org",
        **fields,
    )


def a_year_with_one_unusual_request():
    """Four ordinary requests a month; in September three requests just like the unusual
    one (so that the year's counts of its attributes are 4, not "<3"); and in March the one
    unusual request. Returns the true count of every (table, label) per month."""
    user = professional()
    for month in range(1, 13):
        for day in range(1, 5):
            make_request(user, month, day)
    for day in (10, 11, 12):
        make_request(user, 9, day, **UNUSUAL)
    make_request(user, 3, 15, **UNUSUAL)
    _totals, counted = round_year(YEAR)
    truth = defaultdict(lambda: [0] * 12)
    for table in counted:
        for label, months in table.rows:
            truth[(table.title, label)] = months
    truth[("Totalt", "")] = [
        SamradRequest.objects.filter(created_at__month=m).count() for m in range(1, 13)
    ]
    for m in range(1, 13):
        label = date_format(date(YEAR, m, 1), "F Y")
        truth[("Förfrågningar per månad", label)] = [
            n if i == m - 1 else 0 for i, n in enumerate(truth[("Totalt", "")])
        ]
    return truth


def published(client, period):
    """The CSV of one period as {(table, label): count}, None for a hidden cell."""
    response = client.get(URL, {"year": str(period.year), "period": period.choice, "format": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    cells = {}
    for title, label, text in list(csv.reader(io.StringIO(response.content.decode())))[1:]:
        if title != "Nyckeltal":
            cells[(title, label)] = int(text) if text.isdigit() else None
    return cells


def true_count(truth, key, months):
    return sum(truth[key][m - 1] for m in months)


def derivations(shown):
    """Every figure a reader gets by subtraction, as (what it is about, months, value).

    - a cell of a period as published;
    - the period's total minus the other cells of a table that adds up (a cell of the
      total, one table against another);
    - a period minus a period within it (every pair of nested periods);
    - a period minus all its other parts (year minus the other quarters or months, quarter
      minus its other months)."""
    for period, cells in shown.items():
        for key, value in cells.items():
            if value is not None:
                yield key, period.months, value
        total = cells.get(("Totalt", ""))
        by_table = defaultdict(dict)
        for (title, label), value in cells.items():
            by_table[title][label] = value
        for title, row in by_table.items():
            if title not in ADDS_UP or total is None:
                continue
            for label in row:
                others = [value for other, value in row.items() if other != label]
                if None not in others:
                    yield (title, label), period.months, total - sum(others)
    for outer, inner in combinations(shown, 2):
        if not set(inner.months) < set(outer.months):
            outer, inner = inner, outer
        if not set(inner.months) < set(outer.months):
            continue
        rest = [m for m in outer.months if m not in inner.months]
        for key, value in shown[outer].items():
            if value is not None and shown[inner].get(key) is not None:
                yield key, rest, value - shown[inner][key]
        # The outer period minus all its other parts of the same kind leaves the inner one.
        siblings = [
            p
            for p in shown
            if p != inner
            and set(p.months) < set(outer.months)
            and len(p.months) == len(inner.months)
            and not set(p.months) & set(inner.months)
        ]
        if sum(len(p.months) for p in siblings) + len(inner.months) == len(outer.months):
            for key, value in shown[outer].items():
                parts = [shown[p].get(key) for p in siblings]
                if value is not None and None not in parts:
                    yield key, inner.months, value - sum(parts)


def test_no_difference_of_published_figures_reveals_a_small_count(client):
    truth = a_year_with_one_unusual_request()
    client.force_login(coordinator())
    shown = {period: published(client, period) for period in periods(YEAR)}
    revealed = []
    for key, months, value in derivations(shown):
        actual = true_count(truth, key, months)
        if actual in (1, 2) and value == actual:
            revealed.append((key, list(months), value))
    assert not revealed, revealed[:20]
    # In particular nothing says that March holds exactly one request with the unusual
    # request's attributes (a man of 75 or more from Berg who needed an interpreter).
    march = [
        key
        for key, months, value in derivations(shown)
        if list(months) == [3] and value == 1 and truth[key][2] == 1
    ]
    assert not march, march


def test_the_published_figures_are_a_possible_truth(client):
    """The premise of the proof in samrad/statistics.py: every published count is a
    multiple of 5 within 4 of the truth, the months add up to their quarter and year, and
    every table that counts each request once adds up to the period's total."""
    truth = a_year_with_one_unusual_request()
    client.force_login(coordinator())
    shown = {period: published(client, period) for period in periods(YEAR)}
    year = shown[Period(YEAR)]
    assert year[("Totalt", "")] == 50 and true_count(truth, ("Totalt", ""), range(1, 13)) == 52
    for period, cells in shown.items():
        for key, value in cells.items():
            if value is None:
                continue
            assert value % BASE == 0, (period, key, value)
            assert abs(value - true_count(truth, key, period.months)) < BASE, (period, key)
            if period.month is None:
                parts = [p for p in periods(YEAR) if p.month and p.month in period.months]
                if all(shown[p].get(key) is not None for p in parts):
                    assert value == sum(shown[p][key] for p in parts), (period, key)
        for title in ADDS_UP:
            row = [value for (t, _label), value in cells.items() if t == title]
            if row and None not in row:
                assert sum(row) == cells[("Totalt", "")], (period, title)


def test_a_month_with_few_requests_shows_no_breakdown(client):
    a_year_with_one_unusual_request()
    client.force_login(coordinator())
    rows = list(
        csv.reader(
            io.StringIO(
                client.get(
                    URL, {"year": str(YEAR), "period": "m3", "format": "csv"}
                ).content.decode()
            )
        )
    )
    cells = {(title, label): text for title, label, text in rows[1:]}
    assert cells[("Totalt", "")] == "5"
    assert cells[("Kön", "Man")] == cells[("Ålder", "75 eller äldre")] == ".."
    assert cells[("Hemkommun", "Bergs kommun")] == ".."


def test_controlled_rounding_keeps_every_level_within_the_base():
    cells = {"a": [1, 2, 0, 4, 1, 1, 3, 0, 0, 2, 2, 1], "b": [4, 0, 6, 1, 1, 0, 0, 2, 9, 3, 0, 1]}
    totals_true = [a + b for a, b in zip(cells["a"], cells["b"], strict=True)]
    from samrad.statistics import QUARTERS, round_tree

    totals = round_tree(totals_true)
    rounded = controlled_round(cells, totals)
    assert rounded is not None
    for c, months in cells.items():
        for m in range(12):
            assert rounded[c][m] % BASE == 0 and abs(rounded[c][m] - months[m]) < BASE
        for q in QUARTERS.values():
            assert abs(sum(rounded[c][m - 1] for m in q) - sum(months[m - 1] for m in q)) < BASE
        assert abs(sum(rounded[c]) - sum(months)) < BASE
    for m in range(12):
        assert rounded["a"][m] + rounded["b"][m] == totals[m]
    assert abs(sum(totals) - sum(totals_true)) < BASE


@pytest.mark.parametrize(
    "params",
    [
        {"year": "tjugo"},
        {"year": "2025", "period": "q5"},
        {"year": "2025", "period": "m13"},
        {"year": "2025", "period": "m0"},
        {"year": "2025", "period": "x"},
        {"year": "99999", "period": "q1"},
        {"year": "", "period": "m3"},
        {"start": "2025-03-02", "end": "2025-03-03"},
        {"year": "9" * 5000},
    ],
)
def test_a_bad_period_gets_a_clear_swedish_message(client, params):
    client.force_login(coordinator())
    for extra in ({}, {"format": "csv"}):
        response = client.get(URL, {**params, **extra})
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        content = response.content.decode()
        assert 'class="errorlist' in content
        assert any(
            message in content
            for message in [
                "Välj hela året, ett kvartal eller en månad i listan.",
                "Ange ett år från",
                "Ange vilket år statistiken gäller.",
            ]
        ), content[:2000]


def test_the_page_offers_only_fixed_periods(client):
    client.force_login(coordinator())
    content = client.get(URL).content.decode()
    assert 'type="date"' not in content
    assert '<option value="q2">Kvartal 2</option>' in content
    assert '<option value="m3">mars</option>' in content
    assert "multipel av 5" in content
    this_year = timezone.localdate().year
    content = client.get(URL, {"year": str(this_year), "period": "q1"}).content.decode()
    assert f"kvartal 1 {this_year}" in content.lower()


def test_new_fields_join_the_statistics():
    keys = {table.key for table in build(Period(YEAR))["tables"]}
    assert {"gender", "age", "interpreter", "concern", "risk", "instrument"} <= keys
