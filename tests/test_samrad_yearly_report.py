"""The yearly report to the leadership group Tillsammans mot våld: one year's statistics,
counted by the database, with the statistics page's small-count suppression, printable and
as CSV; only for coordinators; a mistyped year gets a clear message."""

import csv
import io
import re
from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest
from django.utils import timezone

from demo.samrad_year import fill_year
from organisations.models import Party
from samrad.models import Action, AuditEntry, Meeting, SamradRequest, ViolenceForm
from samrad.statistics import DAY_BUCKETS, Period, build, count_year
from staff import roles

from .factories.organisations import party
from .helpers import make_user
from .samrad_helpers import coordinator, professional

pytestmark = pytest.mark.django_db
URL = "/personal/samrad/statistik/arsrapport/"
YEAR = 2025
ZONE = timezone.get_current_timezone()


def local(*args):
    return datetime(*args, tzinfo=ZONE)


def make_request(user, created_at, home="krokom", **fields):
    fields.setdefault("referring_party", party("polisen"))
    return SamradRequest.objects.create(
        created_by=user,
        created_at=created_at,
        home_municipality=party(home) if home else None,
        mode=fields.pop("mode", "deidentified"),
        kind=fields.pop("kind", "planning"),
        urgency="weekly",
        contact_phone="070",
        contact_email="a@example.org",
        **fields,
    )


def csv_rows(response):
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode())))


def shown_rows(content, key):
    """The rows of one table of the page: {label: shown text}."""
    start = content.index(f'id="stat-{key}"')
    table = content[start : content.index("</section>", start)]
    return dict(re.findall(r'<tr><th scope="row">([^<]+)</th><td>([^<]+)</td>', table))


def true_counts(year):
    """The true counts of the year per table (before rounding), and the requests per month."""
    totals, tables = count_year(year)
    got = {table.key: [sum(months) for _label, months in table.rows] for table in tables}
    got["month"] = totals["requests"]
    return got


def test_the_year_is_counted_by_the_database_as_python_counts_it():
    """Every table and key figure against a plain count over the rows, with requests just
    outside the year (local time) left out."""
    user = coordinator()
    fill_year(YEAR, 240, created_by=user, seed=11)
    make_request(user, local(YEAR - 1, 12, 31, 23, 59))
    make_request(user, local(YEAR + 1, 1, 1, 0, 1))
    report = build(Period(YEAR))
    requests = [
        r
        for r in SamradRequest.objects.select_related("meeting")
        if timezone.localtime(r.created_at).year == YEAR
    ]
    assert report["total"] == len(requests) == 240
    got = true_counts(YEAR)

    months = Counter(timezone.localtime(r.created_at).month for r in requests)
    assert got["month"] == [months[m] for m in range(1, 13)]
    forms = Counter(form for r in requests for form in r.violence_forms)
    assert got["violence"] == [forms[value] for value in ViolenceForm.values]
    assert got["repeat"] == [
        sum(r.is_repeat for r in requests),
        sum(not r.is_repeat for r in requests),
    ]
    children = [r.children_count for r in requests]
    assert got["children"] == [
        sum(1 for c in children if c),
        children.count(0),
        children.count(None),
    ]

    now = timezone.now()
    waits = sorted(
        (timezone.localdate(r.meeting.starts_at) - timezone.localdate(r.created_at)).days
        for r in requests
        if r.meeting and r.meeting.starts_at <= now
    )
    assert got["days"] == [
        sum(1 for w in waits if w <= 7),
        sum(1 for w in waits if 8 <= w <= 14),
        sum(1 for w in waits if 15 <= w <= 30),
        sum(1 for w in waits if w >= 31),
    ]
    figures = {figure.key: figure.text for figure in report["figures"]}
    # The median is published as its interval, worked out from the rounded counts.
    assert figures["median_days"] in [label for _low, _high, label in DAY_BUCKETS]

    held = [m for m in Meeting.objects.all() if m.starts_at <= now and m.starts_at.year == YEAR]
    assert sum(got["meetings"]) == len(held)
    on_agenda = [m.requests.count() for m in held]
    assert got["cases"] == [
        on_agenda.count(0),
        sum(1 for n in on_agenda if 1 <= n <= 2),
        sum(1 for n in on_agenda if 3 <= n <= 5),
        sum(1 for n in on_agenda if n >= 6),
    ]

    actions = list(Action.objects.filter(request__in=[r.pk for r in requests]))
    today = timezone.localdate()
    on_time = [
        a for a in actions if a.due_on and a.done_at and timezone.localdate(a.done_at) <= a.due_on
    ]
    late = [
        a for a in actions if a.due_on and a.done_at and timezone.localdate(a.done_at) > a.due_on
    ]
    overdue = [a for a in actions if a.due_on and not a.done_at and a.due_on < today]
    assert got["actions"][:3] == [len(on_time), len(late), len(overdue)]
    assert sum(got["actions"]) == len(actions)
    published = dict(next(t for t in report["tables"] if t.key == "actions").rows)
    on_time_shown = published["Klara senast på uppföljningsdatumet"]
    followed = sum(list(published.values())[:3])
    assert figures["actions_on_time"] == f"{round(100 * on_time_shown / followed)} %"


def test_the_report_prints_with_a_title_page_and_a_section_per_page(client):
    user = coordinator()
    fill_year(YEAR, 60, created_by=user)
    client.force_login(user)
    response = client.get(URL, {"year": str(YEAR)})
    assert response.status_code == 200
    content = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    title = content[content.index('class="report-title"') : content.index('class="report-section"')]
    assert "Tillsammans mot våld" in title and f"Årsrapport {YEAR}" in title
    assert "1 januari 2025 – 31 december 2025" in title
    for heading in [
        "Förfrågningar",
        "Personerna och våldet",
        "Samrådsmötena",
        "Uppföljning av åtgärder",
    ]:
        assert re.search(rf'<h2 id="section-\w+">{heading}</h2>', content), heading
    for title in [
        "Förfrågningar per månad",
        "Hemkommun",
        "Avsändande part",
        "Våldsformer",
        "Upprepade förfrågningar (samma person inom 12 månader)",
        "Hållna samrådsmöten",
        "Ärenden på dagordningen per hållet möte",
        "Median antal dagar från förfrågan till samråd",
        "Andel åtgärder med passerat uppföljningsdatum som var klara senast på datumet",
    ]:
        assert title in content, title
    assert "report-print.css" in content
    # Each figure is printed once: in its table, never again beside a bar.
    assert "chart__value" not in content and "<text" not in content
    # The form and the links are marked to be left out of the print.
    no_print = content[
        content.index('<div class="no-print">') : content.index('<article class="report">')
    ]
    assert "<form" in no_print and "format=csv" in no_print
    assert AuditEntry.objects.filter(event="exported", detail=f"yearly report {YEAR}").exists()


def test_small_counts_show_the_mark_never_the_number(client):
    user = coordinator()
    meeting = Meeting.objects.create(
        kind="acute", starts_at=local(YEAR, 3, 5, 9), place="Rum", created_by=user
    )
    make_request(user, local(YEAR, 3, 1, 10), home="are", meeting=meeting)
    for day in (2, 3):
        make_request(user, local(YEAR, 5, day, 10), home="berg")
    for day in range(6):
        make_request(user, local(YEAR, 4, day + 1, 10), home="krokom")
    client.force_login(user)
    content = client.get(URL, {"year": str(YEAR)}).content.decode()
    rows = shown_rows(content, "municipality")
    # 9 requests: published as 10; Åre 1, Berg 2 and Krokom 6 as multiples of 5 that add up.
    assert rows["Åre kommun"] in {"0", "5"} and rows["Bergs kommun"] in {"0", "5"}
    assert rows["Krokoms kommun"] in {"5", "10"}
    assert sum(int(text) for text in rows.values()) == 10
    months = shown_rows(content, "month")
    assert months["mars 2025"] in {"0", "5"} and months["maj 2025"] in {"0", "5"}
    assert months["april 2025"] in {"5", "10"}
    # One meeting in all: published as 0, the table is withheld.
    assert shown_rows(content, "meetings") == {"Veckosamråd": "..", "Akut samråd": ".."}
    # One wait of 4 days: its median would be that person's own wait.
    assert re.search(
        r"<dt>Median antal dagar från förfrågan till samråd</dt><dd>\.\.</dd>", content
    )

    table = csv_rows(client.get(URL, {"year": str(YEAR), "format": "csv"}))
    cells = {(row[0], row[1]): row[2] for row in table[1:]}
    assert cells[("Hemkommun", "Åre kommun")] in {"0", "5"}
    assert cells[("Hållna samrådsmöten", "Akut samråd")] == ".."
    assert cells[("Nyckeltal", "Median antal dagar från förfrågan till samråd")] == ".."
    for (_title, label), text in cells.items():
        if _title != "Nyckeltal":
            assert text == ".." or int(text) % 5 == 0, (_title, label, text)
    assert table[-1] == ["Totalt", "", "10"]
    assert AuditEntry.objects.filter(detail=f"yearly report {YEAR} (CSV)").exists()


def test_the_csv_is_safe_in_a_spreadsheet(client):
    Party.objects.filter(pk=party("krokom").pk).update(
        short_name='=HYPERLINK("http://x.test","Klicka")'
    )
    Party.objects.filter(pk=party("berg").pk).update(short_name="@SUM(1+1)")
    user = coordinator()
    client.force_login(user)
    table = csv_rows(client.get(URL, {"year": str(YEAR), "format": "csv"}))
    labels = [row[1] for row in table]
    assert '\'=HYPERLINK("http://x.test","Klicka")' in labels and "'@SUM(1+1)" in labels
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in table for cell in row)


@pytest.mark.parametrize(
    "typed", ["1", "99999", "tjugo", "", "  ", "２０２５", "2025.5", "9" * 5000]
)
def test_a_year_out_of_range_gets_a_clear_message(client, typed):
    client.force_login(coordinator())
    last = timezone.localdate().year
    for params in ({"year": typed}, {"year": typed, "format": "csv"}):
        response = client.get(URL, params)
        assert response.status_code == 200
        assert response["Content-Type"].startswith("text/html")
        content = response.content.decode()
        assert 'class="report"' not in content
        message = (
            "Ange vilket år rapporten gäller."
            if not typed.strip()
            else f"Ange ett år från {last - 30} till {last}, till exempel {last - 1}."
        )
        assert message in content
        # What was typed stays in the field.
        if typed.strip():
            assert f'value="{typed}"' in content
    assert not AuditEntry.objects.exists()


def test_without_a_year_the_report_is_for_last_year(client):
    client.force_login(coordinator())
    last_year = timezone.localdate().year - 1
    content = client.get(URL).content.decode()
    assert f'<h1 id="report-title">Årsrapport {last_year}</h1>' in content
    assert client.get(URL, {"year": f" {last_year} "}).status_code == 200


def test_the_current_year_says_it_is_not_over(client):
    client.force_login(coordinator())
    this_year = timezone.localdate().year
    content = client.get(URL, {"year": str(this_year)}).content.decode()
    assert "Året är inte slut" in content


@pytest.mark.parametrize("who", ["anonymous", "professional", "editor", "administrator"])
def test_only_the_coordinator_gets_the_report(client, who):
    make_request(coordinator(), local(YEAR, 5, 5, 10))
    users = {
        "professional": lambda: professional(),
        "editor": lambda: make_user("red@example.org", role=roles.EDITOR),
        "administrator": lambda: make_user("adm@example.org", superuser=True),
    }
    if who != "anonymous":
        client.force_login(users[who]())
    for params in ({"year": str(YEAR)}, {"year": str(YEAR), "format": "csv"}):
        response = client.get(URL, params)
        if who == "anonymous":
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == 403, who
        assert "Årsrapport" not in response.content.decode()
    assert not AuditEntry.objects.filter(event="exported").exists()


def test_every_day_of_the_year_counts_in_local_time():
    user = coordinator()
    make_request(user, local(YEAR, 1, 1, 0, 0))
    make_request(user, local(YEAR, 12, 31, 23, 59))
    make_request(user, local(YEAR, 1, 1, 0, 0) - timedelta(seconds=1))
    make_request(user, datetime.combine(date(YEAR + 1, 1, 1), time(0), tzinfo=ZONE))
    assert build(Period(YEAR))["total"] == 0  # two requests: rounded to 0
    months = true_counts(YEAR)["month"]
    assert sum(months) == 2 and months[0] == 1 and months[11] == 1
