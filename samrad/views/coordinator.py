"""The coordinator's pages: the inbox, the week, meetings and their agendas (on screen
and printed), the printed records of a case, the statistics and the audit log. The case
page and its state changes are in case.py."""

import re
from datetime import date, datetime, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from organisations.models import Party

from .. import agenda, disclosure, flows, outbox, statistics, week
from ..access import allowed_if, is_coordinator, may_read_audit_log
from ..filters import InboxFilter
from ..forms import (
    AttendanceForm,
    AttendanceRemoveForm,
    MeetingChangeForm,
    MeetingForm,
    MeetingInviteForm,
    MeetingUninviteForm,
    OtherActorForm,
    PeriodForm,
    PersonSearchForm,
    YearForm,
)
from ..models import (
    AuditEntry,
    Invitation,
    Meeting,
    SamradRequest,
    SamradSettings,
    Status,
    person_key,
)
from ..paging import PER_PAGE, paginate


@allowed_if(is_coordinator)
def inbox(request):
    filters = InboxFilter(
        request.GET or None,
        queryset=week.listed(
            SamradRequest.objects.select_related("referring_party", "home_municipality", "meeting")
        ),
    )
    samrad_requests = filters.qs.inbox_order()
    # Follow-ups whose date has come are back on top of the inbox, whatever the filters:
    # the first PER_PAGE of them, the rest in the coordinators' week.
    due = list(
        week.listed(
            SamradRequest.objects.filter(
                status=Status.FOLLOW_UP, follow_up_on__lte=timezone.localdate()
            )
        )
        .select_related("referring_party", "home_municipality")
        .order_by("follow_up_on", "pk")[: PER_PAGE + 1]
    )
    counts = dict(
        SamradRequest.objects.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return TemplateResponse(
        request,
        "samrad/inbox.html",
        {
            "filters": filters.form,
            "page": paginate(request, samrad_requests),
            "today": timezone.localdate(),
            "due": due[:PER_PAGE],
            "more_due": len(due) > PER_PAGE,
            "status_counts": [
                (value, label, counts.get(value, 0)) for value, label in Status.choices
            ],
            "failed_mail": outbox.failed(timezone.now()).count(),
            "search_form": PersonSearchForm(),
        },
    )


# More requests about one person than this in 12 months would be a fault, not a person.
SEARCH_LIMIT = 200


@never_cache
@allowed_if(is_coordinator)
@require_http_methods(["GET", "POST"])
def person_search(request):
    """The requests about one person, found by the keyed hash of the identity number
    (only as long as the hash is kept: 12 months). Posted, so the number is in no address,
    log or browser history; the page is not stored (no-store). Each search is audited:
    who, and how many requests were found, never the number."""
    form = PersonSearchForm(request.POST or None)
    found = None
    if request.method == "POST" and form.is_valid():
        found = list(
            week.listed(
                SamradRequest.objects.filter(
                    person_key=person_key(form.cleaned_data["identity_number"])
                )
            )
            .select_related("referring_party", "home_municipality", "meeting")
            .order_by("-created_at", "pk")[:SEARCH_LIMIT]
        )
        AuditEntry.record(
            request.user, AuditEntry.Event.SEARCHED, None, f"identity number: {len(found)} found"
        )
        AuditEntry.record_many(request.user, AuditEntry.Event.SEARCHED, found, "found by search")
        form = PersonSearchForm()
    return TemplateResponse(
        request,
        "samrad/person_search.html",
        {"form": form, "found": found},
    )


@allowed_if(is_coordinator)
def my_week(request):
    """This week for every coordinator and their substitute: the same for all of them."""
    today = timezone.localdate()
    monday, sunday = week.week_of(today)
    failed_mail = paginate(request, outbox.failed(timezone.now()), "epost")
    return TemplateResponse(
        request,
        "samrad/week.html",
        {
            "today": today,
            "monday": monday,
            "sunday": sunday,
            "meetings": week.meetings(monday),
            "new_requests": paginate(request, week.new_requests(timezone.now()), "nya"),
            "follow_ups": paginate(request, week.follow_ups_due(sunday), "uppfoljningar"),
            "actions": paginate(request, week.actions_due(sunday), "atgarder"),
            "failed_mail": failed_mail,
            "failed_rows": outbox.described(failed_mail.object_list),
        },
    )


@allowed_if(is_coordinator)
def record_print(request, pk):
    """The case's samråd records and actions on paper: the reference, never the identity."""
    samrad_request = get_object_or_404(
        SamradRequest.objects.select_related("referring_party", "home_municipality"), pk=pk
    )
    AuditEntry.record(request.user, AuditEntry.Event.PRINTED, samrad_request, "samråd records")
    return TemplateResponse(
        request,
        "samrad/record_print.html",
        {
            "samrad_request": samrad_request,
            "records": samrad_request.records.select_related("shared_by").prefetch_related(
                "parties_present", "grounds__party", "grounds__provision"
            ),
            "actions": samrad_request.actions.select_related("party"),
            "printed_at": timezone.now(),
        },
    )


def next_weekly(site_settings):
    """The next weekly samråd at its fixed weekday and time."""
    today = timezone.localdate()
    days = (site_settings.weekly_weekday - today.weekday()) % 7 or 7
    day = today + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, site_settings.weekly_time))


def tell_unreached(request, unreached):
    """The coordinator is told which invited parties got no mail: they have no mailbox."""
    if unreached:
        messages.warning(
            request,
            _("Not sent to %(parties)s: no functional mailbox. Tell them another way.")
            % {"parties": ", ".join(party.short_name for party in unreached)},
        )


@allowed_if(is_coordinator)
@require_http_methods(["GET", "POST"])
def meetings(request):
    site_settings = SamradSettings.for_county(request.user.county_id)
    initial = {
        "kind": Meeting.MeetingKind.WEEKLY,
        "starts_at": timezone.localtime(next_weekly(site_settings)),
        "place": site_settings.weekly_place,
    }
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        meeting, unreached = flows.create_meeting(request.user, form)
        messages.success(request, _("The samråd meeting has been created."))
        tell_unreached(request, unreached)
        return redirect("samrad:meeting", meeting.pk)
    since = timezone.now() - timedelta(hours=12)
    counted = Meeting.objects.annotate(n=Count("requests"))
    # Coming meetings soonest first; earlier ones newest first, a page at a time. The
    # order is explicit: a grouped query does not take the model's default ordering.
    past = counted.filter(starts_at__lt=since).order_by("-starts_at", "pk")
    return TemplateResponse(
        request,
        "samrad/meetings.html",
        {
            "form": form,
            "upcoming": counted.filter(starts_at__gte=since).order_by("starts_at", "pk"),
            "past": paginate(request, past, "tidigare"),
        },
    )


def change_or_invite(request, meeting):
    """Apply the meeting page's posted form: the bound form with its errors, or None once
    saved (then the page redirects)."""
    which = request.POST.get("form")
    if which in MINUTES_FORMS:
        return record_minutes(request, meeting, which)
    if which == "invite":
        form = MeetingInviteForm(request.POST, meeting=meeting)
    elif which == "uninvite":
        form = MeetingUninviteForm(request.POST, meeting=meeting)
    elif which == "change":
        form = MeetingChangeForm.for_meeting(meeting, request.POST)
    else:
        return None, "unknown"
    if not form.is_valid():
        if which == "uninvite":  # no longer invited (a second click): nothing to do
            messages.info(request, _("Nothing changed, so nothing was sent."))
            return None, which
        return form, which
    try:
        if which == "invite":
            done, unreached = flows.invite_to_meeting(
                request.user, meeting, form.cleaned_data["party"]
            )
        elif which == "uninvite":
            done, unreached = flows.uninvite_from_meeting(
                request.user, meeting, form.cleaned_data["party"]
            )
        else:
            changed, unreached = flows.change_meeting(request.user, meeting, form.cleaned_data)
            done = bool(changed)
    except ValidationError as error:
        form.add_error(None, error)
        return form, which
    if done:
        messages.success(request, _("Saved. The invited parties are told by e-mail."))
    else:
        messages.info(request, _("Nothing changed, so nothing was sent."))
    tell_unreached(request, unreached)
    return None, which


MINUTES_FORMS = {"attend", "unattend", "actor"}


def record_minutes(request, meeting, which):
    """Apply one of the minutes' forms: attendance by party and function, or another
    actor present. Returns the bound form with its errors, or None once saved."""
    if which == "attend":
        form = AttendanceForm(request.POST, prefix="attend")
    elif which == "unattend":
        form = AttendanceRemoveForm(request.POST)
    else:
        form = OtherActorForm(request.POST, prefix="actor", meeting=meeting)
    if not form.is_valid():
        return form, which
    data = form.cleaned_data
    try:
        if which == "attend":
            flows.record_attendance(
                request.user, meeting, data["attendance_party"], data["function"]
            )
        elif which == "unattend":
            flows.remove_attendance(request.user, meeting, data["attendance"])
        else:
            flows.add_other_actor(request.user, meeting, data)
    except ValidationError as error:
        form.add_error(None, error)
        return form, which
    messages.success(request, _("The minutes are saved."))
    return None, which


def missing_home_municipalities(meeting, invited):
    """The meeting's cases whose home municipality is not invited (and may be told): its
    social services are to take part (seed 001 §10.3)."""
    invited_ids = {party.pk for party in invited}
    return [
        samrad_request
        for samrad_request in meeting.agenda()
        .select_related("home_municipality")
        .prefetch_related("do_not_tell")
        if samrad_request.home_municipality_id
        and samrad_request.home_municipality_id not in invited_ids
        and not disclosure.must_not_be_told(samrad_request, samrad_request.home_municipality_id)
    ]


@allowed_if(is_coordinator)
@require_http_methods(["GET", "POST"])
def meeting(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    change_form = MeetingChangeForm.for_meeting(meeting)
    invite_form = MeetingInviteForm(meeting=meeting)
    attend_form = AttendanceForm(prefix="attend")
    actor_form = OtherActorForm(prefix="actor", meeting=meeting)
    status = 200
    if request.method == "POST":
        form, which = change_or_invite(request, meeting)
        if which == "unknown":
            status = 400
            messages.error(request, _("Nothing was saved: the form was not recognised."))
        elif form is None:
            return redirect("samrad:meeting", meeting.pk)
        else:
            messages.error(request, _("Nothing was saved. Correct the fields marked below."))
            if which == "invite":
                invite_form = form
            elif which == "attend":
                attend_form = form
            elif which == "actor":
                actor_form = form
            elif which == "change":
                change_form = form
    # ?part=<slug>: the agenda exactly as that party's representative is shown it (the
    # same cases, lines and viewer), so that what would reach the party can be checked.
    part = request.GET.get("part", "")
    for_party = (
        Party.objects.filter(slug=part).first()
        if re.fullmatch(r"[-a-z0-9_]{1,100}", part)
        else None
    )
    # Fifty cases a page, in the database's order: the same queries whatever their number.
    lines = []
    if for_party:
        page = agenda.page_of(
            agenda.party_samrad_requests(meeting, for_party), request.GET.get("page")
        )
        samrad_requests = list(page)
        AuditEntry.record_many(
            request.user,
            AuditEntry.Event.VIEWED,
            samrad_requests,
            f"agenda as shown to {for_party.short_name}",
        )
        lines = agenda.lines(samrad_requests, disclosure.for_party(for_party))
    else:
        page = agenda.page_of(
            disclosure.prefetched(meeting.agenda().select_related("referring_party")),
            request.GET.get("page"),
        )
    # What each invited party will not see, for the coordinator to act on before the meeting.
    withheld = agenda.withheld_from_parties(meeting, list(page))
    return TemplateResponse(
        request,
        "samrad/meeting.html",
        {
            "meeting": meeting,
            "form": change_form,
            "invite_form": invite_form,
            "invited": meeting.invited_parties.all(),
            "agenda": page,
            "page": page,
            "lines": lines,
            "first_number": page.start_index(),
            "print_pages": page.paginator.page_range,
            "part_query": f"part={for_party.slug}" if for_party else "",
            "for_party": for_party,
            "withheld": withheld,
            "parties": Party.objects.all(),
            "missing_home": missing_home_municipalities(meeting, meeting.invited_parties.all()),
            "attendance": meeting.attendance.select_related("party"),
            "other_actors": meeting.other_actors.prefetch_related("cases"),
            "attend_form": attend_form,
            "actor_form": actor_form,
        },
        status=status,
    )


@allowed_if(is_coordinator)
def minutes_print(request, pk):
    """The meeting's minutes on paper: attendance by party and function, other actors
    present and for which cases, and per case what was shared, by whom, to whom and on
    which ground (the records made for this meeting). References only, never the
    identity; each case printed is audited."""
    meeting = get_object_or_404(Meeting, pk=pk)
    records = list(
        meeting.records.select_related("request", "shared_by")
        .prefetch_related("grounds__party", "grounds__provision")
        .order_by("request__reference", "created_at")
    )
    cases = list({record.request_id: record.request for record in records}.values())
    AuditEntry.record_many(request.user, AuditEntry.Event.PRINTED, cases, "minutes of the meeting")
    AuditEntry.record(
        request.user, AuditEntry.Event.PRINTED, None, f"meeting {meeting.pk}: minutes"
    )
    return TemplateResponse(
        request,
        "samrad/minutes_print.html",
        {
            "meeting": meeting,
            "attendance": meeting.attendance.select_related("party"),
            "other_actors": meeting.other_actors.prefetch_related("cases"),
            "records": records,
            "printed_at": timezone.now(),
        },
    )


@allowed_if(is_coordinator)
@require_http_methods(["GET", "POST"])
def meeting_cancel(request, pk):
    """Ask first; on the confirming post, cancel the meeting and send the cancellations."""
    meeting = get_object_or_404(Meeting, pk=pk)
    if request.method == "POST":
        cancelled, unreached = flows.cancel_meeting(request.user, meeting)
        if cancelled:
            messages.success(
                request,
                _(
                    "The meeting is cancelled. Its cases are back to be planned; everyone "
                    "invited is told by e-mail."
                ),
            )
        else:
            messages.info(request, _("The meeting was already cancelled; nothing was sent."))
        tell_unreached(request, unreached)
        return redirect("samrad:meeting", meeting.pk)
    return TemplateResponse(
        request,
        "samrad/meeting_cancel.html",
        {
            "meeting": meeting,
            "planned": meeting.requests.filter(status=Status.PLANNED).count(),
            "invited": meeting.invited_parties.all(),
        },
    )


# The printable agendas of a meeting: the coordinator's own (the name and identity number
# where a consent is in force) and the general one for the room (no personal data: no
# identity, and no free text of a case with consent; cases that an invited party must not
# be told of are left out). disclosure.may_see decides.
def printed(request, meeting, samrad_requests, viewer, *, room):
    page = agenda.page_of(samrad_requests, request.GET.get("page"))
    samrad_requests = list(page)
    AuditEntry.record_many(
        request.user,
        AuditEntry.Event.PRINTED,
        samrad_requests,
        "agenda for the room" if room else "coordinator's agenda",
    )
    return TemplateResponse(
        request,
        "samrad/agenda_print.html",
        {
            "meeting": meeting,
            "page": page,
            "lines": agenda.lines(samrad_requests, viewer),
            "first_number": page.start_index(),
            "room": room,
            "with_identity": not room,
            "printed_at": timezone.now(),
        },
    )


@allowed_if(is_coordinator)
def coordinator_print(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return printed(
        request,
        meeting,
        agenda.coordinator_samrad_requests(meeting),
        disclosure.COORDINATOR,
        room=False,
    )


@allowed_if(is_coordinator)
def room_print(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    return printed(
        request,
        meeting,
        agenda.room_samrad_requests(meeting),
        disclosure.for_room(meeting),
        room=True,
    )


@allowed_if(is_coordinator)
def statistics_view(request):
    """The statistics of a year, a quarter or a month: fixed periods only, so that no two
    published periods differ by a few requests (samrad/statistics.py)."""
    this_year = timezone.localdate().year
    form = PeriodForm(request.GET or None, initial={"year": this_year})
    if form.is_bound and not form.is_valid():
        return TemplateResponse(request, "samrad/statistics.html", {"period": form})
    period = form.cleaned_data["chosen"] if form.is_bound else statistics.Period(this_year)
    report = statistics.build(period)
    if request.GET.get("format") == "csv":
        AuditEntry.record(
            request.user, AuditEntry.Event.EXPORTED, None, f"statistics {period.slug}"
        )
        return statistics_csv(report, f"samrad-statistik-{period.slug}.csv")
    return TemplateResponse(
        request,
        "samrad/statistics.html",
        {"period": form, "report": report, "chosen": period},
    )


def statistics_csv(report, filename):
    response = HttpResponse(statistics.as_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@allowed_if(is_coordinator)
def yearly_report(request):
    """The yearly report to the leadership group Tillsammans mot våld: the statistics of one
    year, printable (print CSS, a title page, a page per section) and as CSV."""
    last_year = timezone.localdate().year - 1
    form = YearForm(request.GET or None, initial={"year": last_year})
    if form.is_bound and not form.is_valid():
        return TemplateResponse(request, "samrad/yearly_report.html", {"form": form})
    year = form.cleaned_data["year"] if form.is_bound else last_year
    report = statistics.build(statistics.Period(year))
    csv_wanted = request.GET.get("format") == "csv"
    AuditEntry.record(
        request.user,
        AuditEntry.Event.EXPORTED,
        None,
        f"yearly report {year}" + (" (CSV)" if csv_wanted else ""),
    )
    if csv_wanted:
        return statistics_csv(report, f"samrad-arsrapport-{year}.csv")
    return TemplateResponse(
        request,
        "samrad/yearly_report.html",
        {
            "form": form,
            "year": year,
            "report": report,
            "sections": statistics.sections(report),
            "created_at": timezone.now(),
            "until": min(timezone.localdate(), date(year, 12, 31)),
        },
    )


@allowed_if(may_read_audit_log)
def audit_log(request):
    entries = list(AuditEntry.objects.select_related("user")[:500])
    for entry in entries:
        entry.shown_detail = readable_detail(entry.detail)
    return TemplateResponse(request, "samrad/audit_log.html", {"entries": entries})


STATUS_CHANGE = re.compile(r"^status: ([a-z_]+) → ([a-z_]+)$")
GROUND = re.compile(r" ground: ([a-z]+)$")


def readable_detail(detail):
    """The stored detail (codes, so the log reads the same in every language) with the
    codes shown by their labels."""
    match = STATUS_CHANGE.match(detail)
    if match and all(code in Status.values for code in match.groups()):
        old, new = (Status(code).label for code in match.groups())
        return _("status: %(old)s → %(new)s") % {"old": old, "new": new}
    match = GROUND.search(detail)
    if match and match.group(1) in Invitation.Ground.values:
        label = Invitation.Ground(match.group(1)).label
        return detail[: match.start()] + " " + _("ground: %(ground)s") % {"ground": label}
    return detail
