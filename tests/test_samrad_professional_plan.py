"""The referring professional sees the plan agreed for their case, as the disclosure rule
allows: each record's agreed plan and follow-up date on their own request's page; not
what was shared with whom, nor other parties' actions."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samrad.consent import information_kinds
from samrad.models import Action, AuditEntry, SamradRequest

from .case_page import post_section
from .factories.organisations import party
from .helpers import SecondFactorClient
from .samrad_helpers import SECRET_ACTION, coordinator, professional, request_data

pytestmark = pytest.mark.django_db

DECISION = "Socialtjänsten erbjuder samtalsstöd; ny bedömning efter tre veckor."
NOTES = "Samordnarens egen anteckning om ärendet."
HEADING = "Den överenskomna planen"


def pk(slug):
    return party(slug).pk


def signed_in(user):
    client = SecondFactorClient()
    client.force_login(user)
    return client


@pytest.fixture
def recorded(django_capture_on_commit_callbacks):
    """A consent request sent by HTTP, discussed at a samråd the coordinator documented,
    with an action for another party than the professional's."""
    sender = signed_in(professional())
    with django_capture_on_commit_callbacks(execute=True):
        assert (
            sender.post("/personal/samrad/ny/samtycke/", request_data("samtycke")).status_code
            == 302
        )
    samrad_request = SamradRequest.objects.get()
    staff = signed_in(coordinator())
    follow_up_on = timezone.localdate() + timedelta(days=21)
    response = post_section(
        staff,
        samrad_request,
        "record",
        {
            "record_held_on": timezone.localdate().isoformat(),
            "record_parties": [pk("polisen"), pk("krokom")],
            "record-record_ground_polisen": "consent",
            "record-record_ground_krokom": "consent",
            "record_information": information_kinds()[:1],
            "record_decision": DECISION,
            "record_risk_level": "high",
            "record_follow_up_on": follow_up_on.isoformat(),
        },
    )
    assert response.status_code == 302
    post_section(staff, samrad_request, "notes", {"coordinator_notes": NOTES})
    Action.objects.create(request=samrad_request, party=party("polisen"), description=SECRET_ACTION)
    samrad_request.sender = sender
    samrad_request.follow_up = follow_up_on
    return samrad_request


def own_page(samrad_request, client=None):
    return (client or samrad_request.sender).get(f"/personal/samrad/mina/{samrad_request.pk}/")


def test_the_professional_reads_the_agreed_plan_and_follow_up_date(recorded):
    response = own_page(recorded)
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, private"
    content = response.content.decode()
    assert HEADING in content and DECISION in content
    assert recorded.follow_up.isoformat() in content
    # The read is audited as a read of their own request.
    assert AuditEntry.objects.filter(
        request=recorded, event="viewed", detail="own request", user=recorded.created_by
    ).exists()


def test_nothing_else_of_the_record_nor_other_parties_actions(recorded):
    content = own_page(recorded).content.decode()
    assert SECRET_ACTION not in content  # an action of the police, not of their party
    plan = content.split(HEADING, 1)[1].split("<h2", 1)[0]
    assert DECISION in plan
    assert information_kinds()[0] not in plan  # what was shared, and with whom
    assert "Polis" not in plan and "Hög" not in plan  # parties present, agreed risk
    assert NOTES not in content


def test_another_professional_sees_no_plan(recorded):
    other = signed_in(professional("annan@example.org", party="krokom"))
    response = own_page(recorded, other)
    assert response.status_code == 404
    assert DECISION not in response.content.decode()


def test_no_plan_before_a_samrad_and_none_after_the_purge(recorded):
    recorded.purge()
    content = own_page(recorded).content.decode()
    assert HEADING not in content and DECISION not in content
    sender = signed_in(professional("tredje@example.org"))
    sender.post("/personal/samrad/ny/avidentifierad/", request_data())
    fresh = SamradRequest.objects.get(created_by__email="tredje@example.org")
    assert HEADING not in own_page(fresh, sender).content.decode()
