"""The coordinator's inbox opens on what needs the coordinator now (new requests and
follow-ups whose date has come, by urgency and risk), the meetings are listed in date
order, and the lists that can hold hundreds come a page at a time."""

import random
import re
from datetime import datetime, time, timedelta

import pytest
from django.utils import timezone

from samrad.models import Meeting, SamradRequest, Status

from .factories.organisations import party
from .helpers import SecondFactorClient
from .samrad_helpers import coordinator, professional

pytestmark = pytest.mark.django_db

INBOX = "/personal/samrad/inkorg/"
MEETINGS = "/personal/samrad/moten/"
MINE = "/personal/samrad/mina/"


def old_requests(author, count, **fields):
    """`count` requests of last year, already handled, a third of them acute: what the
    demo's year leaves in the inbox."""
    now = timezone.now()
    krokom = party("krokom")
    statuses = [Status.DISCUSSED, Status.CLOSED, Status.FOLLOW_UP, Status.PLANNED]
    SamradRequest.objects.bulk_create(
        [
            SamradRequest(
                created_by=author,
                created_at=now - timedelta(days=30 + number),
                mode="deidentified",
                referring_party=author.party,
                home_municipality=krokom,
                kind="acute" if number % 3 == 0 else "planning",
                urgency="weekly",
                risk_level="high" if number % 2 else "moderate",
                status=statuses[number % len(statuses)],
                # A follow-up whose date has not come yet is not for now.
                follow_up_on=timezone.localdate() + timedelta(days=20),
                contact_phone="070-123 45 67",
                contact_email=author.email,
                **fields,
            )
            for number in range(count)
        ]
    )


def new_request(author, **fields):
    defaults = {
        "created_by": author,
        "mode": "deidentified",
        "referring_party": author.party,
        "kind": "planning",
        "urgency": "weekly",
        "contact_phone": "070-123 45 67",
        "contact_email": author.email,
        "status": Status.RECEIVED,
    }
    defaults.update(fields)
    return SamradRequest.objects.create(**defaults)


def references_on(response):
    return re.findall(r'/inkorg/[0-9a-f-]{36}/">([A-Z0-9]{8})<', response.content.decode())


@pytest.fixture
def signed_in():
    client = SecondFactorClient()
    client.force_login(coordinator())
    return client


def test_a_new_high_risk_request_is_first_among_400_old_ones(signed_in):
    author = professional()
    old_requests(author, 400)
    low = new_request(author, risk_level="low")
    high = new_request(author, risk_level="high", created_at=timezone.now() - timedelta(hours=2))
    response = signed_in.get(INBOX)
    assert response.status_code == 200
    shown = references_on(response)
    assert len(shown) == 50
    # New and unplanned first, high risk before low, then the 400 old ones.
    assert shown[:2] == [high.reference, low.reference]


def test_a_follow_up_whose_date_has_come_is_before_old_acute_cases(signed_in):
    author = professional()
    old_requests(author, 200)
    due = new_request(
        author,
        status=Status.FOLLOW_UP,
        follow_up_on=timezone.localdate(),
        created_at=timezone.now() - timedelta(days=200),
    )
    shown = references_on(signed_in.get(INBOX))
    # The list of requests (after the "back for follow-up" notice) starts with it.
    assert shown.count(due.reference) == 2
    listed = shown[1:]
    assert listed[0] == due.reference


def test_an_acute_new_request_is_before_a_high_risk_one(signed_in):
    author = professional()
    old_requests(author, 60)
    high = new_request(author, risk_level="high")
    acute = new_request(author, urgency="acute", created_at=timezone.now() - timedelta(days=3))
    assert references_on(signed_in.get(INBOX))[:2] == [acute.reference, high.reference]


def at(days, hour=9):
    day = timezone.localdate() + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, time(hour)))


def test_meetings_coming_soonest_first_and_earlier_newest_first(signed_in):
    user = coordinator("annan@example.org")
    offsets = [-70, 14, -7, 7, -300, 30, -14, 1]
    random.Random(4).shuffle(offsets)
    for days in offsets:
        Meeting.objects.create(
            kind="weekly", starts_at=at(days), place=f"Rum {days}", created_by=user
        )
    page = signed_in.get(MEETINGS).content.decode()
    coming, earlier = page.split("Tidigare möten")
    places = re.compile(r"– Rum (-?\d+)")
    assert [int(d) for d in places.findall(coming)] == [1, 7, 14, 30]
    assert [int(d) for d in places.findall(earlier)] == [-7, -14, -70, -300]


def test_earlier_meetings_come_a_page_at_a_time(signed_in):
    user = coordinator("annan@example.org")
    Meeting.objects.bulk_create(
        Meeting(kind="weekly", starts_at=at(-days), place=f"Rum {days}", created_by=user)
        for days in range(1, 61)
    )
    first = signed_in.get(MEETINGS).content.decode()
    assert "Rum 1 " in first and "Rum 50 " in first and "Rum 51 " not in first
    assert "Sida 1 av 2" in first
    second = signed_in.get(MEETINGS + "?tidigare=2").content.decode()
    assert "Rum 51 " in second and "Rum 60 " in second and "Rum 50 " not in second


def test_my_requests_come_a_page_at_a_time():
    author = coordinator("skickar@example.org")
    old_requests(author, 120)
    client = SecondFactorClient()
    client.force_login(author)
    first = client.get(MINE)
    assert first.status_code == 200
    html = first.content.decode()
    rows = re.findall(r'/mina/[0-9a-f-]{36}/">', html)
    assert len(rows) == 50
    assert "Sida 1 av 3" in html
    last = client.get(MINE + "?sida=3").content.decode()
    assert len(re.findall(r'/mina/[0-9a-f-]{36}/">', last)) == 20
