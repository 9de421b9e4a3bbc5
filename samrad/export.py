"""A case's record exported as a PDF before it is disposed of: to be filed in the records
system of the authority that employs the coordinator (the records are its official
records). The export holds everything the case page holds, and is itself audited."""

from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from recordkeeping.models import decisions_in_force
from staff.pdf import paged_pdf

from . import disclosure, fieldsets
from .access import allowed_if, is_coordinator
from .models import AuditEntry, Purpose, SamradRequest, ViolenceForm

# The request's fields in the order of the case page (the statistics columns and the
# contents); the lists and relations are added by request_lines.
REQUEST_FIELDS = [
    "created_at",
    "mode",
    "kind",
    "urgency",
    "status",
    "referring_party",
    "home_municipality",
    "person_name",
    "person_id_number",
    "gender",
    "age_band",
    "children_count",
    "concern_reported",
    "interpreter_needed",
    "interpreter_language",
    "protected_identity",
    "contact_safe",
    "contact_instructions",
    "message_may_be_left",
    "situation",
    "question",
    "additions",
    "risk_instrument",
    "risk_assessed_on",
    "risk_assessed_by",
    "risk_level",
    "risk_judgement",
    "consent_form",
    "consent_signed_on",
    "consent_given_on",
    "consent_received_by",
    "consent_until",
    "consent_scope",
    "consent_form_kept",
    "consent_withdrawn_on",
    "decline_reason",
    "withdraw_reason",
    "coordinator_notes",
    "follow_up_on",
]


def shown(value):
    """A stored value as text: dates by ISO date, times in local time, empty as a dash."""
    if value is None or value == "":
        return "–"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if hasattr(value, "tzinfo") and hasattr(value, "hour"):
        return f"{timezone.localtime(value):%Y-%m-%d %H:%M}"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def field_line(samrad_request, name):
    field = samrad_request._meta.get_field(name)
    value = getattr(samrad_request, name)
    if name in fieldsets.IDENTIFYING:
        # The coordinator's own rule for the identity (disclosure.py): not once the consent
        # is no longer in force, on paper as on the case page.
        answer = disclosure.may_see(
            samrad_request, disclosure.COORDINATOR, disclosure.Item.IDENTITY
        )
        if not answer:
            return f"{str(field.verbose_name).capitalize()}: {answer.why}"
    if field.choices and value:
        value = getattr(samrad_request, f"get_{name}_display")()
    return f"{str(field.verbose_name).capitalize()}: {shown(value)}"


def listed(values, separator=", "):
    return separator.join(str(value) for value in values) or "–"


def names(parties):
    return listed(party.short_name for party in parties)


def heading(text):
    return ["", text, "=" * min(len(text), 90)]


def request_lines(samrad_request):
    lines = heading(_("The request"))
    lines.append(f"{_('Reference')}: {samrad_request.reference}")
    lines += [field_line(samrad_request, name) for name in REQUEST_FIELDS]
    professional = samrad_request.created_by.get_full_name() or samrad_request.created_by.email
    contact = listed(
        v for v in [professional, samrad_request.contact_phone, samrad_request.contact_email] if v
    )
    lines.append(f"{_('Professional')}: {contact}")
    lines.append(f"{_('Closed')}: {shown(samrad_request.closed_at)}")
    lines.append(f"{_('Purged')}: {shown(samrad_request.purged_at)}")
    lines.append(f"{_('Purpose')}: {listed(Purpose(v).label for v in samrad_request.purposes)}")
    lines.append(
        f"{_('Forms of violence')}: {listed(ViolenceForm(v).label for v in samrad_request.violence_forms)}"
    )
    ages = samrad_request._meta.get_field("children_age_bands").verbose_name
    lines.append(f"{str(ages).capitalize()}: {listed(samrad_request.children_age_labels)}")
    lines.append(f"{_('Parties wanted')}: {names(samrad_request.parties_wanted.all())}")
    return lines


def sharing_lines(samrad_request):
    lines = heading(_("What was shared with whom, on which ground"))
    lines.append(
        f"{_('Parties the consent covers')}: {names(samrad_request.consent_parties.all())}"
    )
    lines.append(
        f"{_('Kinds of information the consent covers')}: "
        f"{listed(samrad_request.consent_information_list, '; ')}"
    )
    lines.append(f"{_('Consent valid until')}: {shown(samrad_request.consent_valid_until)}")
    lines.append(f"{_('Must not be told anything')}: {names(samrad_request.do_not_tell.all())}")
    lines.append(_("Invitations") + ":")
    invitations = samrad_request.invitations.select_related("party")
    for invitation in invitations:
        ground = invitation.get_ground_display()
        if invitation.provision:
            ground += f" ({invitation.provision})"
        lines.append(f"- {shown(invitation.created_at)} {invitation.party.short_name}: {ground}")
    if not invitations:
        lines.append("- " + _("None."))
    lines.append(_("Shared at each samråd") + ":")
    records = samrad_request.records.prefetch_related("grounds__party", "grounds__provision")
    for record in records:
        for row in record.grounds.all():
            lines.append(
                f"- {shown(record.held_on)} {row.party.short_name}: {row.shown_ground}; "
                f"{listed(record.information_list, '; ')}"
            )
    if not records:
        lines.append("- " + _("None."))
    return lines


def record_lines(samrad_request):
    lines = heading(_("Samråd records"))
    records = samrad_request.records.select_related("shared_by").prefetch_related(
        "parties_present", "grounds__party", "grounds__provision"
    )
    for record in records:
        lines += ["", _("Samråd %(date)s") % {"date": shown(record.held_on)}]
        lines.append(f"{_('Parties taking part')}: {names(record.parties_present.all())}")
        grounds = listed(
            f"{row.party.short_name}: {row.shown_ground}" for row in record.grounds.all()
        )
        lines.append(f"{_('Ground for each party')}: {grounds}")
        lines += [
            field_line(record, name)
            for name in (
                "shared_by",
                "information_shared",
                "decision",
                "agreed_risk_level",
                "follow_up_on",
            )
        ]
        recorder = record.recorded_by.email if record.recorded_by else "–"
        lines.append(f"{_('Recorded by')}: {recorder}, {shown(record.created_at)}")
    if len(lines) == 3:
        lines.append(_("No samråd recorded yet."))
    return lines


def action_lines(samrad_request):
    lines = heading(_("Actions agreed"))
    actions = samrad_request.actions.select_related("party", "done_by")
    for action in actions:
        lines += ["", f"{action.party.short_name}: {shown(action.description)}"]
        lines.append(f"{_('Follow up by')}: {shown(action.due_on)}")
        done_by = f" ({action.done_by.email})" if action.done_by else ""
        lines.append(f"{_('Done')}: {shown(action.done_at)}{done_by}")
        lines.append(f"{_('Note')}: {shown(action.note)}")
    if not actions:
        lines.append(_("No actions recorded yet."))
    return lines


def question_lines(samrad_request):
    lines = heading(_("Questions to the professional"))
    questions = samrad_request.information_requests.select_related("asked_by", "answered_by")
    for question in questions:
        asker = question.asked_by.email if question.asked_by else "–"
        lines += ["", f"{shown(question.asked_at)} {asker}: {shown(question.question)}"]
        if question.answered_at:
            answerer = question.answered_by.email if question.answered_by else "–"
            lines.append(
                f"{_('Answer')}: {shown(question.answered_at)} {answerer}: {shown(question.answer)}"
            )
        else:
            lines.append(_("Not answered yet."))
    if not questions:
        lines.append(_("No questions asked."))
    return lines


def audit_lines(samrad_request):
    lines = heading(_("Audit trail: who read and changed the case"))
    for entry in samrad_request.audit.select_related("user").order_by("at", "pk"):
        who = entry.user.email if entry.user else _("the system")
        detail = f" – {entry.detail}" if entry.detail else ""
        lines.append(f"{shown(entry.at)} {who}: {entry.get_event_display()}{detail}")
    return lines


def export_lines(samrad_request, user):
    decisions = decisions_in_force()
    if len(decisions) == 1:
        basis = _("Kept under the retention decision %(reference)s of %(authority)s.") % {
            "reference": decisions[0].reference,
            "authority": decisions[0].authority.name,
        }
    else:
        basis = _("No single retention decision is in force: nothing is disposed of.")
    lines = [
        _("Samråd case %(reference)s: the record") % {"reference": samrad_request.reference},
        f"{_('Exported')}: {shown(timezone.now())}, {user.email}",
        basis,
    ]
    lines += request_lines(samrad_request)
    lines += record_lines(samrad_request)
    lines += sharing_lines(samrad_request)
    lines += action_lines(samrad_request)
    lines += question_lines(samrad_request)
    lines += audit_lines(samrad_request)
    return lines


@never_cache
@allowed_if(is_coordinator)
def record_export(request, pk):
    """The case's whole record as a PDF, for the employer's records system."""
    samrad_request = get_object_or_404(
        SamradRequest.objects.select_related(
            "referring_party", "home_municipality", "risk_assessed_by", "created_by"
        ),
        pk=pk,
    )
    with transaction.atomic():
        AuditEntry.record(request.user, AuditEntry.Event.EXPORTED, samrad_request, "record as PDF")
        content = paged_pdf(export_lines(samrad_request, request.user))
    response = HttpResponse(content, content_type="application/pdf")
    # The reference only: the file name may be seen in downloads lists and mail logs.
    response["Content-Disposition"] = (
        f'attachment; filename="samrad-{samrad_request.reference}.pdf"'
    )
    return response
