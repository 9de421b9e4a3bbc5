"""Every change of a samråd request, one function each: validated, atomic, audited.

Views stay thin and call these. Each function locks the request row, checks that the
change is allowed from the state the database holds (not the state the page showed),
makes the change and writes its audit entry in the same transaction; e-mail waits in
the outbox until the transaction commits. Audit entries name what changed, never the
content.

    received ─▶ planned ─▶ discussed ─▶ follow-up ─▶ closed
        │          │           │            │
        └──────────┴───────────┴────────────┴─▶ declined (coordinator) / withdrawn (professional)

    received / discussed / follow-up ─▶ awaiting more information ─▶ back where it was

A case taken off its meeting (or whose meeting is cancelled) goes back to the state it
had before it was planned. A question to the referring professional (komplettering)
makes a received, discussed or follow-up case wait; when every open question is
answered it goes back to the state it had when asked (waiting_from). A planned case
stays on its meeting when asked (leaving it would tell every party the agenda changed):
its question waits, not the case. A waiting case may still be planned, declined or
withdrawn, or moved back by the coordinator (answered by phone); an open question stays
open until answered. Meetings change here too: each change is saved, audited and
mailed to the invited parties once; doing the same again changes and sends nothing.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from . import disclosure, notifications, slots, withdrawal
from .models import (
    Action,
    Attendance,
    AuditEntry,
    InformationRequest,
    Invitation,
    Meeting,
    Mode,
    OtherActor,
    RecordGround,
    SamradRecord,
    SamradRequest,
    Status,
)

# Where each state may go; _move refuses every other move. Declined and withdrawn are
# final; a closed case may be taken up again as a follow-up until its contents are purged.
# A planned case goes back to what it was before planning when it is taken off its
# meeting or the meeting is cancelled: received, discussed or follow-up.
TRANSITIONS = {
    Status.RECEIVED: {
        Status.AWAITING,
        Status.PLANNED,
        Status.DISCUSSED,
        Status.DECLINED,
        Status.WITHDRAWN,
    },
    Status.AWAITING: {
        Status.RECEIVED,
        Status.DISCUSSED,
        Status.FOLLOW_UP,
        Status.PLANNED,
        Status.DECLINED,
        Status.WITHDRAWN,
    },
    Status.PLANNED: {
        Status.RECEIVED,
        Status.DISCUSSED,
        Status.FOLLOW_UP,
        Status.DECLINED,
        Status.WITHDRAWN,
    },
    Status.DISCUSSED: {
        Status.AWAITING,
        Status.PLANNED,
        Status.FOLLOW_UP,
        Status.CLOSED,
        Status.WITHDRAWN,
    },
    Status.FOLLOW_UP: {
        Status.AWAITING,
        Status.PLANNED,
        Status.DISCUSSED,
        Status.CLOSED,
        Status.WITHDRAWN,
    },
    Status.CLOSED: {Status.FOLLOW_UP},
    Status.DECLINED: set(),
    Status.WITHDRAWN: set(),
}
FINAL = {Status.CLOSED, Status.DECLINED, Status.WITHDRAWN}
# The states a question to the professional makes wait (and the case returns to).
WAITS_FROM = (Status.RECEIVED, Status.DISCUSSED, Status.FOLLOW_UP)


def _locked(samrad_request):
    """The row as the database holds it now, locked until the transaction ends."""
    return SamradRequest.objects.select_for_update().get(pk=samrad_request.pk)


def _refresh(target, source):
    """Copy the saved state back onto the caller's object, so the page shows it."""
    for field in SamradRequest._meta.concrete_fields:
        setattr(target, field.attname, getattr(source, field.attname))


def _allowed(old, new):
    if new not in TRANSITIONS[old]:
        raise ValidationError(
            _("A request that is “%(old)s” cannot become “%(new)s”."),
            code="transition",
            params={"old": Status(old).label, "new": Status(new).label},
        )


def _check(samrad_request, new):
    if samrad_request.purged_at is not None:
        raise ValidationError(
            _("The contents of this request have been purged; it cannot be changed."),
            code="purged",
        )
    _allowed(samrad_request.status, new)


def _move(user, samrad_request, new, event=AuditEntry.Event.CHANGED):
    """The one place a request's status changes, and only along TRANSITIONS."""
    old = samrad_request.status
    _allowed(old, new)
    samrad_request.status = new
    now = timezone.now()
    if new == Status.DISCUSSED and not samrad_request.discussed_at:
        samrad_request.discussed_at = now
    if new in FINAL:
        samrad_request.closed_at = now
    elif old in FINAL:
        samrad_request.closed_at = None
    if old == Status.AWAITING:
        samrad_request.waiting_from = ""
    samrad_request.save()
    AuditEntry.record(user, event, samrad_request, f"status: {old} → {new}")


@transaction.atomic
def submit(user, form):
    """Save a valid request form as a new request and queue the coordinators' e-mail."""
    samrad_request = form.save(commit=False)
    samrad_request.created_by = user
    earlier = list(samrad_request.same_person_before())
    samrad_request.is_repeat = bool(earlier)
    samrad_request.save()
    form.save_m2m()
    samrad_request.earlier_requests.set(earlier)
    AuditEntry.record(user, AuditEntry.Event.CREATED, samrad_request)
    notifications.new_request(samrad_request)
    return samrad_request


def _refuse_cancelled(meeting):
    if meeting.cancelled_at is not None:
        raise ValidationError(_("This samråd meeting is cancelled."), code="cancelled")


def _slot(locked, meeting, at, minutes, same):
    """The case's start (minutes into the meeting) and length: the time given, else the
    time it has on this meeting, else the next free one (slots.py)."""
    minutes = minutes or (locked.agenda_minutes if same else None) or slots.DEFAULT_MINUTES
    if at is not None:
        return slots.from_clock(meeting, at, minutes), minutes
    if same and locked.agenda_start is not None:
        return slots.check(meeting, locked.agenda_start, minutes), minutes
    return slots.next_free(meeting, minutes, locked), minutes


@transaction.atomic
def plan(user, samrad_request, meeting, *, at=None, minutes=None):
    """Put the request on a meeting at its own time (`at`, a time of day, and `minutes`;
    by default the next free slot): a received, discussed or follow-up case becomes
    planned. The professional is invited for the case's time; the meeting's parties are
    told that its agenda changed. A new time on the same meeting only re-invites the
    professional; planning again with nothing changed does nothing."""
    locked = _locked(samrad_request)
    if locked.status in (Status.DECLINED, Status.WITHDRAWN, Status.CLOSED) or locked.purged_at:
        _check(locked, Status.PLANNED)
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    _refuse_cancelled(meeting)
    same = locked.meeting_id == meeting.pk and locked.status == Status.PLANNED
    start, minutes = _slot(locked, meeting, at, minutes, same)
    if same and (start, minutes) == (locked.agenda_start, locked.agenda_minutes):
        return samrad_request
    locked.agenda_start, locked.agenda_minutes = start, minutes
    locked.agenda_sequence += 1
    if same:
        locked.meeting = meeting
        locked.save()
        AuditEntry.record(user, AuditEntry.Event.PLANNED, locked, "time on the meeting changed")
        notifications.request_planned(locked)
        _refresh(samrad_request, locked)
        return samrad_request
    previous = locked.meeting if locked.status == Status.PLANNED else None
    locked.meeting = meeting
    if locked.status in (Status.RECEIVED, Status.FOLLOW_UP, Status.DISCUSSED, Status.AWAITING):
        # A waiting case taken off the meeting again goes back to where it waited from.
        waiting = locked.status == Status.AWAITING
        locked.planned_from = (locked.waiting_from or Status.RECEIVED) if waiting else locked.status
        _move(user, locked, Status.PLANNED, AuditEntry.Event.PLANNED)
    else:
        locked.save()
        AuditEntry.record(user, AuditEntry.Event.PLANNED, locked)
    if previous is not None:
        notifications.agenda_changed(previous, locked)
        notifications.request_unplanned(locked, previous)
    notifications.agenda_changed(meeting, locked)
    notifications.request_planned(locked)
    _refresh(samrad_request, locked)
    return samrad_request


def _take_off(user, samrad_request):
    """Back to the state before planning, off the meeting. The caller has locked the row."""
    back = samrad_request.planned_from or Status.RECEIVED
    samrad_request.meeting = None
    samrad_request.planned_from = ""
    samrad_request.agenda_start = samrad_request.agenda_minutes = None
    samrad_request.agenda_sequence += 1
    _move(user, samrad_request, back, AuditEntry.Event.UNPLANNED)


@transaction.atomic
def take_off_meeting(user, samrad_request):
    """Take a planned case off its meeting: it goes back to what it was before planning;
    the meeting's parties are told the agenda changed, the professional that the case is
    no longer on it."""
    locked = _locked(samrad_request)
    if locked.purged_at is not None:
        _check(locked, locked.status)
    if locked.status != Status.PLANNED or locked.meeting_id is None:
        raise ValidationError(
            _("Only a case planned on a meeting can be taken off it."), code="not_planned"
        )
    meeting = Meeting.objects.select_for_update().get(pk=locked.meeting_id)
    _take_off(user, locked)
    notifications.agenda_changed(meeting, locked)
    notifications.request_unplanned(locked, meeting)
    _refresh(samrad_request, locked)
    return samrad_request


def open_actions(samrad_request):
    return samrad_request.actions.filter(done_at__isnull=True).select_related("party")


def refuse_closing_with_open_actions(samrad_request):
    """Closing a case whose actions are still open needs the coordinator's confirmation:
    the refusal names how many and for which parties."""
    actions = list(open_actions(samrad_request))
    if actions:
        parties = sorted({action.party.short_name for action in actions})
        raise ValidationError(
            ngettext_lazy(
                "%(count)d action is still open (%(parties)s). Confirm below to close the "
                "case anyway.",
                "%(count)d actions are still open (%(parties)s). Confirm below to close the "
                "case anyway.",
                "count",
            ),
            code="open_actions",
            params={"count": len(actions), "parties": ", ".join(parties)},
        )


@transaction.atomic
def change_status(user, samrad_request, new, *, decline_reason="", close_with_open_actions=False):
    """The coordinator moves the case on. Declining needs a reason the professional sees;
    planning goes through plan(), which needs a meeting; closing a case with open actions
    needs `close_with_open_actions`."""
    locked = _locked(samrad_request)
    if locked.status == new:
        return samrad_request
    _check(locked, new)
    if new == Status.AWAITING:
        raise ValidationError(
            _("Ask the professional a question to make the case wait for it."), code="ask"
        )
    back = locked.waiting_from or Status.RECEIVED
    if locked.status == Status.AWAITING and new not in (back, Status.DECLINED):
        # Back where it waited from (answered another way), or declined; nothing else.
        raise ValidationError(
            _("A case awaiting more information can only go back to “%(old)s” or be declined."),
            code="transition",
            params={"old": Status(back).label},
        )
    if new == Status.CLOSED and not close_with_open_actions:
        refuse_closing_with_open_actions(locked)
    if new == Status.PLANNED and locked.meeting_id is None:
        raise ValidationError(
            _("Put the case on a samråd meeting to plan it."), code="needs_meeting"
        )
    if new == Status.PLANNED:
        locked.planned_from = locked.status
    if (
        locked.status == Status.PLANNED
        and new == Status.FOLLOW_UP
        and locked.planned_from not in (Status.DISCUSSED, Status.FOLLOW_UP)
    ):
        # Back to follow-up is for a case discussed before it was planned again.
        raise ValidationError(
            _("A case that has not been discussed cannot be followed up."),
            code="not_discussed",
        )
    if new == Status.DECLINED:
        if not decline_reason.strip():
            raise ValidationError(_("Give a reason: the professional will see it."), code="reason")
        locked.decline_reason = decline_reason
    # Back to received or follow-up, or declined: the case leaves the meeting it was
    # planned on.
    left = None
    if (
        new in (Status.RECEIVED, Status.FOLLOW_UP, Status.DECLINED)
        and locked.status == Status.PLANNED
    ):
        left = locked.meeting
        locked.meeting = None
        locked.planned_from = ""
    _move(user, locked, new)
    if left is not None:
        notifications.agenda_changed(left, locked)
        if new != Status.DECLINED:
            notifications.request_unplanned(locked, left)
    if new == Status.DECLINED:
        # The reason stays in the portal: the mail only says where to read it.
        notifications.request_declined(locked)
    _refresh(samrad_request, locked)
    return samrad_request


@transaction.atomic
def withdraw(user, samrad_request, reason):
    """The professional withdraws their own request, with a reason the coordinator sees."""
    locked = _locked(samrad_request)
    if locked.created_by_id != user.pk:
        raise ValidationError(_("Only the professional who sent it can withdraw a request."))
    _check(locked, Status.WITHDRAWN)
    if not reason.strip():
        raise ValidationError(_("Say why the request is withdrawn."), code="reason")
    locked.withdraw_reason = reason
    _move(user, locked, Status.WITHDRAWN, AuditEntry.Event.WITHDRAWN)
    notifications.request_withdrawn(locked)
    _refresh(samrad_request, locked)
    return samrad_request


@transaction.atomic
def save_notes(user, samrad_request, notes):
    locked = _locked(samrad_request)
    if locked.purged_at is not None:
        _check(locked, locked.status)
    locked.coordinator_notes = notes
    locked.save(update_fields=["coordinator_notes"])
    AuditEntry.record(user, AuditEntry.Event.CHANGED, locked, "notes")
    _refresh(samrad_request, locked)
    return samrad_request


@transaction.atomic
def add_action(user, samrad_request, form):
    """An action a party takes on, from a valid action form."""
    locked = _locked(samrad_request)
    if locked.status in (Status.DECLINED, Status.WITHDRAWN) or locked.purged_at:
        raise ValidationError(
            _("No actions can be added to a declined, withdrawn or purged request."),
            code="final",
        )
    action = form.save(commit=False)
    disclosure.require_ground(locked, action.party)
    action.request = locked
    action.save()
    AuditEntry.record(
        user, AuditEntry.Event.ACTION, locked, f"action for {action.party.short_name}"
    )
    return action


@transaction.atomic
def invite(user, samrad_request, party, provision=""):
    """Invite a party to take part in the case. Outside what the consent covers (or after
    it was withdrawn or ran out) the coordinator names the provision that allows sharing;
    a party that must not be told is never invited."""
    locked = _locked(samrad_request)
    if locked.status in FINAL or locked.purged_at:
        raise ValidationError(
            _("Parties cannot be invited to a closed, declined or withdrawn request."),
            code="final",
        )
    disclosure.refuse_if_must_not_be_told(locked, party)
    ground = disclosure.ground_for(locked, party)
    if ground in (None, Invitation.Ground.PROVISION):
        # A provision already recorded is named again: the coordinator may change it.
        if not provision:
            raise ValidationError(
                _(
                    "%(party)s is not covered by a consent in force. Choose the provision "
                    "that allows the information to be shared, or do not invite it."
                ),
                code="needs_ground",
                params={"party": party.short_name},
            )
        ground = Invitation.Ground.PROVISION
    invitation, _created = Invitation.objects.update_or_create(
        request=locked,
        party=party,
        defaults={
            "ground": ground,
            "provision": provision if ground == Invitation.Ground.PROVISION else "",
            "invited_by": user,
        },
    )
    AuditEntry.record(
        user, AuditEntry.Event.INVITED, locked, f"{party.short_name} on ground: {ground}"
    )
    # A party taking part in a case planned on a meeting is invited to that meeting.
    if locked.status == Status.PLANNED and locked.meeting_id is not None:
        meeting = Meeting.objects.get(pk=locked.meeting_id)
        if meeting.cancelled_at is None:
            invitation.meeting_invited, invitation.unreached = invite_to_meeting(
                user, meeting, party
            )
    return invitation


@transaction.atomic
def withdraw_consent(user, samrad_request, on_date):
    """The person has taken back the consent: record the date, share nothing more on it,
    tell the coordinator and the parties it concerns (withdrawal.py)."""
    locked = _locked(samrad_request)
    if locked.mode != Mode.CONSENT or locked.purged_at:
        raise ValidationError(_("This request has no consent to withdraw."), code="no_consent")
    if locked.consent_withdrawn_on is not None:
        raise ValidationError(_("The consent has already been withdrawn."), code="already")
    locked.consent_withdrawn_on = on_date
    locked.save(update_fields=["consent_withdrawn_on"])
    AuditEntry.record(user, AuditEntry.Event.CONSENT, locked, f"consent withdrawn {on_date}")
    # The disclosure rule stops the sharing itself (the consent is no longer in force); the
    # parties it concerns are told in the portal, their open actions flagged there.
    notifications.consent_withdrawn(locked, list(withdrawal.affected_parties(locked)))
    _refresh(samrad_request, locked)
    return samrad_request


def pending_follow_up(samrad_request):
    """The next follow-up still to come: the earliest follow-up date of the case's records
    later than its latest samråd (a samråd held on or after a date is that follow-up).
    Each record keeps its own date; a record without one leaves the others pending."""
    records = list(samrad_request.records.only("held_on", "follow_up_on"))
    if not records:
        return None
    latest = max(record.held_on for record in records)
    pending = [r.follow_up_on for r in records if r.follow_up_on and r.follow_up_on > latest]
    return min(pending, default=None)


@transaction.atomic
def record_samrad(user, samrad_request, data):
    """Document a samråd where the case was discussed: on a date that fits its meeting,
    with a ground for each party that took part (disclosure.check_record_ground: the
    consent only for the parties a consent in force covers; a party that must not be
    told cannot take part). The case waits for its next pending follow-up (of this record
    or an earlier one), or is discussed when none is pending."""
    locked = _locked(samrad_request)
    if locked.purged_at or locked.status in (Status.DECLINED, Status.WITHDRAWN):
        raise ValidationError(
            _("A declined, withdrawn or purged request cannot be documented."), code="final"
        )
    held_on = data["record_held_on"]
    SamradRecord.check_date(locked, data["record_meeting"], held_on)
    parties = list(data["record_parties"])
    grounds = data["record_grounds"]
    if {party.pk for party, _ground, _provision in grounds} != {party.pk for party in parties}:
        raise ValidationError(_("Give the ground for each party taking part."), code="grounds")
    for party, ground, provision in grounds:
        disclosure.check_record_ground(
            locked, party, ground, provision, data["record_information"], on=held_on
        )
    record = SamradRecord.objects.create(
        request=locked,
        meeting=data["record_meeting"],
        held_on=held_on,
        shared_by=data["record_shared_by"],
        information_shared="\n".join(data["record_information"]),
        decision=data["record_decision"],
        agreed_risk_level=data["record_risk_level"],
        follow_up_on=data["record_follow_up_on"],
        recorded_by=user,
    )
    record.parties_present.set(parties)
    RecordGround.objects.bulk_create(
        RecordGround(
            record=record,
            party=party,
            ground=ground,
            provision=provision if ground == Invitation.Ground.PROVISION else None,
        )
        for party, ground, provision in grounds
    )
    locked.follow_up_on = pending_follow_up(locked)
    new = Status.FOLLOW_UP if locked.follow_up_on else Status.DISCUSSED
    if locked.status != new:
        # A planned or received case is discussed first, then followed up.
        if new not in TRANSITIONS[locked.status] and Status.DISCUSSED in TRANSITIONS[locked.status]:
            _move(user, locked, Status.DISCUSSED)
        if new in TRANSITIONS[locked.status]:
            _move(user, locked, new)
    locked.save()
    shown = ", ".join(f"{party.short_name}: {ground}" for party, ground, _p in grounds)
    AuditEntry.record(user, AuditEntry.Event.RECORDED, locked, f"samråd {held_on}; {shown}")
    _refresh(samrad_request, locked)
    return record


@transaction.atomic
def add_information(user, samrad_request, text):
    """The professional adds to a sent request: appended with the date and time, never
    replacing what was sent; the coordinator is told that something was added."""
    locked = _locked(samrad_request)
    if locked.created_by_id != user.pk:
        raise ValidationError(_("Only the professional who sent it can add to a request."))
    if locked.status in FINAL or locked.purged_at:
        raise ValidationError(
            _("Nothing can be added to a closed, declined or withdrawn request."), code="final"
        )
    stamp = timezone.localtime().strftime("%Y-%m-%d %H:%M")
    part = f"[{stamp}]\n{text.strip()}"
    locked.additions = f"{locked.additions}\n\n{part}" if locked.additions else part
    locked.save(update_fields=["additions"])
    AuditEntry.record(user, AuditEntry.Event.ADDED, locked, "information added")
    notifications.information_added(locked)
    _refresh(samrad_request, locked)
    return samrad_request


@transaction.atomic
def ask_for_information(user, samrad_request, question):
    """The coordinator asks the referring professional a question (komplettering). A
    received, discussed or follow-up case waits for the answer; a planned one stays on its
    meeting. The professional's mail says only that a question waits, and where."""
    locked = _locked(samrad_request)
    if locked.status in FINAL or locked.purged_at:
        raise ValidationError(
            _("No question can be asked about a closed, declined, withdrawn or purged request."),
            code="final",
        )
    if not question.strip():
        raise ValidationError(_("Write the question."), code="empty")
    information_request = InformationRequest.objects.create(
        request=locked, question=question.strip(), asked_by=user
    )
    AuditEntry.record(
        user, AuditEntry.Event.ASKED, locked, f"question {information_request.pk} asked"
    )
    if locked.status in WAITS_FROM:
        locked.waiting_from = locked.status
        _move(user, locked, Status.AWAITING)
    notifications.information_requested(locked)
    _refresh(samrad_request, locked)
    return information_request


@transaction.atomic
def answer_question(user, samrad_request, question_id, answer):
    """The referring professional answers a question about their own request, once. When
    no question is left open, a waiting case goes back to the state it had when asked; the
    coordinators are told that an answer came, never what it says. A question of another
    request is not found (InformationRequest.DoesNotExist)."""
    locked = _locked(samrad_request)
    if locked.created_by_id != user.pk:
        raise InformationRequest.DoesNotExist
    information_request = InformationRequest.objects.select_for_update().get(
        pk=question_id, request=locked
    )
    if locked.purged_at or locked.status in (Status.DECLINED, Status.WITHDRAWN):
        raise ValidationError(
            _("A declined, withdrawn or purged request cannot be answered."), code="final"
        )
    if information_request.is_answered:
        raise ValidationError(_("This question has already been answered."), code="answered")
    if not answer.strip():
        raise ValidationError(_("Write the answer."), code="empty")
    information_request.answer = answer.strip()
    information_request.answered_by = user
    information_request.answered_at = timezone.now()
    information_request.save(update_fields=["answer", "answered_by", "answered_at"])
    AuditEntry.record(
        user, AuditEntry.Event.ANSWERED, locked, f"question {information_request.pk} answered"
    )
    still_open = locked.information_requests.filter(answered_at__isnull=True).exists()
    if locked.status == Status.AWAITING and not still_open:
        _move(user, locked, locked.waiting_from or Status.RECEIVED)
    notifications.question_answered(locked)
    _refresh(samrad_request, locked)
    return information_request


# The free-text fields of a de-identified request the coordinator may redact.
REDACTABLE = (
    "situation",
    "question",
    "contact_instructions",
    "interpreter_language",
    "risk_judgement",
    "additions",
)
REDACTED = "[borttaget]"


@transaction.atomic
def redact(user, samrad_request, field, text):
    """Remove identifying text found in a de-identified request: every occurrence is
    replaced in the stored text (the original is not kept anywhere), and the audit entry
    names the field, never the text."""
    locked = _locked(samrad_request)
    if locked.mode != Mode.DEIDENTIFIED or locked.purged_at:
        raise ValidationError(
            _("Only the text of a de-identified request can be redacted here."), code="mode"
        )
    if field not in REDACTABLE:
        raise ValidationError(_("This field cannot be redacted."), code="field")
    current = getattr(locked, field)
    if not text or text not in current:
        raise ValidationError(
            _("The text was not found in that field: copy it exactly as it stands."),
            code="not_found",
        )
    setattr(locked, field, current.replace(text, REDACTED))
    locked.save(update_fields=[field])
    AuditEntry.record(user, AuditEntry.Event.REDACTED, locked, f"redacted: {field}")
    _refresh(samrad_request, locked)
    return samrad_request


@transaction.atomic
def toggle_action(user, samrad_request, action_id):
    """Mark an action done, or open it again."""
    action = Action.objects.select_for_update().get(pk=action_id, request=samrad_request)
    action.done_at = None if action.done_at else timezone.now()
    action.done_by = user if action.done_at else None
    action.save(update_fields=["done_at", "done_by"])
    AuditEntry.record(
        user,
        AuditEntry.Event.ACTION,
        samrad_request,
        "action done" if action.done_at else "action reopened",
    )
    return action


@transaction.atomic
def complete_action(user, action_id, note=""):
    """A party's representative marks an action given to their party done, with a note:
    who and when are recorded, the audit entry names the party, never the note. An action
    of another party, or of a case the party must not be told of, is not found."""
    action = (
        Action.objects.select_for_update(of=("self",))
        .filter(pk=action_id, party_id=user.party_id)
        .exclude(request__do_not_tell=user.party_id)
        .select_related("request", "party")
        .first()
    )
    if action is None:
        raise Action.DoesNotExist
    if action.request.purged_at is not None:
        raise ValidationError(
            _("The contents of this request have been purged; it cannot be changed."),
            code="purged",
        )
    if action.done_at is not None:
        raise ValidationError(_("This action is already marked done."), code="done")
    action.done_at = timezone.now()
    action.done_by = user
    action.note = note.strip()
    action.save(update_fields=["done_at", "done_by", "note"])
    AuditEntry.record(
        user, AuditEntry.Event.ACTION, action.request, f"action done by {action.party.short_name}"
    )
    return action


def _locked_meeting(meeting):
    return Meeting.objects.select_for_update().get(pk=meeting.pk)


def _audit_meeting(user, meeting, what):
    AuditEntry.record(user, AuditEntry.Event.MEETING, None, f"meeting {meeting.pk}: {what}")


@transaction.atomic
def create_meeting(user, form):
    """Save a valid meeting form and invite its parties. Returns the meeting and the
    invited parties that have no mailbox (told to the coordinator, not skipped silently)."""
    meeting = form.save(commit=False)
    meeting.created_by = user
    meeting.save()
    form.save_m2m()
    _audit_meeting(user, meeting, "created")
    unreached = notifications.meeting_invitation(meeting, meeting.invited_parties.all())
    return meeting, unreached


# What moving a meeting may change, and what the calendar shows of it.
MEETING_FIELDS = ("kind", "starts_at", "place")


def _same(name, old, new):
    if name == "starts_at":
        # The form gives minutes; a stored time with seconds is the same minute.
        return old.replace(second=0, microsecond=0) == new.replace(second=0, microsecond=0)
    return old == new


@transaction.atomic
def change_meeting(user, meeting, data):
    """Move a meeting (date, time, place or kind): a new SEQUENCE and an updated calendar
    entry for everyone invited. Returns the names of what changed (empty when nothing did:
    then nothing is saved or sent) and the parties without a mailbox."""
    locked = _locked_meeting(meeting)
    _refuse_cancelled(locked)
    changed = [
        name for name in MEETING_FIELDS if not _same(name, getattr(locked, name), data[name])
    ]
    if not changed:
        return [], []
    for name in changed:
        setattr(locked, name, data[name])
    locked.sequence += 1
    locked.save(update_fields=[*changed, "sequence"])
    _audit_meeting(user, locked, "changed " + ", ".join(changed))
    unreached = notifications.meeting_changed(locked)
    for name in (*changed, "sequence"):
        setattr(meeting, name, getattr(locked, name))
    return changed, unreached


@transaction.atomic
def cancel_meeting(user, meeting):
    """Cancel a meeting: its planned cases go back to be planned (each to the state it had
    before), everyone invited gets a cancellation for the calendar. Cancelling a cancelled
    meeting does nothing. Returns whether it was cancelled now, and the parties without a
    mailbox."""
    locked = _locked_meeting(meeting)
    if locked.cancelled_at is not None:
        return False, []
    planned = list(
        SamradRequest.objects.select_for_update().filter(meeting=locked, status=Status.PLANNED)
    )
    for samrad_request in planned:
        _take_off(user, samrad_request)
        AuditEntry.record(user, AuditEntry.Event.UNPLANNED, samrad_request, "meeting cancelled")
    locked.cancelled_at = timezone.now()
    locked.sequence += 1
    locked.save(update_fields=["cancelled_at", "sequence"])
    _audit_meeting(user, locked, f"cancelled, {len(planned)} case(s) back to be planned")
    unreached = notifications.meeting_cancelled(locked, planned)
    meeting.cancelled_at, meeting.sequence = locked.cancelled_at, locked.sequence
    return True, unreached


@transaction.atomic
def invite_to_meeting(user, meeting, party):
    """Invite one more party to a meeting: it gets the invitation with the calendar file.
    A party already invited is not invited (or mailed) again. Returns whether it was
    invited now, and the parties without a mailbox."""
    locked = _locked_meeting(meeting)
    _refuse_cancelled(locked)
    if locked.invited_parties.filter(pk=party.pk).exists():
        return False, []
    locked.invited_parties.add(party)
    _audit_meeting(user, locked, f"invited {party.short_name}")
    return True, notifications.meeting_invitation(locked, [party])


@transaction.atomic
def uninvite_from_meeting(user, meeting, party):
    """Take a party off the meeting's invitation list: it gets a cancellation for its
    calendar. A party not invited is left alone. Returns whether it was removed now, and
    the parties without a mailbox."""
    locked = _locked_meeting(meeting)
    _refuse_cancelled(locked)
    if not locked.invited_parties.filter(pk=party.pk).exists():
        return False, []
    locked.invited_parties.remove(party)
    _audit_meeting(user, locked, f"no longer invited {party.short_name}")
    return True, notifications.meeting_uninvited(locked, party)


@transaction.atomic
def record_attendance(user, meeting, party, function):
    """Minutes: `party` took part in the meeting as `function`. The same party and
    function again records nothing new. Returns whether it was recorded now."""
    locked = _locked_meeting(meeting)
    if function not in Attendance.FUNCTIONS_BY_KIND.get(party.kind, set()):
        raise ValidationError(
            _("%(party)s cannot take part as “%(function)s”."),
            code="function",
            params={"party": party.short_name, "function": Attendance.Function(function).label},
        )
    _row, created = Attendance.objects.get_or_create(
        meeting=locked, party=party, function=function, defaults={"recorded_by": user}
    )
    if created:
        _audit_meeting(user, locked, f"attendance {party.short_name}: {function}")
    return created


@transaction.atomic
def remove_attendance(user, meeting, attendance_id):
    locked = _locked_meeting(meeting)
    row = Attendance.objects.filter(meeting=locked, pk=attendance_id).first()
    if row is None:
        return False
    row.delete()
    _audit_meeting(user, locked, f"attendance removed {row.party.short_name}: {row.function}")
    return True


@transaction.atomic
def add_other_actor(user, meeting, data):
    """Minutes: an actor other than the parties was present (seed 001 §12), by its
    organisation and role only, for the cases ticked: each needs a consent in force that
    names the actor (disclosure.check_other_actor), or nothing is saved."""
    locked = _locked_meeting(meeting)
    cases = list(data["cases"])
    for case in cases:
        if case.meeting_id != locked.pk:
            raise ValidationError(_("The case is not on this meeting."), code="meeting")
        disclosure.check_other_actor(case, data["consent_names_actor"])
    actor = OtherActor.objects.create(
        meeting=locked, organisation=data["organisation"], role=data["role"], recorded_by=user
    )
    actor.cases.set(cases)
    _audit_meeting(user, locked, f"other actor present for {len(cases)} case(s)")
    for case in cases:
        AuditEntry.record(user, AuditEntry.Event.MEETING, case, "other actor present")
    return actor
