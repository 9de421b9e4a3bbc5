"""A year of made-up samråd requests, meetings and actions, for the yearly report's tests,
its print test and the benchmark's "statistics for a year with 10,000 requests".

Only the statistics columns are filled (the contents stay empty, as after the purge), so
nothing here describes a person. Deterministic for a given seed; rows are written with
bulk_create, a few queries per thousand rows.
"""

import random
from datetime import datetime, time, timedelta

from django.utils import timezone

from organisations.models import Party
from samrad.models import (
    Action,
    AgeBand,
    Gender,
    Kind,
    Meeting,
    Mode,
    RiskInstrument,
    RiskLevel,
    SamradRequest,
    Status,
    Urgency,
    ViolenceForm,
)

BATCH = 1000


def fill_year(year, count, *, created_by, seed=2025, now=None):
    """count requests received during year (spread over its days), a weekly meeting every
    Wednesday at 9 and an acute one now and then, each request put on the first meeting
    0–40 days after it came, and an action for every other request discussed. Returns
    (requests, meetings, actions) created."""
    rng = random.Random(seed)  # noqa: S311 (made-up figures, not secrets)
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    # The parties of the coordinator's county: its requests, meetings and actions are its own.
    parties = list(Party.objects.filter(county_id=created_by.county_id))
    municipalities = [p for p in parties if p.kind == Party.Kind.MUNICIPALITY]
    first = datetime(year, 1, 1, tzinfo=zone)
    days = (datetime(year + 1, 1, 1, tzinfo=zone) - first).days

    meetings = []
    day, last = first, datetime(year + 1, 3, 1, tzinfo=zone)
    while day < last:  # into the next year: December's requests are discussed in January
        if day.weekday() == 2:
            meetings.append(
                Meeting(
                    kind=Meeting.MeetingKind.WEEKLY,
                    starts_at=datetime.combine(day.date(), time(9), tzinfo=zone),
                    place="Polishuset, Östersund",
                    created_by=created_by,
                )
            )
        elif rng.random() < 0.02:
            meetings.append(
                Meeting(
                    kind=Meeting.MeetingKind.ACUTE,
                    starts_at=datetime.combine(day.date(), time(13), tzinfo=zone),
                    place="Video",
                    created_by=created_by,
                )
            )
        day += timedelta(days=1)
    Meeting.objects.bulk_create(meetings)
    meetings.sort(key=lambda m: m.starts_at)

    requests = []
    for _number in range(count):
        created = first + timedelta(
            days=rng.randrange(days), hours=rng.randrange(8, 17), minutes=rng.randrange(60)
        )
        wait = rng.choice([0, 2, 5, 6, 9, 13, 20, 27, 40])
        meeting = next((m for m in meetings if m.starts_at >= created + timedelta(days=wait)), None)
        if meeting is not None and meeting.starts_at > now:
            meeting = None
        children = rng.choice([None, 0, 0, 1, 2, 3])
        requests.append(
            SamradRequest(
                created_at=created,
                created_by=created_by,
                mode=rng.choice(Mode.values),
                referring_party=rng.choice(parties),
                home_municipality=rng.choice([*municipalities, *municipalities, None]),
                kind=rng.choice(Kind.values),
                violence_forms=rng.sample(ViolenceForm.values, rng.randint(1, 3)),
                children_count=children,
                concern_reported=rng.choice(["yes", "no", "unknown"]) if children else "",
                gender=rng.choice([Gender.WOMAN, Gender.WOMAN, Gender.WOMAN, Gender.MAN]),
                age_band=rng.choice(AgeBand.values),
                interpreter_needed=rng.random() < 0.1,
                risk_instrument=rng.choice(RiskInstrument.values),
                risk_level=rng.choice(["", *RiskLevel.values]),
                urgency=rng.choice([Urgency.WEEKLY, Urgency.WEEKLY, Urgency.ACUTE]),
                is_repeat=rng.random() < 0.15,
                status=Status.DISCUSSED if meeting else Status.RECEIVED,
                meeting=meeting,
                discussed_at=meeting.starts_at if meeting else None,
                contact_phone="010-000 00 00",
                contact_email="statistik@example.org",
            )
        )
    SamradRequest.objects.bulk_create(requests, batch_size=BATCH)

    actions = []
    for item in requests:
        if item.meeting is None or rng.random() < 0.5:
            continue
        held = item.meeting.starts_at
        due = (
            (held + timedelta(days=rng.choice([7, 14, 30]))).date() if rng.random() < 0.9 else None
        )
        done_after = rng.choice([None, 3, 10, 20, 45])
        done = held + timedelta(days=done_after) if done_after is not None else None
        actions.append(
            Action(
                request=item,
                party=rng.choice(parties),
                due_on=due,
                done_at=done if done is not None and done <= now else None,
            )
        )
    Action.objects.bulk_create(actions, batch_size=BATCH)
    return len(requests), len(meetings), len(actions)
