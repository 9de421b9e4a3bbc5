"""Risk assessment as recorded by the professional: instrument, date, party, level and
their own words. The inbox puts acute and high risk first; nothing is computed."""

import pytest
from django.utils import timezone

from samrad.models import SamradRequest

from .factories.organisations import party
from .helpers import SecondFactorClient
from .samrad_helpers import coordinator, professional, request_data

pytestmark = pytest.mark.django_db


def risk(**overrides):
    data = {
        "risk_instrument": "freda",
        "risk_assessed_on": timezone.localdate().isoformat(),
        "risk_assessed_by": party("polisen").pk,
        "risk_level": "high",
        "risk_judgement": "Hotet har trappats upp den senaste veckan.",
    }
    data.update(overrides)
    return data


def send(client, callbacks, mode="avidentifierad", **overrides):
    with callbacks(execute=True):
        response = client.post(f"/personal/samrad/ny/{mode}/", request_data(mode, **overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    return SamradRequest.objects.order_by("-created_at").first()


@pytest.fixture
def sender():
    client = SecondFactorClient()
    client.force_login(professional())
    return client


@pytest.mark.parametrize("mode", ["samtycke", "avidentifierad"])
def test_the_assessment_is_recorded_as_given(
    sender, client, django_capture_on_commit_callbacks, mode
):
    samrad_request = send(
        sender, django_capture_on_commit_callbacks, mode, **risk(risk_level="low")
    )
    assert (
        samrad_request.risk_instrument,
        samrad_request.risk_level,
        samrad_request.risk_assessed_by.slug,
    ) == (
        "freda",
        "low",  # the professional's level, whatever the words say: nothing is recomputed
        "polisen",
    )
    client.force_login(coordinator())
    content = client.get(f"/personal/samrad/inkorg/{samrad_request.pk}/").content.decode()
    assert "FREDA farlighetsbedömning" in content and "Låg" in content
    assert "Hotet har trappats upp den senaste veckan." in content


def test_an_instrument_needs_its_date_and_level(sender):
    response = sender.post(
        "/personal/samrad/ny/avidentifierad/",
        request_data(**risk(risk_assessed_on="", risk_level="")),
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "Hotet har trappats upp" in content
    assert SamradRequest.objects.count() == 0
    for bad in ("0001-01-01", "2999-01-01", "igår"):
        response = sender.post(
            "/personal/samrad/ny/avidentifierad/", request_data(**risk(risk_assessed_on=bad))
        )
        assert response.status_code == 200
    assert SamradRequest.objects.count() == 0


def test_deidentified_judgement_must_not_identify(sender):
    response = sender.post(
        "/personal/samrad/ny/avidentifierad/",
        request_data(**risk(risk_judgement="Gäller 19811218-9876")),
    )
    assert response.status_code == 200
    assert SamradRequest.objects.count() == 0


def test_inbox_puts_acute_then_high_risk_first(sender, client, django_capture_on_commit_callbacks):
    low = send(sender, django_capture_on_commit_callbacks, **risk(risk_level="low"))
    high = send(sender, django_capture_on_commit_callbacks, **risk(risk_level="high"))
    plain = send(sender, django_capture_on_commit_callbacks, risk_instrument="none")
    danger = send(sender, django_capture_on_commit_callbacks, **risk(risk_level="acute"))
    urgent = send(sender, django_capture_on_commit_callbacks, urgency="acute")
    client.force_login(coordinator())
    content = client.get("/personal/samrad/inkorg/").content.decode()
    order = sorted([low, high, plain, danger, urgent], key=lambda r: content.index(r.reference))
    assert order[:2] == [urgent, danger]  # both acute: newest first
    assert order[2] == high
    assert set(order[3:]) == {low, plain}
