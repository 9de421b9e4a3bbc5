"""The inbox and the coordinators' week at scale: 50 rows a page, page links that keep
the filters, and the same number of queries whatever the number of requests."""

import re
import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from samrad.models import Action, SamradRequest, Status

from .factories.organisations import party
from .helpers import parse
from .samrad_helpers import coordinator, professional

pytestmark = pytest.mark.django_db

INBOX = "/personal/samrad/inkorg/"
WEEK = "/personal/samrad/min-vecka/"
URLS = [
    INBOX,
    INBOX + "?status=received&kind=planning&sida=2",
    WEEK,
    WEEK + "?nya=2&uppfoljningar=2&atgarder=2",
]


def add_requests(count, author):
    """`count` new requests, `count` follow-ups due and `count` open actions due today,
    written in a few statements (bulk_create) so that 10,000 take seconds."""
    now, today = timezone.now(), timezone.localdate()
    krokom = party("krokom")
    police = party("polisen")

    def one(number, age=timedelta(0), **fields):
        return SamradRequest(
            created_by=author,
            created_at=now - age - timedelta(seconds=number),
            mode="deidentified",
            referring_party=author.party,
            home_municipality=krokom,
            kind="planning",
            urgency="weekly",
            contact_phone="070-123 45 67",
            contact_email=author.email,
            **fields,
        )

    new = [one(n, status=Status.RECEIVED) for n in range(count)]
    follow_ups = [
        one(n, timedelta(days=30), status=Status.FOLLOW_UP, follow_up_on=today)
        for n in range(count)
    ]
    SamradRequest.objects.bulk_create(new + follow_ups, batch_size=2000)
    Action.objects.bulk_create(
        [Action(request=samrad_request, party=police, due_on=today) for samrad_request in new],
        batch_size=2000,
    )


def counts(client):
    for url in URLS:  # warm the caches that do not depend on requests (site, locale, menu)
        client.get(url)
    result = {}
    for url in URLS:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url)
        assert response.status_code == 200, url
        # allauth records the session's activity at most once a minute (USERSESSIONS_TRACK_
        # ACTIVITY): those queries depend on the clock, not on the number of requests.
        result[url] = len([q for q in queries if "usersessions_usersession" not in q["sql"]])
    return result


def rows(response):
    return [attrs for tag, attrs in parse(response).tags if tag == "tr"]


def test_the_same_queries_at_two_sizes(client):
    author = professional()
    client.force_login(coordinator())
    add_requests(3, author)
    small = counts(client)
    add_requests(120, author)
    large = counts(client)
    assert small == large, (small, large)
    # A fixed, small number: session, user, the user's county (samrad.scope), permissions,
    # filters' choices, counts, rows.
    assert max(large.values()) <= 23, large


def test_fifty_a_page_and_page_links_keep_the_filters(client):
    client.force_login(coordinator())
    add_requests(120, professional())
    response = client.get(INBOX + "?status=received&kind=planning")
    content = response.content.decode()
    assert "120 förfrågningar" in content
    assert len(rows(response)) == 1 + 50  # the header row and one page
    assert "Sida 1 av 3" in content
    # The 120 follow-ups due today: the first 50 on top, the rest in the week.
    due = content[content.index('id="due-heading"') : content.index("</section>")]
    assert due.count("<li>") == 50
    assert f'<a href="{WEEK}">Fler uppföljningar väntar: se veckan</a>' in due
    links = [attrs["href"] for attrs in parse(response).find("a", rel="next")]
    assert links == ["?status=received&kind=planning&sida=2"]
    last = client.get(INBOX + "?status=received&kind=planning&sida=3")
    assert len(rows(last)) == 1 + 20
    [previous] = parse(last).find("a", rel="prev")
    assert previous["href"] == "?status=received&kind=planning&sida=2"
    # Each list of the week has its own pages; moving one keeps the others where they were.
    week = client.get(WEEK + "?atgarder=2")
    next_new = [a["href"] for a in parse(week).find("a", rel="next")]
    assert "?atgarder=2&nya=2" in next_new
    assert "?atgarder=3" in next_new


@pytest.mark.parametrize("page", ["0", "-1", "abc", "99999", "1.5", "%20", "2" * 400])
def test_a_bad_page_number_is_a_page_not_an_error(client, page):
    client.force_login(coordinator())
    add_requests(60, professional())
    for url in (INBOX + "?sida=" + page, WEEK + "?nya=" + page):
        assert client.get(url).status_code == 200


@pytest.mark.slow
def test_ten_thousand_requests(client):
    author = professional()
    client.force_login(coordinator())
    add_requests(3, author)
    small = counts(client)
    started = time.perf_counter()
    add_requests(5_000, author)  # 5,000 new and 5,000 in follow-up: 10,000 requests
    created = time.perf_counter() - started
    assert SamradRequest.objects.count() == 10_006
    started = time.perf_counter()
    large = counts(client)
    elapsed = time.perf_counter() - started
    assert large == small, (small, large)
    response = client.get(INBOX)
    assert re.search(r">10\D?006 förfrågningar<", response.content.decode())
    assert len(rows(response)) == 1 + 50
    week = client.get(WEEK)
    assert len(rows(week)) == 3 * (1 + 50)
    print(
        f"\n10,000 requests: created in {created:.1f} s; {len(URLS) + 1} pages in {elapsed:.2f} s"
    )
