"""A samråd week to try locally (`make run`, DEBUG only), for Jämtland and for Norrbotten:
next weekly samråd with its invited parties and three de-identified cases on it, actions
for the parties (one overdue), and Jämtland's last year's made-up figures for the yearly
report. Each county's coordinator sees their own county's week only.

Everything here is invented and de-identified: no name, no identity number, no address.
Created once per county: nothing is added to a county that already has a meeting.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from organisations.models import County
from samrad.models import (
    Action,
    Kind,
    Meeting,
    Mode,
    RiskLevel,
    SamradRequest,
    SamradSettings,
    Status,
    Urgency,
)
from samrad.scope import across_counties

from .samrad_year import fill_year

# Per county: the coordinator, the referring professional, the home municipality and the
# parties invited to the weekly samråd (demo/staff.py and demo/norrbotten.py make them).
WEEKS = {
    "jamtland": (
        "samordnare@example.org",
        "socialtjanst@example.org",
        "krokom",
        ["polisen", "krokom", "region"],
    ),
    "norrbotten": (
        "samordnare-norrbotten@example.org",
        "socialtjanst-lulea@example.org",
        "lulea",
        ["polisen-norrbotten", "lulea", "region-norrbotten"],
    ),
}

# (kind, urgency, risk, children, forms of violence, the question for the samråd)
CASES = [
    (
        Kind.ACUTE,
        Urgency.ACUTE,
        RiskLevel.HIGH,
        2,
        ["physical", "psychological"],
        "Hur samordnar vi skydd och boende när den utsatta vill lämna hemmet i veckan?",
    ),
    (
        Kind.PLANNING,
        Urgency.WEEKLY,
        RiskLevel.MODERATE,
        0,
        ["psychological", "economic"],
        "Vem ansvarar för stödet på lång sikt när personen har flyttat till en annan kommun?",
    ),
    (
        Kind.CONSULTING,
        Urgency.WEEKLY,
        "",
        1,
        ["psychological", "latent"],
        "Räcker det vi vet för en riskbedömning, och vilken part gör den?",
    ),
]


def next_weekday(today, weekday):
    return today + timedelta(days=(weekday - today.weekday()) % 7 or 7)


def ensure_demo_samrad(now=None):
    """Returns whether a demo week was created now. Every county's, on purpose."""
    with across_counties():
        created = [ensure_county_week(county, now) for county in County.objects.all()]
    return any(created)


def ensure_county_week(county, now=None):
    if county.slug not in WEEKS or Meeting.objects.for_county(county).exists():
        return False
    coordinator_email, author_email, home, invited = WEEKS[county.slug]
    User = get_user_model()
    coordinator = User.objects.filter(email=coordinator_email).first()
    author = User.objects.filter(email=author_email).first()
    if coordinator is None or author is None:
        return False
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    weekly = SamradSettings.for_county(county.pk)
    parties = {party.slug: party for party in county.parties.all()}

    if county.slug == "jamtland":
        fill_year(now.year - 1, 400, created_by=coordinator, now=now)
        # Last year's actions left open would bury this week's in the coordinators' week:
        # they count as done, late, in the yearly report.
        Action.objects.for_county(county).filter(done_at__isnull=True).update(done_at=now)

    day = next_weekday(timezone.localdate(now), weekly.weekly_weekday)
    meeting = Meeting.objects.create(
        kind=Meeting.MeetingKind.WEEKLY,
        starts_at=datetime.combine(day, weekly.weekly_time or time(9), tzinfo=zone),
        place=weekly.weekly_place,
        created_by=coordinator,
    )
    meeting.invited_parties.set([parties[slug] for slug in invited])
    today = timezone.localdate(now)
    for number, (kind, urgency, risk, children, forms, question) in enumerate(CASES):
        samrad_request = SamradRequest.objects.create(
            created_by=author,
            created_at=now - timedelta(days=number + 1),
            mode=Mode.DEIDENTIFIED,
            referring_party=author.party,
            home_municipality=parties[home],
            kind=kind,
            urgency=urgency,
            risk_level=risk,
            purposes=["needs", "risk"],
            violence_forms=forms,
            children_count=children,
            contact_phone="070-174 06 50",  # the fiction series, see public.toml
            contact_email=author.email,
            question=question,
            status=Status.PLANNED,
            meeting=meeting,
        )
        samrad_request.parties_wanted.set([parties[invited[0]], parties[invited[2]]])
        if number == 1:
            Action.objects.create(
                request=samrad_request,
                party=parties[home],
                description="Boka ett möte om fortsatt stöd.",
                due_on=today - timedelta(days=3),
            )
            Action.objects.create(
                request=samrad_request,
                party=parties[invited[0]],
                description="Se över om kontaktförbud har sökts.",
                due_on=today + timedelta(days=2),
            )
    return True
