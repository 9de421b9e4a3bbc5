"""Every status move goes through flows._move and the transition table: no flow sets the
status any other way, and driven through every flow that moves a case, each move the audit
log records is one that flows.TRANSITIONS allows."""

import ast
import inspect
import re
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from samrad import flows
from samrad.models import AuditEntry, Meeting, Provision, Status

from .factories.organisations import party
from .samrad_helpers import coordinator, make_request, professional

pytestmark = pytest.mark.django_db

MOVE = re.compile(r"^status: ([a-z_]+) → ([a-z_]+)$")


def status_setters():
    """The functions of flows.py that write a status: an assignment to `.status`, a
    setattr of "status" or an update(status=...)."""
    found = set()
    for function in ast.walk(ast.parse(inspect.getsource(flows))):
        if not isinstance(function, ast.FunctionDef):
            continue
        for node in ast.walk(function):
            targets = getattr(node, "targets", None) or [getattr(node, "target", None)]
            if any(isinstance(t, ast.Attribute) and t.attr == "status" for t in targets):
                found.add(function.name)
            if isinstance(node, ast.Call):
                name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
                arguments = [getattr(a, "value", None) for a in node.args]
                if name == "setattr" and "status" in arguments:
                    found.add(function.name)
                if name in ("update", "update_or_create", "create") and any(
                    k.arg == "status" for k in node.keywords
                ):
                    found.add(function.name)
    return found


def test_only_move_sets_the_status():
    assert status_setters() == {"_move"}


def meeting(user, days=2):
    return Meeting.objects.create(
        kind="weekly",
        starts_at=timezone.now() + timedelta(days=days),
        place="Rum",
        created_by=user,
    )


def recorded_moves():
    details = AuditEntry.objects.filter(detail__startswith="status: ").values_list(
        "detail", flat=True
    )
    return [MOVE.match(detail).groups() for detail in details]


def test_every_move_the_flows_make_is_in_the_table():
    author, user = professional(), coordinator()
    police = party("polisen")
    first, second = meeting(user), meeting(user, days=3)

    # Planned from each state, then taken off: back to that state.
    for status in (Status.RECEIVED, Status.DISCUSSED, Status.FOLLOW_UP):
        samrad_request = make_request(author, status=status)
        flows.plan(user, samrad_request, first)
        flows.take_off_meeting(user, samrad_request)
        assert samrad_request.status == status and samrad_request.meeting is None
    # Planned from each state, then the meeting is cancelled: back to that state too.
    cancelled = {}
    for status in (Status.RECEIVED, Status.DISCUSSED, Status.FOLLOW_UP):
        cancelled[status] = make_request(author, status=status)
        flows.plan(user, cancelled[status], second)
    flows.cancel_meeting(user, second)
    for status, samrad_request in cancelled.items():
        samrad_request.refresh_from_db()
        assert samrad_request.status == status and samrad_request.meeting is None

    # The coordinator's status changes, each way the status form offers.
    samrad_request = make_request(author, status=Status.RECEIVED)
    for status in (Status.DISCUSSED, Status.FOLLOW_UP, Status.CLOSED, Status.FOLLOW_UP):
        flows.change_status(user, samrad_request, status)
    flows.plan(user, samrad_request, first)
    flows.change_status(
        user, samrad_request, Status.FOLLOW_UP
    )  # planned from follow-up: back to it
    assert samrad_request.meeting is None
    flows.plan(user, samrad_request, first)
    flows.change_status(user, samrad_request, Status.DISCUSSED)
    flows.change_status(user, samrad_request, Status.CLOSED)
    for back in (Status.RECEIVED, Status.DECLINED):
        samrad_request = make_request(author, status=Status.RECEIVED)
        flows.plan(user, samrad_request, first)
        flows.change_status(user, samrad_request, back, decline_reason="Annat län")
    # A received case planned and then "followed up" was never discussed: refused.
    samrad_request = make_request(author, status=Status.RECEIVED)
    flows.plan(user, samrad_request, first)
    with pytest.raises(ValidationError):
        flows.change_status(user, samrad_request, Status.FOLLOW_UP)

    # A samråd recorded on a planned case: discussed, then followed up.
    samrad_request = make_request(author, status=Status.RECEIVED)
    flows.plan(user, samrad_request, first)
    data = {
        "record_parties": [police],
        "record_grounds": [(police, "provision", Provision.objects.in_force().first())],
        "record_shared_by": None,
        "record_information": [],
        "record_meeting": first,
        "record_held_on": timezone.localdate(first.starts_at),
        "record_decision": "Plan",
        "record_risk_level": "",
        "record_follow_up_on": timezone.localdate() + timedelta(days=14),
    }
    flows.record_samrad(user, samrad_request, data)
    assert samrad_request.status == Status.FOLLOW_UP
    # A question to the professional: the case waits, and goes back when answered.
    for status in (Status.RECEIVED, Status.DISCUSSED, Status.FOLLOW_UP):
        samrad_request = make_request(author, status=status)
        question = flows.ask_for_information(user, samrad_request, "Fråga?")
        assert samrad_request.status == Status.AWAITING
        flows.answer_question(author, samrad_request, question.pk, "Svar.")
        assert samrad_request.status == status
    # The professional withdraws.
    samrad_request = make_request(author, status=Status.RECEIVED)
    flows.withdraw(author, samrad_request, "Personen vill inte längre.")

    moves = recorded_moves()
    assert (Status.PLANNED, Status.FOLLOW_UP) in moves  # off a meeting, back to follow-up
    not_allowed = [(old, new) for old, new in moves if new not in flows.TRANSITIONS[old]]
    assert not_allowed == []
    # Every status a flow moved to came with its audit entry.
    assert {new for _old, new in moves} == set(Status.values)


def test_a_move_outside_the_table_is_refused_by_move_itself():
    samrad_request = make_request(professional(), status=Status.DECLINED)
    with pytest.raises(ValidationError):
        flows._move(coordinator(), samrad_request, Status.PLANNED)
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.DECLINED
    assert not AuditEntry.objects.filter(request=samrad_request).exists()
