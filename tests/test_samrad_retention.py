"""The samråd records are the official records of the authority that employs the
coordinator: they are disposed of only under that authority's decision in force."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from samrad.models import AuditEntry, SamradRequest, Status
from staff.models import User

from .samrad_helpers import SITUATION, make_request, professional, retention_decision

pytestmark = pytest.mark.django_db


def closed_case(days_ago):
    author = User.objects.filter(email="yrke@example.org").first() or professional()
    return make_request(
        author,
        situation=SITUATION,
        status=Status.CLOSED,
        closed_at=timezone.now() - timedelta(days=days_ago),
    )


def purge():
    out = StringIO()
    call_command("purge_samrad_requests", stdout=out)
    return out.getvalue()


def test_no_decision_in_force_purges_nothing_and_says_so():
    case = closed_case(days_ago=400)
    # A decision that starts tomorrow is not in force yet.
    later = retention_decision(days=30)
    later.valid_from = timezone.localdate() + timedelta(days=1)
    later.save()
    output = purge()
    case.refresh_from_db()
    assert case.purged_at is None and case.situation == SITUATION
    assert "No retention decision is in force: nothing was purged." in output
    assert not AuditEntry.objects.filter(event=AuditEntry.Event.PURGED).exists()


def test_the_purge_obeys_the_decision_in_force_and_names_it():
    kept, due = closed_case(days_ago=20), closed_case(days_ago=40)
    # The older decision (365 days) is replaced by the newer one (30 days).
    old = retention_decision(days=365, reference="OLD 2025/9")
    old.valid_from -= timedelta(days=300)
    old.save()
    retention_decision(days=30, reference="KS 2026/42")
    output = purge()
    kept.refresh_from_db()
    due.refresh_from_db()
    assert kept.purged_at is None and kept.situation == SITUATION
    assert due.purged_at is not None and due.situation == ""
    assert "KS 2026/42" in output
    entry = AuditEntry.objects.get(event=AuditEntry.Event.PURGED)
    assert entry.request == due and "KS 2026/42" in entry.detail


def test_decisions_of_several_authorities_purge_nothing():
    case = closed_case(days_ago=400)
    retention_decision(days=30, authority="ostersund")
    retention_decision(days=30, authority="krokom")
    output = purge()
    case.refresh_from_db()
    assert case.purged_at is None
    assert "nothing was purged" in output


def test_the_repeat_key_is_cleared_after_12_months_without_a_decision():
    old = make_request(professional(), person_key="k" * 64)
    SamradRequest.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=366))
    purge()
    old.refresh_from_db()
    assert old.person_key == ""
    assert AuditEntry.objects.filter(request=old, detail__contains="12 months").exists()

