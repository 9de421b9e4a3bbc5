"""The calendar file (RFC 5545, with the methods of RFC 5546) sent with samråd invitations.

A pure module, written with the standard library: one event per meeting (for the parties)
and one per case on it (for the professional, at the case's own time), whose UID never
changes, so a calendar that got the invitation updates the same entry when the meeting
moves (a higher SEQUENCE) and removes it when it is cancelled (METHOD:CANCEL). Times are
in UTC, which every calendar reads without a time-zone block. Nothing about a case goes
in: the kind of meeting, when, where, and a link to log in.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import parseaddr

REQUEST = "REQUEST"
CANCEL = "CANCEL"
# The portal records when a meeting starts, not when it ends: the calendar entry gets
# the length of a weekly samråd (a morning's work for several cases).
MEETING_LENGTH = timedelta(hours=2)
# RFC 5545 3.1: lines longer than 75 octets are folded.
LINE_OCTETS = 75


@dataclass(frozen=True)
class Event:
    uid: str
    sequence: int
    starts_at: datetime
    summary: str
    location: str
    description: str
    organizer: str
    attendee: str
    url: str = ""
    # A case's own time on the meeting; without it, the meeting's length.
    ends_at: datetime | None = None


def escape(text):
    """TEXT values (RFC 5545 3.3.11): backslash, semicolon and comma escaped, line breaks
    as \\n, and no other control characters."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = "".join(ch for ch in text if ch == "\n" or ch == "\t" or ord(ch) >= 32)
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\n", "\\n")


def fold(line):
    """Split a content line into pieces of at most 75 octets, never inside a character;
    each continuation starts with a space (which counts in its 75)."""
    pieces, current, size, limit = [], [], 0, LINE_OCTETS
    for ch in line:
        width = len(ch.encode())
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, LINE_OCTETS - 1
        current.append(ch)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def utc(moment):
    return moment.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def mailto(address):
    return "mailto:" + parseaddr(address)[1]


def build(event, method, now=None):
    """The calendar file as text, every line ending in CRLF."""
    cancelled = method == CANCEL
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Operation Norrsken//Samrad//SV",
        "CALSCALE:GREGORIAN",
        f"METHOD:{method}",
        "BEGIN:VEVENT",
        f"UID:{escape(event.uid)}",
        f"SEQUENCE:{event.sequence}",
        f"DTSTAMP:{utc(now or datetime.now(UTC))}",
        f"DTSTART:{utc(event.starts_at)}",
        f"DTEND:{utc(event.ends_at or event.starts_at + MEETING_LENGTH)}",
        f"SUMMARY:{escape(event.summary)}",
        f"LOCATION:{escape(event.location)}",
        f"DESCRIPTION:{escape(event.description)}",
        f"ORGANIZER:{mailto(event.organizer)}",
        f"ATTENDEE;ROLE=REQ-PARTICIPANT;RSVP=FALSE:{mailto(event.attendee)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        "TRANSP:OPAQUE",
    ]
    if event.url:
        lines.append(f"URL:{event.url}")
    lines += ["END:VEVENT", "END:VCALENDAR"]
    return "".join(fold(line) + "\r\n" for line in lines)
