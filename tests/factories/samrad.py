"""Samråd requests and meetings, saved directly: for tests of what is done with them."""

from datetime import timedelta

from django.utils import timezone

from samrad.models import Meeting, SamradRequest

from .organisations import party

SITUATION = "Zebrafinken berättar om hot i hemmet sedan i våras."
# A name that must never leave the encrypted columns.
PERSON = "Zebra Fink"


def samrad_request(author, **fields):
    """A request as the form would save it (consent mode, discussed, from the author's party)."""
    defaults = {
        "created_by": author,
        "mode": "consent",
        "referring_party": author.party,
        "kind": "planning",
        "urgency": "weekly",
        "contact_phone": "070-123 45 67",
        "contact_email": author.email,
        "situation": SITUATION,
        "person_name": PERSON,
        "status": "discussed",
    }
    defaults.update(fields)
    return SamradRequest.objects.create(**defaults)


def meeting(created_by, invited=("polisen", "region", "krokom"), **fields):
    """A weekly samråd a week from now with these parties (slugs or Parties) invited."""
    defaults = {
        "kind": "weekly",
        "starts_at": timezone.now() + timedelta(days=7),
        "place": "Polishuset, Östersund",
        "created_by": created_by,
    }
    defaults.update(fields)
    samrad_meeting = Meeting.objects.create(**defaults)
    samrad_meeting.invited_parties.set(
        [party(each) if isinstance(each, str) else each for each in invited]
    )
    return samrad_meeting
