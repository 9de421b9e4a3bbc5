"""A samråd week to try locally (`make run`, DEBUG only): next weekly samråd with its
invited parties and three de-identified cases on it, actions for the parties (one overdue),
and last year's made-up figures for the yearly report.

Everything here is invented and de-identified: no name, no identity number, no address.
Created once: nothing is added when a meeting already exists.
"""

from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.utils import timezone

from organisations.models import Party
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

from .samrad_year import fill_year

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
    """Returns whether the demo week was created now."""
    if Meeting.objects.exists():
        return False
    User = get_user_model()
    coordinator = User.objects.filter(email="samordnare@example.org").first()
    author = User.objects.filter(email="socialtjanst@example.org").first()
    if coordinator is None or author is None:
        return False
    now = now or timezone.now()
    zone = timezone.get_current_timezone()
    weekly = SamradSettings.objects.first() or SamradSettings()
    parties = {party.slug: party for party in Party.objects.all()}

    fill_year(now.year - 1, 400, created_by=coordinator, now=now)
    # Last year's actions left open would bury this week's in the coordinators' week: they
    # count as done, late, in the yearly report.
    Action.objects.filter(done_at__isnull=True).update(done_at=now)

    day = next_weekday(timezone.localdate(now), weekly.weekly_weekday)
    meeting = Meeting.objects.create(
        kind=Meeting.MeetingKind.WEEKLY,
        starts_at=datetime.combine(day, weekly.weekly_time or time(9), tzinfo=zone),
        place=weekly.weekly_place,
        created_by=coordinator,
    )
    meeting.invited_parties.set([parties["polisen"], parties["krokom"], parties["region"]])
    today = timezone.localdate(now)
    for number, (kind, urgency, risk, children, forms, question) in enumerate(CASES):
        item = SamradRequest.objects.create(
            created_by=author,
            created_at=now - timedelta(days=number + 1),
            mode=Mode.DEIDENTIFIED,
            referring_party=author.party,
            home_municipality=parties["krokom"],
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
        item.parties_wanted.set([parties["polisen"], parties["region"]])
        if number == 1:
            Action.objects.create(
                request=item,
                party=parties["krokom"],
                description="Boka ett möte om fortsatt stöd.",
                due_on=today - timedelta(days=3),
            )
            Action.objects.create(
                request=item,
                party=parties["polisen"],
                description="Se över om kontaktförbud har sökts.",
                due_on=today + timedelta(days=2),
            )
    return True
