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
    AnswerForm,
    ConsentRequestForm,
    ConsentWithdrawnForm,
    DeidentifiedRequestForm,
    WithdrawForm,
)
from ..models import AuditEntry, InformationRequest, SamradRequest, Status
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


def answer_form(question, data=None):
    """The answer form of one open question; its ids name the question, so that several
    questions' forms on one page do not share an id."""
    return AnswerForm(data, auto_id=f"id_q{question.pk}_%s")


def questions_with_forms(samrad_request, posted=None):
    """The request's questions, oldest first, each open one with its answer form (the one
    just posted bound, with its errors)."""
    questions = list(samrad_request.information_requests.all())
    for question in questions:
        if question.is_answered:
            question.form = None
        elif posted is not None and posted[0] == question.pk:
            question.form = posted[1]
        else:
            question.form = answer_form(question)
    return questions


def posted_question(request, samrad_request):
    """The open or answered question the post names, of this request; else 404 (another
    request's question is not found, as another's request is)."""
    try:
        question_id = int(request.POST.get("question", ""))
    except ValueError:
        raise Http404 from None
    return get_object_or_404(samrad_request.information_requests, pk=question_id)


def agreed_plan(samrad_request, free_text):
    """The records' agreed plan and follow-up date, for the referring professional as the
    disclosure rule allows (their own request's free text): not what was shared, with whom,
    nor other parties' actions."""
    if not free_text or samrad_request.purged_at:
        return []
    return samrad_request.records.only("request_id", "held_on", "decision", "follow_up_on")


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
    posted = None
    status = 200
    if request.method == "POST" and request.POST.get("form") == "answer":
        question = posted_question(request, samrad_request)
        form = answer_form(question, request.POST)
        posted = (question.pk, form)
        if not form.is_valid():
            messages.error(request, _("Nothing was saved. Correct the fields marked below."))
        else:
            try:
                flows.answer_question(
                    request.user, samrad_request, question.pk, form.cleaned_data["answer"]
                )
            except InformationRequest.DoesNotExist:
                raise Http404 from None
            except ValidationError as error:
                # Said above the page: an answered question has no form to show it in.
                messages.error(request, " ".join(error.messages))
                form.add_error(None, error)
            else:
                messages.success(request, _("Your answer is sent to the coordinator."))
                return redirect("samrad:mine_detail", samrad_request.pk)
    elif request.method == "POST" and request.POST.get("form") == "add":
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
    free_text = disclosure.may_see(samrad_request, disclosure.for_professional(request.user))
    return TemplateResponse(
        request,
        "samrad/mine_detail.html",
        {
            "samrad_request": samrad_request,
            "free_text": free_text,
            "questions": questions_with_forms(samrad_request, posted)
            if free_text and not samrad_request.purged_at
            else [],
            "plan_records": agreed_plan(samrad_request, free_text),
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
