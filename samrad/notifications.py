"""E-mail about samråd requests and meetings. No personal data and no free text: only that
something happened, the party, the kind and urgency, a date, a place, and a link to log in
and read more. Mail about a meeting goes to the invited parties' functional mailboxes and
carries a calendar file (calendar.py) that names no case."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from outbox import mail
from outbox.mail import absolute
from staff import roles

from . import calendar
from .models import SamradSettings, Status

# The staff area's start page (staff.setup.ensure_staff_home): a party's mailbox may be
# read by people without the coordinator's role, so meeting mail links there.


def render(template, context):
    return mail.render(f"samrad/email/{template}", context)


def coordinator_addresses(county_id):
    """The coordinators of the county and its coordinators' mailbox (its site's samråd
    settings): another county's coordinators are never told."""
    users = get_user_model().objects.with_perm(
        roles.COORDINATE_SAMRAD,
        include_superusers=False,
        backend="django.contrib.auth.backends.ModelBackend",
    )
    addresses = [user.email for user in users.filter(party__county=county_id) if user.email]
    mailbox = SamradSettings.for_county(county_id).coordinator_mailbox
    if mailbox:
        addresses.append(mailbox)
    return sorted(set(addresses))


def calendar_event(meeting, attendee, url, samrad_request=None):
    """The meeting as a calendar event for one recipient: the kind, when and where, and the
    portal page the mail links to (a party's agenda, a professional's own request). For
    a professional, the event of their case: its own entry (UID), at its own time."""
    with translation.override(settings.LANGUAGE_CODE):
        summary = str(meeting.get_kind_display())
        description = str(
            _("Samråd in Operation Norrsken. More in the portal: %(url)s") % {"url": url}
        )
    host = settings.WAGTAILADMIN_BASE_URL.split("://")[-1].split("/")[0].split(":")[0]
    uid, sequence = f"samrad-{meeting.pk}@{host}", meeting.sequence
    starts_at, ends_at = meeting.starts_at, None
    if samrad_request is not None:
        uid = f"samrad-{meeting.pk}-{samrad_request.pk}@{host}"
        sequence += samrad_request.agenda_sequence
        if samrad_request.meeting_id == meeting.pk and samrad_request.agenda_starts_at:
            starts_at, ends_at = samrad_request.agenda_starts_at, samrad_request.agenda_ends_at
    return calendar.Event(
        uid=uid,
        sequence=sequence,
        starts_at=starts_at,
        ends_at=ends_at,
        summary=summary,
        location=meeting.place,
        description=description,
        organizer=settings.DEFAULT_FROM_EMAIL,
        attendee=attendee,
        url=url,
    )


def queue(recipients, template, context, samrad_request, *, meeting=None, method=""):
    """Put the mail in the outbox for each recipient, each with its own calendar file when
    a meeting and a method are given (the case's own entry when the mail is about a
    request); sent after the transaction commits. The request's reference names it in
    the list of mail that could not be sent."""
    mail.queue(
        recipients,
        *render(template, context),
        reference=samrad_request.reference if samrad_request else "",
        calendar_for=lambda address: calendar.build(
            calendar_event(meeting, address, context["url"], samrad_request), method
        ),
        calendar_method=method,
    )


def agenda_url(meeting):
    """Where an invited party's representative reads the meeting's agenda (pseudonymised,
    for their party only; samrad/views/representative.py)."""
    return absolute(reverse("samrad:representative_meeting", args=[meeting.pk]))


def meeting_context(meeting):
    return {"meeting": meeting, "url": agenda_url(meeting)}


def mailboxes(parties):
    """The functional mailboxes of the parties, and the parties that have none."""
    addresses, unreached = set(), []
    for party in parties:
        if party.samrad_mailbox:
            addresses.add(party.samrad_mailbox)
        else:
            unreached.append(party)
    return sorted(addresses), unreached


def planned_cases(meeting):
    """The cases planned on the meeting: each professional got an entry for their case."""
    return meeting.requests.filter(status=Status.PLANNED).select_related("meeting")


def meeting_invitation(meeting, parties):
    """Invite parties to a meeting. Returns the parties without a mailbox."""
    addresses, unreached = mailboxes(parties)
    queue(
        addresses,
        "meeting_invited",
        meeting_context(meeting),
        None,
        meeting=meeting,
        method=calendar.REQUEST,
    )
    return unreached


def meeting_uninvited(meeting, party):
    """A party no longer invited gets the meeting's cancellation for its calendar."""
    addresses, unreached = mailboxes([party])
    queue(
        addresses,
        "meeting_uninvited",
        meeting_context(meeting),
        None,
        meeting=meeting,
        method=calendar.CANCEL,
    )
    return unreached


def tell_parties_and_professionals(meeting, parties, cases, template, method):
    """The parties' mailboxes get a link to their agenda, the professional of each case
    one to their own request (they cannot open the agenda), with the calendar entry of
    that case at its time. Returns the parties without a mailbox."""
    addresses, unreached = mailboxes(parties)
    queue(addresses, template, meeting_context(meeting), None, meeting=meeting, method=method)
    for samrad_request in cases:
        if samrad_request.contact_email in addresses:
            continue  # a party's mailbox already has the meeting
        queue(
            [samrad_request.contact_email],
            template,
            own_request_context(samrad_request, meeting),
            samrad_request,
            meeting=meeting,
            method=method,
        )
    return unreached


def meeting_changed(meeting):
    """The meeting moved (date, time, place or kind): everyone who has it in the calendar
    gets the new one, with a higher SEQUENCE."""
    return tell_parties_and_professionals(
        meeting,
        meeting.invited_parties.all(),
        planned_cases(meeting),
        "meeting_changed",
        calendar.REQUEST,
    )


def meeting_cancelled(meeting, cases):
    """The meeting is cancelled: the parties, and the professional of each case that was
    on it."""
    return tell_parties_and_professionals(
        meeting,
        meeting.invited_parties.all(),
        cases,
        "meeting_cancelled",
        calendar.CANCEL,
    )


def agenda_changed(meeting, samrad_request):
    """A case was put on or taken off the meeting. The parties are told that the agenda
    changed, nothing about the case; a party that must not be told of this case is not
    told even that. Returns the parties without a mailbox."""
    parties = meeting.invited_parties.exclude(pk__in=samrad_request.do_not_tell.all())
    addresses, unreached = mailboxes(parties)
    queue(
        addresses,
        "agenda_changed",
        meeting_context(meeting),
        None,
        meeting=meeting,
        method=calendar.REQUEST,
    )
    return unreached


def new_request(samrad_request):
    context = {
        "samrad_request": samrad_request,
        "url": absolute(reverse("samrad:detail", args=[samrad_request.pk])),
    }
    queue(coordinator_addresses(samrad_request.county_id), "new_request", context, samrad_request)


def own_request_context(samrad_request, meeting=None):
    return {
        "samrad_request": samrad_request,
        "meeting": meeting,
        "url": absolute(reverse("samrad:mine_detail", args=[samrad_request.pk])),
    }


def request_planned(samrad_request):
    """The professional is told when and where, with the meeting for their calendar."""
    meeting = samrad_request.meeting
    queue(
        [samrad_request.contact_email],
        "planned",
        own_request_context(samrad_request, meeting),
        samrad_request,
        meeting=meeting,
        method=calendar.REQUEST,
    )


def request_unplanned(samrad_request, meeting):
    """The case was taken off the meeting: the professional's calendar entry for the case
    is cancelled (each case has its own)."""
    queue(
        [samrad_request.contact_email],
        "unplanned",
        own_request_context(samrad_request, meeting),
        samrad_request,
        meeting=meeting,
        method=calendar.CANCEL,
    )


def request_declined(samrad_request):
    """The professional is told that the request was declined; the reason is only in the
    portal."""
    queue(
        [samrad_request.contact_email],
        "declined",
        own_request_context(samrad_request),
        samrad_request,
    )


def tell_coordinators(samrad_request, what):
    """Something the coordinator must know about a request (withdrawn, consent withdrawn):
    what happened in a few words, never the content."""
    context = {
        "samrad_request": samrad_request,
        "what": what,
        "url": absolute(reverse("samrad:detail", args=[samrad_request.pk])),
    }
    queue(coordinator_addresses(samrad_request.county_id), "changed", context, samrad_request)


def request_withdrawn(samrad_request):
    with translation.override(settings.LANGUAGE_CODE):
        tell_coordinators(samrad_request, str(_("withdrawn by the professional")))


def consent_withdrawn(samrad_request, parties=()):
    """The coordinators are told which request; the parties it concerns only that
    something waits for them in the portal (their representative page names the case by
    its reference): not even the reference goes by mail. Returns the parties without a
    mailbox."""
    with translation.override(settings.LANGUAGE_CODE):
        tell_coordinators(samrad_request, str(_("the consent has been withdrawn")))
        addresses, unreached = mailboxes(parties)
        context = {"url": absolute(reverse("samrad:representative"))}
        queue(addresses, "waiting", context, None)
    return unreached


def information_added(samrad_request):
    with translation.override(settings.LANGUAGE_CODE):
        tell_coordinators(samrad_request, str(_("the professional has added information")))


def information_requested(samrad_request):
    """The coordinator asked the professional a question: the mail says only that a
    question waits, and links to the request's page; the question is read there."""
    queue(
        [samrad_request.contact_email],
        "information_requested",
        own_request_context(samrad_request),
        samrad_request,
    )


def question_answered(samrad_request):
    with translation.override(settings.LANGUAGE_CODE):
        tell_coordinators(samrad_request, str(_("the professional has answered a question")))
