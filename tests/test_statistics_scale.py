"""Statistics at scale: the page, the yearly report and their CSV cost the same queries, of
the same size, for a year with a few requests as for one with many (the counting is done
by the database, never over a list of every request), and the page stays the same size.
scripts/benchmark.py times a year with 10,000 requests."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.samrad_year import fill_year

from .samrad_helpers import coordinator

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]
YEAR = 2025
COUNTED = ("samrad_samradrequest", "samrad_meeting", "samrad_action", "guidance_party")
# The parties, the request counts per month, the forms of violence per combination and month,
# the party pairs per month, the days waited per month and number of days, the meetings held
# and the actions per month (always for the whole year: the rounding is done for the year).
STATISTICS_QUERIES = 7
URLS = [
    ("/personal/samrad/statistik/", {"year": str(YEAR)}),
    ("/personal/samrad/statistik/", {"year": str(YEAR), "period": "q2", "format": "csv"}),
    ("/personal/samrad/statistik/", {"year": str(YEAR), "period": "m3"}),
    ("/personal/samrad/statistik/arsrapport/", {"year": str(YEAR)}),
    ("/personal/samrad/statistik/arsrapport/", {"year": str(YEAR), "format": "csv"}),
]


def measure(client):
    """Per URL: the number of queries, their total SQL length, the table rows shown (the CSV's
    lines) and the queries that read what is counted."""
    result = {}
    for url, params in URLS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, params)
        assert response.status_code == 200
        body = response.content.decode()
        rows = len(re.findall(r"<tr>", body)) if "csv" not in params.get("format", "") else None
        lines = body.count("\n") if rows is None else None
        result[(url, params.get("format"))] = (
            len(queries),
            sum(len(q["sql"]) for q in queries.captured_queries),
            rows or lines,
            sum(any(table in q["sql"] for table in COUNTED) for q in queries.captured_queries),
        )
    return result


@pytest.mark.slow
def test_a_fixed_number_of_queries_whatever_the_number_of_requests(client):
    user = coordinator()
    client.force_login(user)
    fill_year(YEAR, 30, created_by=user, seed=1)
    client.get(*URLS[0])  # warm the per-process caches (site, settings)
    few = measure(client)
    fill_year(YEAR, 600, created_by=user, seed=2)
    many = measure(client)
    for key, measured in few.items():
        # Same queries (the SQL does not list the requests), same number of rows and lines.
        assert many[key] == measured, (key, measured, many[key])
        # Each page also reads the coordinator's party once: its county scopes the data
        # (samrad.scope) and titles the yearly report.
        assert measured[3] == STATISTICS_QUERIES + 1, (key, measured)
