"""The coordinator's case page: the request, and the forms that change it."""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import flows
from ..access import allowed_if, is_coordinator
from ..forms import (
    ActionForm,
    ConsentWithdrawnForm,
    InviteForm,
    NotesForm,
    PlanForm,
    RecordForm,
    RedactForm,
    StatusForm,
    TakeOffForm,
)
from ..models import Action, AuditEntry, Purpose, SamradRequest, ViolenceForm

# The detail page is one HTML form: each section's button names its section, and what was
# typed in the other sections comes along, so it is shown again instead of lost.
SECTIONS = {
    "plan": PlanForm,
    "takeoff": TakeOffForm,
    "invite": InviteForm,
    "status": StatusForm,
    "action": ActionForm,
    "consent": ConsentWithdrawnForm,
    "record": RecordForm,
    "redact": RedactForm,
    "notes": NotesForm,
}
PER_REQUEST = {
    "action",
    "invite",
    "record",
    "redact",
}  # sections whose choices depend on the request


def stored_values(item):
    return {
        "plan": {"meeting": item.meeting_id},
        "takeoff": {},
        "invite": {},
        "status": {"status": item.status},
        "action": {},
        "consent": {},
        "record": {},
        # A select the browser always sends: its first choice is no typing.
        "redact": {"redact_field": "situation"},
        "notes": {"coordinator_notes": item.coordinator_notes},
    }


def typed(form_class, post):
    """What the post holds for a section's fields, as initial values (never validated)."""
    return {
        name: post.getlist(name) if isinstance(field, forms.MultipleChoiceField) else post[name]
        for name, field in form_class.base_fields.items()
        if name in post
    }


def differs(typed_values, stored):
    for name, value in typed_values.items():
        was = stored.get(name)
        was = "" if was is None else str(was).replace("\r\n", "\n")
        if str(value).replace("\r\n", "\n").strip() != was.strip():
            return True
    return False


def detail_forms(item, post=None, posted=None, saved=False):
    """The page's section forms: the posted one bound (errors shown) unless it was saved,
    the others showing what was typed in them, if anything."""
    stored = stored_values(item)
    result, kept = {}, []
    for name, form_class in SECTIONS.items():
        kwargs = {"samrad_request": item} if name in PER_REQUEST else {}
        if post is not None and name == posted and not saved:
            result[name] = form_class(post, **kwargs)
            continue
        values = typed(form_class, post) if post is not None and name != posted else {}
        if values and differs(values, stored[name]):
            kept.append(name)
            result[name] = form_class(initial=values, **kwargs)
        else:
            result[name] = form_class(initial=stored[name], **kwargs)
    return result, kept


@allowed_if(is_coordinator)
@require_http_methods(["GET", "POST"])
def detail(request, pk):
    samrad_request = get_object_or_404(
        SamradRequest.objects.select_related(
            "referring_party", "home_municipality", "meeting", "created_by"
        ),
        pk=pk,
    )
    status = 200
    if request.method == "POST":
        before = stored_values(samrad_request)
        which = request.POST.get("form")
        if which is None and "action_done" in request.POST:
            which = "action_done"
        saved = handle_detail_post(request, samrad_request, which)
        if saved is None:
            status = 400
            messages.error(request, _("Nothing was saved: the form was not recognised."))
            page_forms, kept = detail_forms(samrad_request)
        else:
            page_forms, kept = detail_forms(samrad_request, request.POST, which, saved)
            # Compare with what was stored before this post, not with what it changed.
            kept = [
                name for name in kept if differs(typed(SECTIONS[name], request.POST), before[name])
            ]
            if saved and not kept:
                return redirect("samrad:detail", samrad_request.pk)
            if not saved:
                messages.error(request, _("Nothing was saved. Correct the fields marked below."))
            if kept:
                messages.warning(
                    request,
                    _(
                        "What you typed in another section is not saved yet: it is kept "
                        "below. Save it with that section's button."
                    ),
                )
    else:
        page_forms, kept = detail_forms(samrad_request)
    # Every response that shows the contents is a read, whatever the method.
    AuditEntry.record(request.user, AuditEntry.Event.VIEWED, samrad_request)
    return TemplateResponse(
        request,
        "samrad/detail.html",
        {
            "item": samrad_request,
            "actions": samrad_request.actions.select_related("party"),
            "invitations": samrad_request.invitations.select_related("party"),
            "records": samrad_request.records.prefetch_related("parties_present"),
            "purposes": [Purpose(value).label for value in samrad_request.purposes],
            "violence_forms": [
                ViolenceForm(value).label for value in samrad_request.violence_forms
            ],
            "kept": kept,
            **page_forms,
        },
        status=status,
    )


def handle_detail_post(request, samrad_request, which):
    """Apply one section of the detail page through its flow: True when saved, False when
    the section's form has errors, None when the post names no section of this page."""
    user = request.user
    if which == "action_done":
        action_id = request.POST.get("action_id") or request.POST.get("action_done", "")
        if not action_id.isascii() or not action_id.isdigit() or len(action_id) > 18:
            raise Http404
        get_object_or_404(Action, pk=int(action_id), request=samrad_request)
        flows.toggle_action(user, samrad_request, int(action_id))
        messages.success(request, _("Saved."))
        return True
    if which not in SECTIONS:
        return None
    kwargs = {"samrad_request": samrad_request} if which in PER_REQUEST else {}
    form = SECTIONS[which](request.POST, **kwargs)
    if not form.is_valid():
        return False
    data = form.cleaned_data
    try:
        if which == "plan":
            flows.plan(user, samrad_request, data["meeting"])
        elif which == "takeoff":
            flows.take_off_meeting(user, samrad_request)
        elif which == "status":
            flows.change_status(
                user, samrad_request, data["status"], decline_reason=data["decline_reason"]
            )
        elif which == "action":
            flows.add_action(user, samrad_request, form)
        elif which == "invite":
            flows.invite(user, samrad_request, data["invite_party"], data["provision"])
        elif which == "consent":
            flows.withdraw_consent(user, samrad_request, data["consent_withdrawn_on"])
        elif which == "record":
            flows.record_samrad(user, samrad_request, data)
        elif which == "redact":
            flows.redact(user, samrad_request, data["redact_field"], data["redact_text"])
        elif which == "notes":
            flows.save_notes(user, samrad_request, data["coordinator_notes"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return False
    messages.success(request, _("Saved."))
    return True
