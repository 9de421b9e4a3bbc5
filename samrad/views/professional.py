"""The professional's pages: writing a request, and their own requests (nobody else's)."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import disclosure, flows
from ..access import allowed_if, may_send_requests
from ..forms import (
    AddInformationForm,
    ConsentRequestForm,
    ConsentWithdrawnForm,
    DeidentifiedRequestForm,
    WithdrawForm,
)
from ..models import AuditEntry, SamradRequest, Status
from ..paging import paginate

FORMS = {"samtycke": ConsentRequestForm, "avidentifierad": DeidentifiedRequestForm}


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
        samrad_request = flows.submit(request.user, form)
        messages.success(request, _("Your request has been sent to the coordinator."))
        return redirect("samrad:mine_detail", samrad_request.pk)
    if request.method == "POST":
        messages.error(request, _("The request was not sent. Correct the fields marked below."))
    return TemplateResponse(
        request, "samrad/request_form.html", {"form": form, "mode": form_class.mode}
    )


@allowed_if(may_send_requests)
def mine(request):
    samrad_requests = (
        SamradRequest.objects.filter(created_by=request.user)
        .select_related("meeting", "referring_party")
        .order_by("-created_at", "pk")
    )
    return TemplateResponse(
        request, "samrad/mine.html", {"page": paginate(request, samrad_requests)}
    )


@allowed_if(may_send_requests)
@require_http_methods(["GET", "POST"])
def mine_detail(request, pk):
    # Someone else's request is "not found", not "forbidden": its existence stays secret.
    samrad_request = get_object_or_404(
        SamradRequest.objects.select_related("meeting", "referring_party", "home_municipality"),
        pk=pk,
        created_by=request.user,
    )
    withdraw_form = WithdrawForm()
    consent_form = ConsentWithdrawnForm()
    add_form = AddInformationForm()
    status = 200
    if request.method == "POST" and request.POST.get("form") == "add":
        add_form = AddInformationForm(request.POST)
        if add_form.is_valid():
            try:
                flows.add_information(
                    request.user, samrad_request, add_form.cleaned_data["addition"]
                )
            except ValidationError as error:
                add_form.add_error(None, error)
            else:
                messages.success(request, _("Added. The coordinator is told."))
                return redirect("samrad:mine_detail", samrad_request.pk)
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    elif request.method == "POST" and request.POST.get("form") == "consent":
        consent_form = ConsentWithdrawnForm(request.POST)
        if consent_form.is_valid():
            try:
                flows.withdraw_consent(
                    request.user, samrad_request, consent_form.cleaned_data["consent_withdrawn_on"]
                )
            except ValidationError as error:
                consent_form.add_error(None, error)
            else:
                messages.success(
                    request, _("The consent withdrawal is recorded; the coordinator is told.")
                )
                return redirect("samrad:mine_detail", samrad_request.pk)
        messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    elif request.method == "POST":
        if request.POST.get("form") != "withdraw":
            status = 400
            messages.error(request, _("Nothing was saved: the form was not recognised."))
        else:
            withdraw_form = WithdrawForm(request.POST)
            if withdraw_form.is_valid():
                try:
                    flows.withdraw(
                        request.user,
                        samrad_request,
                        withdraw_form.cleaned_data["withdraw_reason"],
                    )
                except ValidationError as error:
                    withdraw_form.add_error(None, error)
                else:
                    messages.success(request, _("The request has been withdrawn."))
                    return redirect("samrad:mine_detail", samrad_request.pk)
            messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    AuditEntry.record(request.user, AuditEntry.Event.VIEWED, samrad_request, "own request")
    return TemplateResponse(
        request,
        "samrad/mine_detail.html",
        {
            "samrad_request": samrad_request,
            "free_text": disclosure.may_see(
                samrad_request, disclosure.for_professional(request.user)
            ),
            "withdraw_form": withdraw_form,
            "consent_form": consent_form,
            "add_form": add_form,
            # The actions agreed for the professional's own party, nothing of the others'.
            "own_actions": samrad_request.actions.filter(party=request.user.party).exclude(
                request__do_not_tell=request.user.party
            )
            if request.user.party
            else [],
            "may_withdraw": Status.WITHDRAWN in flows.TRANSITIONS[samrad_request.status]
            and not samrad_request.purged_at,
        },
        status=status,
    )
