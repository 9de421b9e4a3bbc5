"""The samråd representative's pages: the meetings their party is invited to with each
meeting's agenda as the party may see it, and the actions given to their party.

Nothing else: not the inbox, not a request's page, not another party's actions. A meeting
the party is not invited to and an action of another party are "not found", so that their
existence stays secret. Every page that shows case data records one audit entry per case."""

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import agenda, disclosure, flows, withdrawal
from ..access import allowed_if, is_representative
from ..forms import ActionDoneForm
from ..models import Action, AuditEntry, Meeting, SamradRequest

ACTIONS_PAGE_SIZE = 50


def invited_meetings(party):
    """The meetings the party is invited to, each with the number of cases it may see."""
    visible = (
        SamradRequest.objects.filter(meeting=OuterRef("pk"))
        .exclude(do_not_tell=party)
        .exclude(status__in=agenda.NOT_DISCUSSED)
        .order_by()
        .values("meeting")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Meeting.objects.filter(invited_parties=party).annotate(
        n=Subquery(visible, output_field=IntegerField())
    )


def party_actions(party):
    """The actions given to the party, open ones first (earliest follow-up date first),
    then those done, latest first; never one of a case the party must not be told of."""
    return disclosure.prefetched(
        Action.objects.filter(party=party)
        .exclude(request__do_not_tell=party)
        .select_related("request", "done_by")
        .order_by(
            F("done_at").desc(nulls_first=True),
            F("due_on").asc(nulls_last=True),
            "created_at",
            "pk",
        ),
        "request__",
    )


@allowed_if(is_representative)
def overview(request):
    party = request.user.party
    meetings = invited_meetings(party)
    since = timezone.now() - timedelta(hours=12)
    return TemplateResponse(
        request,
        "samrad/representative/overview.html",
        {
            "party": party,
            "upcoming": meetings.filter(starts_at__gte=since).order_by("starts_at"),
            "past": meetings.filter(starts_at__lt=since).order_by("-starts_at")[:20],
            "open_actions": party_actions(party).filter(done_at__isnull=True).count(),
            "withdrawn": withdrawal.notices_for(party),
        },
    )


@allowed_if(is_representative)
def meeting(request, pk):
    party = request.user.party
    # A meeting the party is not invited to is "not found": its existence stays secret.
    meeting = get_object_or_404(Meeting.objects.filter(invited_parties=party), pk=pk)
    page = agenda.page_of(agenda.party_samrad_requests(meeting, party), request.GET.get("page"))
    samrad_requests = list(page)
    AuditEntry.record_many(
        request.user, AuditEntry.Event.VIEWED, samrad_requests, f"agenda for {party.short_name}"
    )
    return TemplateResponse(
        request,
        "samrad/representative/meeting.html",
        {
            "party": party,
            "meeting": meeting,
            "page": page,
            "lines": agenda.lines(samrad_requests, disclosure.for_party(party)),
            "first_number": page.start_index(),
        },
    )


def valid_action_id(value):
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise Http404
    return int(value)


@allowed_if(is_representative)
@require_http_methods(["GET", "POST"])
def actions(request):
    party = request.user.party
    posted_id, posted_form = None, None
    if request.method == "POST":
        posted_id = valid_action_id(request.POST.get("action_id", ""))
        posted_form = ActionDoneForm(request.POST, auto_id=f"id_action_{posted_id}_%s")
        if posted_form.is_valid():
            try:
                flows.complete_action(request.user, posted_id, posted_form.cleaned_data["note"])
            except Action.DoesNotExist:
                raise Http404 from None
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
            else:
                messages.success(request, _("The action is marked done."))
                return redirect(reverse("samrad:representative_actions") + f"#action-{posted_id}")
        else:
            messages.error(request, _("Nothing was saved. Correct the fields marked below."))
    page = Paginator(party_actions(party), ACTIONS_PAGE_SIZE).get_page(request.GET.get("page"))
    shown = list(page)
    samrad_requests = list({action.request_id: action.request for action in shown}.values())
    AuditEntry.record_many(
        request.user, AuditEntry.Event.VIEWED, samrad_requests, f"actions for {party.short_name}"
    )
    viewer = disclosure.for_party(party)
    # An action given to a party outside a consent case's consent keeps its texts back (the
    # description and the note): the party sees the reference and the date, and why.
    rows = [
        (
            action,
            posted_form
            if action.pk == posted_id
            else ActionDoneForm(auto_id=f"id_action_{action.pk}_%s"),
            disclosure.may_see(action.request, viewer),
        )
        for action in shown
    ]
    return TemplateResponse(
        request,
        "samrad/representative/actions.html",
        {"party": party, "page": page, "rows": rows},
    )
