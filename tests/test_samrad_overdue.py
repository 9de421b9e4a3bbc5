"""An open action whose follow-up date has passed is marked "Försenad" in words (not by
colour alone) on every page that lists actions: the case page, its printed record, the
representative's actions, the professional's own request, and the coordinator's
follow-up lists."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samrad.models import Action, SamradRequest, Status
from staff import roles

from .factories.organisations import party
from .helpers import SecondFactorClient, make_user
from .samrad_helpers import coordinator, make_request, professional

pytestmark = pytest.mark.django_db

MARK = "Försenad"


def signed_in(user):
    client = SecondFactorClient()
    client.force_login(user)
    return client


@pytest.fixture
def case():
    """A case of the police's with three actions for the police: one overdue, one due
    later, one overdue but done."""
    author = professional(party="polisen")
    samrad_request = make_request(author, mode="deidentified", status=Status.DISCUSSED)
    police = party("polisen")
    today = timezone.localdate()
    Action.objects.create(
        request=samrad_request,
        party=police,
        description="Försenad-ej: hotbedömning",
        due_on=today - timedelta(days=3),
    )
    Action.objects.create(
        request=samrad_request, party=police, description="Senare", due_on=today + timedelta(3)
    )
    Action.objects.create(
        request=samrad_request,
        party=police,
        description="Klar",
        due_on=today - timedelta(days=5),
        done_at=timezone.now(),
    )
    return author, samrad_request


def marks(response):
    assert response.status_code == 200
    # The description above holds the word too, written with a hyphen after it.
    return response.content.decode().count(MARK) - response.content.decode().count(MARK + "-ej")


def test_the_case_page_marks_the_overdue_action_only(case):
    _, samrad_request = case
    response = signed_in(coordinator()).get(f"/personal/samrad/inkorg/{samrad_request.pk}/")
    assert marks(response) == 1


def test_the_printed_record_marks_it(case):
    _, samrad_request = case
    response = signed_in(coordinator()).get(
        f"/personal/samrad/inkorg/{samrad_request.pk}/utskrift/"
    )
    assert marks(response) == 1


def test_the_representatives_actions_page_marks_it(case):
    rep = make_user("rep@example.org", role=roles.REPRESENTATIVE, party=party("polisen"))
    response = signed_in(rep).get("/personal/samrad/representant/atgarder/")
    assert marks(response) == 1


def test_the_professionals_own_request_marks_it(case):
    author, samrad_request = case
    response = signed_in(author).get(f"/personal/samrad/mina/{samrad_request.pk}/")
    assert marks(response) == 1


def test_the_inbox_follow_ups_mark_those_past_their_date(case):
    author, _ = case
    today = timezone.localdate()
    late = make_request(author, status=Status.FOLLOW_UP, follow_up_on=today - timedelta(2))
    make_request(author, status=Status.FOLLOW_UP, follow_up_on=today)
    html = signed_in(coordinator()).get("/personal/samrad/inkorg/").content.decode()
    notice = html.split('id="due-heading"')[1].split("</section>")[0]
    assert notice.count(MARK) == 1
    line = next(li for li in notice.split("<li>") if late.reference in li)
    assert MARK in line
    assert SamradRequest.objects.filter(status=Status.FOLLOW_UP).count() == 2
