"""The yearly statistics cannot be undone: no hidden count ("<3" or "..") can be worked out
from the other counts of its table and the published total."""

import csv
import io
import random
from collections import defaultdict

import pytest
from django.utils import timezone

from organisations.models import Party
from samrad.models import SamradRequest
from samrad.statistics import build, suppress

from .samrad_helpers import coordinator, professional

pytestmark = pytest.mark.django_db
HIDDEN = {"<3", ".."}
# Tables where every request is counted exactly once, so the rows add up to the total.
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


def possible_values(shown, total):
    """What a reader can tell about each hidden cell: every value it can have in some
    filling of the hidden cells that fits "<3" = 1 or 2, ".." = 0 or 3 and more, and the
    total. Brute force, independent of the code under test."""
    hidden = [i for i, text in enumerate(shown) if text in HIDDEN]
    rest = total - sum(int(text) for text in shown if text not in HIDDEN)
    options = {i: [1, 2] if shown[i] == "<3" else [0, *range(3, rest + 1)] for i in hidden}
    seen = defaultdict(set)

    def fill(k, remaining, chosen):
        if k == len(hidden):
            if remaining == 0:
                for i, value in zip(hidden, chosen, strict=True):
                    seen[i].add(value)
            return
        for value in options[hidden[k]]:
            if value <= remaining:
                fill(k + 1, remaining - value, [*chosen, value])

    fill(0, rest, [])
    return {i: seen[i] for i in hidden}


def assert_nothing_derivable(shown, total, true_counts=None):
    values = possible_values(shown, total)
    for i, possible in values.items():
        assert len(possible) >= 2, (shown, total, i, possible)
        if true_counts is not None:
            assert true_counts[i] in possible


def test_the_issue_example_cannot_be_undone():
    counts = [2, 0, 4]  # children: yes, no, unknown; total 6
    marks = suppress(counts, 6)
    shown = [
        {"primary": "<3", "secondary": ".."}.get(m, str(c))
        for c, m in zip(counts, marks, strict=True)
    ]
    assert shown[0] == "<3" and shown != ["<3", "0", "4"]
    assert_nothing_derivable(shown, 6, counts)


def test_many_random_tables_cannot_be_undone():
    rng = random.Random(13)
    withheld = 0
    for _ in range(400):
        counts = [rng.choice([0, 0, 1, 2, 3, 4, 5, 9]) for _ in range(rng.randint(2, 8))]
        total = sum(counts)
        if total < 3:
            continue
        marks = suppress(counts, total)
        if marks is None:
            withheld += 1
            continue
        shown = [
            {"primary": "<3", "secondary": ".."}.get(m, str(c))
            for c, m in zip(counts, marks, strict=True)
        ]
        # A count of 1 or 2 is never shown, and a shown count is the truth.
        for count, text in zip(counts, shown, strict=True):
            assert text in HIDDEN or (text == str(count) and not 0 < count < 3)
        assert_nothing_derivable(shown, total, counts)
    assert withheld < 40  # whole tables are withheld only where nothing else protects them


def make_requests(n, seed=7):
    rng = random.Random(seed)
    user = professional()
    parties = list(Party.objects.all())
    municipalities = [p for p in parties if p.kind == Party.Kind.MUNICIPALITY]
    for _ in range(n):
        SamradRequest.objects.create(
            created_by=user,
            mode=rng.choice(["consent", "deidentified"]),
            referring_party=rng.choice(parties),
            home_municipality=rng.choice([*municipalities[:3], None]),
            kind=rng.choice(["planning", "consulting", "acute"]),
            urgency="weekly",
            violence_forms=rng.sample(["physical", "psychological", "sexual"], 2),
            children_count=rng.choice([None, 0, 1, 3]),
            concern_reported=rng.choice(["", "yes", "no"]),
            gender=rng.choice(["woman", "woman", "man", "unknown"]),
            age_band=rng.choice(["25-34", "35-44", "45-54", "75+"]),
            interpreter_needed=rng.random() < 0.15,
            risk_level=rng.choice(["", "low", "high", "high"]),
            risk_instrument=rng.choice(["", "freda", "sara_sv", "none"]),
            is_repeat=rng.random() < 0.2,
            contact_phone="070",
            contact_email="a@example.org",
        )


@pytest.mark.parametrize("n,seed", [(7, 1), (11, 2), (16, 3), (23, 4)])
def test_every_row_of_every_table_in_the_csv_and_the_page(client, n, seed):
    make_requests(n, seed)
    client.force_login(coordinator())
    today = timezone.localdate().isoformat()
    period = {"start": today, "end": today}
    body = client.get("/personal/samrad/statistik/", {**period, "format": "csv"})
    rows = list(csv.reader(io.StringIO(body.content.decode())))
    total = int(rows[-1][2])
    assert total == n
    tables = defaultdict(list)
    for title, _label, text in rows[1:-1]:
        if title != "Nyckeltal":  # the median, shares and averages: not counts
            tables[title].append(text)
    # A table where every cell is ".." (no "<3") is withheld as a whole.
    withheld = {title for title, shown in tables.items() if set(shown) == {".."}}
    assert set(tables) >= ADDS_UP, set(tables)
    report = build(timezone.localdate(), timezone.localdate())
    truth = {t.title: [count for _, count in t.rows] for t in report["tables"]}
    for title in ADDS_UP:
        assert sum(truth[title]) == total, title
        if title not in withheld:
            assert_nothing_derivable(tables[title], total, truth[title])
    for title, shown in tables.items():
        if title in withheld:
            continue
        for text, count in zip(shown, truth[title], strict=True):
            assert text in HIDDEN or text == str(count)
            if 0 < count < 3:
                assert text in HIDDEN, (title, shown)
    # Hidden cells have no bar in the chart either.
    for table in report["tables"]:
        for _label, text, width in table.display_rows:
            if text in HIDDEN:
                assert width == 0


def test_a_total_below_three_shows_no_breakdown():
    assert suppress([1, 1, 0], 2) is None


def test_new_fields_join_the_statistics(client):
    make_requests(9)
    report = build(timezone.localdate(), timezone.localdate())
    keys = {table.key for table in report["tables"]}
    assert {"gender", "age", "interpreter", "concern", "risk", "instrument"} <= keys
