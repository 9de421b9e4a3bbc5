from datetime import datetime, timedelta

from django.contrib import messages
from django.db import transaction
from django.db.models import Case, Count, IntegerField, Value, When
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from . import notifications, statistics
from .access import allowed_if, is_coordinator, may_read_audit_log, may_send_requests
from .forms import (
    ActionForm,
    ConsentRequestForm,
    DeidentifiedRequestForm,
    InboxFilterForm,
    MeetingForm,
    NotesForm,
    PeriodForm,
    PlanForm,
    StatusForm,
)
from .models import (
    Action,
    AuditEntry,
    Meeting,
    Purpose,
    SamradRequest,
    SamradSettings,
    Status,
    Urgency,
    ViolenceForm,
)

FORMS = {"samtycke": ConsentRequestForm, "avidentifierad": DeidentifiedRequestForm}
ACUTE_FIRST = Case(
    When(urgency=Urgency.ACUTE, then=Value(0)), default=Value(1), output_field=IntegerField()
)


@allowed_if(may_send_requests)
def start(request):
    return TemplateResponse(request, "samrad/start.html", {})


@allowed_if(may_send_requests)
@require_http_methods(["GET", "POST"])
def create(request, mode):
    form_class = FORMS.get(mode)
    if form_class is None:
        raise Http404
    form = form_class(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            samrad_request = form.save(commit=False)
            samrad_request.created_by = request.user
            samrad_request.is_repeat = samrad_request.find_repeat()
            samrad_request.save()
            form.save_m2m()
            AuditEntry.record(request.user, AuditEntry.Event.CREATED, samrad_request)
            notifications.new_request(samrad_request)
        messages.success(request, _("Your request has been sent to the coordinator."))
        return redirect("samrad:mine_detail", samrad_request.pk)
    if request.method == "POST":
        messages.error(request, _("The request was not sent. Correct the fields marked below."))
    return TemplateResponse(
        request, "samrad/request_form.html", {"form": form, "mode": form_class.mode}
    )


@allowed_if(may_send_requests)
def mine(request):
    requests = (
        SamradRequest.objects.filter(created_by=request.user)
        .select_related("meeting", "referring_party")
        .order_by("-created_at")
    )
    return TemplateResponse(request, "samrad/mine.html", {"requests": requests})


@allowed_if(may_send_requests)
def mine_detail(request, pk):
    # Someone else's request is "not found", not "forbidden": its existence stays secret.
    samrad_request = get_object_or_404(
        SamradRequest.objects.select_related("meeting", "referring_party", "home_municipality"),
        pk=pk,
        created_by=request.user,
    )
    AuditEntry.record(request.user, AuditEntry.Event.VIEWED, samrad_request, "own request")
    return TemplateResponse(request, "samrad/mine_detail.html", {"item": samrad_request})


@allowed_if(is_coordinator)
def inbox(request):
    filters = InboxFilterForm(request.GET or None)
    requests = filters.filter(
        SamradRequest.objects.select_related("referring_party", "home_municipality", "meeting")
    ).order_by(ACUTE_FIRST, "-created_at")
    counts = dict(
        SamradRequest.objects.values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    return TemplateResponse(
        request,
        "samrad/inbox.html",
        {
            "filters": filters,
            "requests": requests,
            "status_counts": [
                (value, label, counts.get(value, 0)) for value, label in Status.choices
            ],
        },
    )


@allowed_if(is_coordinator)
@require_http_methods(["GET", "POST"])
def detail(request, pk):
    samrad_request = get_object_or_404(
        SamradRequest.objects.select_related(
            "referring_party", "home_municipality", "meeting", "created_by"
        ),
        pk=pk,
    )
    forms = {
        "status": StatusForm(initial={"status": samrad_request.status}),
        "notes": NotesForm(initial={"coordinator_notes": samrad_request.coordinator_notes}),
        "plan": PlanForm(initial={"meeting": samrad_request.meeting_id}),
        "action": ActionForm(),
    }
    status = 200
    if request.method == "POST":
        handled = handle_detail_post(request, samrad_request, forms)
        if handled:
            return redirect("samrad:detail", samrad_request.pk)
        if handled is None:
            status = 400
            messages.error(request, _("Nothing was saved: the form was not recognised."))
        else:
            messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    # Every response that shows the contents is a read, whatever the method.
    AuditEntry.record(request.user, AuditEntry.Event.VIEWED, samrad_request)
    return TemplateResponse(
        request,
        "samrad/detail.html",
        {
            "item": samrad_request,
            "actions": samrad_request.actions.select_related("party"),
            "purposes": [Purpose(value).label for value in samrad_request.purposes],
            "violence_forms": [
                ViolenceForm(value).label for value in samrad_request.violence_forms
            ],
            **forms,
        },
        status=status,
    )


def handle_detail_post(request, samrad_request, forms):
    """Apply one of the detail page's forms: True when saved, False when the form has
    errors, None when the post names no form of this page."""
    which = request.POST.get("form")
    user = request.user
    if which == "status":
        form = forms["status"] = StatusForm(request.POST)
        if not form.is_valid():
            return False
        old, new = samrad_request.status, form.cleaned_data["status"]
        samrad_request.status = new
        samrad_request.decline_reason = (
            form.cleaned_data["decline_reason"] if new == Status.DECLINED else ""
        )
        now = timezone.now()
        if new == Status.DISCUSSED and not samrad_request.discussed_at:
            samrad_request.discussed_at = now
        if new in (Status.CLOSED, Status.DECLINED):
            samrad_request.closed_at = now
        samrad_request.save()
        AuditEntry.record(user, AuditEntry.Event.CHANGED, samrad_request, f"status: {old} → {new}")
    elif which == "notes":
        form = forms["notes"] = NotesForm(request.POST)
        if not form.is_valid():
            return False
        samrad_request.coordinator_notes = form.cleaned_data["coordinator_notes"]
        samrad_request.save(update_fields=["coordinator_notes"])
        AuditEntry.record(user, AuditEntry.Event.CHANGED, samrad_request, "notes")
    elif which == "plan":
        form = forms["plan"] = PlanForm(request.POST)
        if not form.is_valid():
            return False
        with transaction.atomic():
            samrad_request.meeting = form.cleaned_data["meeting"]
            if samrad_request.status == Status.RECEIVED:
                samrad_request.status = Status.PLANNED
            samrad_request.save()
            AuditEntry.record(user, AuditEntry.Event.PLANNED, samrad_request)
            notifications.request_planned(samrad_request)
    elif which == "action":
        form = forms["action"] = ActionForm(request.POST)
        if not form.is_valid():
            return False
        action = form.save(commit=False)
        action.request = samrad_request
        action.save()
        AuditEntry.record(
            user, AuditEntry.Event.ACTION, samrad_request, f"action for {action.party.short_name}"
        )
    elif which == "action_done":
        action_id = request.POST.get("action_id", "")
        if not action_id.isascii() or not action_id.isdigit():
            raise Http404
        action = get_object_or_404(Action, pk=int(action_id), request=samrad_request)
        action.done_at = None if action.done_at else timezone.now()
        action.save(update_fields=["done_at"])
        AuditEntry.record(
            user,
            AuditEntry.Event.ACTION,
            samrad_request,
            "action done" if action.done_at else "action reopened",
        )
    else:
        return None
    messages.success(request, _("Saved."))
    return True


def next_weekly(site_settings):
    """The next weekly samråd at its fixed weekday and time."""
    today = timezone.localdate()
    days = (site_settings.weekly_weekday - today.weekday()) % 7 or 7
    day = today + timedelta(days=days)
    return timezone.make_aware(datetime.combine(day, site_settings.weekly_time))


@allowed_if(is_coordinator)
@require_http_methods(["GET", "POST"])
def meetings(request):
    site_settings = SamradSettings.for_site(Site.find_for_request(request))
    initial = {
        "kind": Meeting.MeetingKind.WEEKLY,
        "starts_at": timezone.localtime(next_weekly(site_settings)),
        "place": site_settings.weekly_place,
    }
    form = MeetingForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        meeting = form.save(commit=False)
        meeting.created_by = request.user
        meeting.save()
        form.save_m2m()
        messages.success(request, _("The samråd meeting has been created."))
        return redirect("samrad:meeting", meeting.pk)
    upcoming = Meeting.objects.filter(starts_at__gte=timezone.now() - timedelta(hours=12))
    return TemplateResponse(
        request,
        "samrad/meetings.html",
        {
            "form": form,
            "upcoming": upcoming.order_by("starts_at").annotate(n=Count("requests")),
            "past": Meeting.objects.exclude(pk__in=upcoming).annotate(n=Count("requests"))[:20],
        },
    )


@allowed_if(is_coordinator)
@require_http_methods(["GET", "POST"])
def meeting(request, pk):
    meeting = get_object_or_404(Meeting, pk=pk)
    form = MeetingForm(request.POST or None, instance=meeting)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Saved."))
        return redirect("samrad:meeting", meeting.pk)
    agenda = meeting.agenda()
    return TemplateResponse(
        request, "samrad/meeting.html", {"meeting": meeting, "form": form, "agenda": agenda}
    )


@allowed_if(is_coordinator)
def statistics_view(request):
    today = timezone.localdate()
    period = PeriodForm(
        request.GET or None, initial={"start": today.replace(month=1, day=1), "end": today}
    )
    start, end = today.replace(month=1, day=1), today
    if period.is_bound and period.is_valid():
        start, end = period.cleaned_data["start"], period.cleaned_data["end"]
    report = statistics.build(start, end)
    if request.GET.get("format") == "csv":
        AuditEntry.record(
            request.user, AuditEntry.Event.EXPORTED, None, f"statistics {start}–{end}"
        )
        response = HttpResponse(statistics.as_csv(report), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            f'attachment; filename="samrad-statistik-{start}-{end}.csv"'
        )
        return response
    return TemplateResponse(
        request,
        "samrad/statistics.html",
        {"period": period, "report": report, "start": start, "end": end},
    )


@allowed_if(may_read_audit_log)
def audit_log(request):
    entries = AuditEntry.objects.select_related("user")[:500]
    return TemplateResponse(request, "samrad/audit_log.html", {"entries": entries})
