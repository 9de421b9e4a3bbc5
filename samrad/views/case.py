"""The coordinator's case page: the request, and one view and one address per change of it.

The page is one HTML form, so that what was typed in one section still comes along when
another section's button is pressed and is shown again instead of lost. Each button posts
to its own address (formaction); its view validates that section's form (named by its
prefix) and makes the change through one function of flows.py."""

from functools import wraps

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from .. import flows
from ..access import allowed_if, is_coordinator
from ..forms import (
    ActionForm,
    AskForm,
    ConsentWithdrawnForm,
    InviteForm,
    NotesForm,
    PlanForm,
    RecordForm,
    RedactForm,
    StatusForm,
    TakeOffForm,
    record_ground_initial,
)
from ..models import Action, AuditEntry, Purpose, SamradRequest, ViolenceForm

# The page's sections: each form's prefix, and the page's anchor it is shown at.
SECTIONS = {
    "plan": PlanForm,
    "takeoff": TakeOffForm,
    "invite": InviteForm,
    "status": StatusForm,
    "action": ActionForm,
    "consent": ConsentWithdrawnForm,
    "record": RecordForm,
    "redact": RedactForm,
    "ask": AskForm,
    "notes": NotesForm,
}
ANCHORS = {"takeoff": "plan", "action": "actions"}
PER_REQUEST = {"action", "invite", "record", "redact", "status"}  # choices depend on the request


def samrad_requests():
    return SamradRequest.objects.select_related(
        "referring_party", "home_municipality", "meeting", "created_by"
    )


def section_form(name, samrad_request, data=None, initial=None):
    kwargs = {"samrad_request": samrad_request} if name in PER_REQUEST else {}
    return SECTIONS[name](data, initial=initial, prefix=name, **kwargs)


def stored_values(samrad_request):
    return {
        "plan": {
            "meeting": samrad_request.meeting_id,
            "agenda_time": f"{timezone.localtime(samrad_request.agenda_starts_at):%H:%M}"
            if samrad_request.agenda_starts_at
            else "",
            "agenda_minutes": samrad_request.agenda_minutes,
        },
        "takeoff": {},
        "invite": {},
        "status": {"status": samrad_request.status},
        "action": {},
        "consent": {},
        # The selects the browser always sends, as they stand before any typing.
        "record": {
            "record_shared_by": samrad_request.referring_party_id,
            **record_ground_initial(samrad_request),
        },
        # A select the browser always sends: its first choice is no typing.
        "redact": {"redact_field": "situation"},
        "ask": {},
        "notes": {"coordinator_notes": samrad_request.coordinator_notes},
    }


def typed(form, post):
    """What the post holds for a section's fields, as initial values (never validated)."""
    values = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if key in post:
            multiple = isinstance(field, forms.MultipleChoiceField)
            values[name] = post.getlist(key) if multiple else post[key]
    return values


def differs(typed_values, stored):
    for name, value in typed_values.items():
        was = stored.get(name)
        was = "" if was is None else str(was).replace("\r\n", "\n")
        if str(value).replace("\r\n", "\n").strip() != was.strip():
            return True
    return False


def page_forms(samrad_request, post=None, bound=None, before=None, saved=None):
    """The page's section forms: the bound one as posted (with its errors), the one just
    saved as stored now, the others with what was typed in them when that differs from
    what was stored before the post (then they are "kept": not saved yet), else with what
    is stored now."""
    now = stored_values(samrad_request)
    before = before or now
    result, kept = {}, []
    for name in SECTIONS:
        if bound is not None and bound.prefix == name:
            result[name] = bound
            continue
        form = section_form(name, samrad_request, initial=now[name])
        values = typed(form, post) if post is not None and name != saved else {}
        if values and differs(values, before[name]):
            kept.append(name)
            form = section_form(name, samrad_request, initial=values)
        result[name] = form
    return result, kept


def linked(related):
    return related.only("pk", "reference", "created_at", "purged_at").order_by("-created_at")


def case_page(request, samrad_request, section_forms, kept):
    """The case page, for a read or for a post to be shown again: every response that
    shows the contents is a read, whatever the method."""
    AuditEntry.record(request.user, AuditEntry.Event.VIEWED, samrad_request)
    return TemplateResponse(
        request,
        "samrad/detail.html",
        {
            "samrad_request": samrad_request,
            "actions": samrad_request.actions.select_related("party"),
            "invitations": samrad_request.invitations.select_related("party"),
            "records": samrad_request.records.select_related("shared_by").prefetch_related(
                "parties_present", "grounds__party", "grounds__provision"
            ),
            "information_requests": samrad_request.information_requests.select_related(
                "asked_by", "answered_by"
            ),
            # The other requests about the same person: references and dates only.
            "earlier_requests": linked(samrad_request.earlier_requests),
            "later_requests": linked(samrad_request.later_requests),
            "purposes": [Purpose(value).label for value in samrad_request.purposes],
            "violence_forms": [
                ViolenceForm(value).label for value in samrad_request.violence_forms
            ],
            "kept": kept,
            "home_not_invited": home_not_invited(samrad_request),
            **section_forms,
        },
    )


def home_not_invited(samrad_request):
    """The home municipality of a case on a meeting, when it is not invited to that
    meeting and may be told: its social services are to take part (seed 001 §10.3)."""
    home = samrad_request.home_municipality
    if samrad_request.meeting_id is None or home is None or samrad_request.status != "planned":
        return None
    if samrad_request.do_not_tell.filter(pk=home.pk).exists():
        return None
    if samrad_request.meeting.invited_parties.filter(pk=home.pk).exists():
        return None
    return home


@allowed_if(is_coordinator)
@require_GET
def detail(request, pk):
    samrad_request = get_object_or_404(samrad_requests(), pk=pk)
    return case_page(request, samrad_request, *page_forms(samrad_request))


def done(request, samrad_request, message, before, *, saved=None, anchor):
    """Saved: back to the case page, unless something typed in another section would be
    lost; then the page is shown again with it, and says so."""
    messages.success(request, message)
    section_forms, kept = page_forms(samrad_request, request.POST, before=before, saved=saved)
    if not kept:
        return redirect(reverse("samrad:detail", args=[samrad_request.pk]) + f"#{anchor}")
    messages.warning(
        request,
        _(
            "What you typed in another section is not saved yet: it is kept "
            "below. Save it with that section's button."
        ),
    )
    return case_page(request, samrad_request, section_forms, kept)


def changes_case(section):
    """A view of one section of the case page: coordinators only, by POST only, on a case
    that exists (else 404). The decorated function gets the section's valid form, makes
    the change through one function of flows.py and returns the message that confirms it. Invalid input
    and a change the flow refuses show the page again with what was typed."""

    def decorator(change):
        @allowed_if(is_coordinator)
        @require_POST
        @wraps(change)
        def view(request, pk):
            samrad_request = get_object_or_404(samrad_requests(), pk=pk)
            before = stored_values(samrad_request)
            form = section_form(section, samrad_request, request.POST)
            if form.is_valid():
                try:
                    message = change(request.user, samrad_request, form)
                except ValidationError as error:
                    # The flow refused the change: say why, not "correct the fields".
                    messages.error(
                        request, " ".join([str(_("Nothing was saved.")), *error.messages])
                    )
                else:
                    anchor = ANCHORS.get(section, section)
                    return done(
                        request, samrad_request, message, before, saved=section, anchor=anchor
                    )
            else:
                messages.error(request, _("Nothing was saved. Correct the fields marked below."))
            return case_page(
                request, samrad_request, *page_forms(samrad_request, request.POST, form, before)
            )

        return view

    return decorator


@changes_case("plan")
def plan(user, samrad_request, form):
    data = form.cleaned_data
    flows.plan(
        user,
        samrad_request,
        data["meeting"],
        at=data["agenda_time"],
        minutes=data["agenda_minutes"],
    )
    return _("The case is put on the meeting.")


@changes_case("takeoff")
def take_off(user, samrad_request, form):
    flows.take_off_meeting(user, samrad_request)
    return _("The case is taken off the meeting.")


@changes_case("invite")
def invite(user, samrad_request, form):
    invitation = flows.invite(
        user, samrad_request, form.cleaned_data["invite_party"], form.cleaned_data["provision"]
    )
    if getattr(invitation, "unreached", None):
        return _(
            "The party is invited to take part in the case and to its meeting, but has no "
            "functional mailbox: tell it another way."
        )
    if getattr(invitation, "meeting_invited", False):
        return _("The party is invited to take part in the case and to its meeting.")
    return _("The party is invited to take part in the case.")


@changes_case("status")
def change_status(user, samrad_request, form):
    flows.change_status(
        user,
        samrad_request,
        form.cleaned_data["status"],
        decline_reason=form.cleaned_data["decline_reason"],
        close_with_open_actions=form.cleaned_data.get("close_with_open_actions", False),
    )
    return _("The status is saved.")


@changes_case("action")
def add_action(user, samrad_request, form):
    flows.add_action(user, samrad_request, form)
    return _("The action is added.")


@changes_case("consent")
def withdraw_consent(user, samrad_request, form):
    flows.withdraw_consent(user, samrad_request, form.cleaned_data["consent_withdrawn_on"])
    return _("The consent withdrawal is recorded.")


@changes_case("record")
def record(user, samrad_request, form):
    flows.record_samrad(user, samrad_request, form.cleaned_data)
    return _("The samråd is documented.")


@changes_case("redact")
def redact(user, samrad_request, form):
    flows.redact(
        user, samrad_request, form.cleaned_data["redact_field"], form.cleaned_data["redact_text"]
    )
    return _("The text is removed.")


@changes_case("ask")
def ask(user, samrad_request, form):
    flows.ask_for_information(user, samrad_request, form.cleaned_data["information_question"])
    return _("The question is sent. The professional is told by e-mail that a question waits.")


@changes_case("notes")
def notes(user, samrad_request, form):
    flows.save_notes(user, samrad_request, form.cleaned_data["coordinator_notes"])
    return _("The notes are saved.")


@allowed_if(is_coordinator)
@require_POST
def toggle_action(request, pk, action_pk):
    """Mark an action of the case done, or open it again. An action of another case is
    not found."""
    samrad_request = get_object_or_404(samrad_requests(), pk=pk)
    action = get_object_or_404(Action, pk=action_pk, request=samrad_request)
    before = stored_values(samrad_request)
    action = flows.toggle_action(request.user, samrad_request, action.pk)
    message = _("The action is marked done.") if action.done_at else _("The action is open again.")
    return done(request, samrad_request, message, before, anchor="actions")
