"""The request's fields declared once (samrad/fieldsets.py, the model fields): the date the
consent was given, added in one place, is asked, saved and shown wherever the consent is;
a date in the future is refused; the acute rule is one queryset method."""

import html
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from samrad.models import SamradRequest

from .helpers import SecondFactorClient
from .samrad_helpers import coordinator, make_request, professional, request_data

pytestmark = pytest.mark.django_db

LABEL = "Datum då samtycket gavs"


def facts(content):
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", content, flags=re.S)
    return {
        re.sub(r"<[^>]+>", "", k).strip(): html.unescape(re.sub(r"<[^>]+>", "", v).strip())
        for k, v in pairs
    }


def signed_in(user):
    client = SecondFactorClient()
    client.force_login(user)
    return client


def test_the_consent_date_is_saved_and_shown_wherever_the_consent_is(
    django_capture_on_commit_callbacks,
):
    given = timezone.localdate() - timedelta(days=3)
    sender = signed_in(professional())
    form = sender.get("/personal/samrad/ny/samtycke/").content.decode()
    assert LABEL in form and 'name="consent_given_on"' in form
    # A request without consent does not ask for it.
    assert (
        "consent_given_on" not in sender.get("/personal/samrad/ny/avidentifierad/").content.decode()
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = sender.post(
            "/personal/samrad/ny/samtycke/",
            request_data("samtycke", consent_given_on=given.isoformat()),
        )
    assert response.status_code == 302, response.content.decode()[:2000]
    samrad_request = SamradRequest.objects.get()
    assert samrad_request.consent_given_on == given
    own = facts(sender.get(f"/personal/samrad/mina/{samrad_request.pk}/").content.decode())
    assert own[LABEL] == given.isoformat()
    office = signed_in(coordinator())
    case_page = facts(office.get(f"/personal/samrad/inkorg/{samrad_request.pk}/").content.decode())
    assert case_page[LABEL] == given.isoformat()
    printed = office.get(f"/personal/samrad/inkorg/{samrad_request.pk}/utskrift/").content.decode()
    assert facts(printed)[LABEL] == given.isoformat()
    # The print names the person by the reference only.
    assert "Zebra Fink" not in printed and "19811218" not in printed


def test_the_consent_date_is_optional(django_capture_on_commit_callbacks):
    sender = signed_in(professional())
    with django_capture_on_commit_callbacks(execute=True):
        response = sender.post("/personal/samrad/ny/samtycke/", request_data("samtycke"))
    assert response.status_code == 302
    samrad_request = SamradRequest.objects.get()
    assert samrad_request.consent_given_on is None
    shown = facts(
        signed_in(coordinator())
        .get(f"/personal/samrad/inkorg/{samrad_request.pk}/")
        .content.decode()
    )
    assert shown[LABEL] == "–"


@pytest.mark.parametrize(
    "typed, message",
    [
        ("tomorrow", "Datumet kan inte vara i framtiden."),
        ("2099-01-01", "Datumet kan inte vara i framtiden."),
        ("0001-01-01", "Ange ett datum mellan"),
        ("２０２６-１１-０１", "Fyll i ett giltigt datum."),
        ("2026-11-01\x00", "Fyll i ett giltigt datum."),
        ("2026–11–01", "Fyll i ett giltigt datum."),
    ],
)
def test_a_consent_date_in_the_future_or_unreadable_is_refused_and_what_was_typed_kept(
    typed, message
):
    if typed == "tomorrow":
        typed = (timezone.localdate() + timedelta(days=1)).isoformat()
    sender = signed_in(professional())
    response = sender.post(
        "/personal/samrad/ny/samtycke/", request_data("samtycke", consent_given_on=typed)
    )
    assert response.status_code == 200
    assert SamradRequest.objects.count() == 0
    content = html.unescape(response.content.decode())
    assert f"{LABEL}: {message}" in content  # the error summary names the field
    # What was typed stays in the form.
    kept = typed.replace("\x00", "")
    assert f'name="consent_given_on" value="{kept}"' in content or kept in content
    assert "Zebra Fink" in content and "Hur kan vi samordna skyddet?" in content


def test_the_acute_queryset_method_decides_the_inbox_order():
    author = professional()
    now = timezone.now()
    oldest_acute = make_request(
        author, status="received", risk_level="acute", created_at=now - timedelta(days=9)
    )
    acute_kind = make_request(
        author, status="received", kind="acute", created_at=now - timedelta(days=8)
    )
    high = make_request(
        author, status="received", risk_level="high", created_at=now - timedelta(days=2)
    )
    newest = make_request(author, status="received", created_at=now - timedelta(days=1))
    acute = set(SamradRequest.objects.acute())
    assert acute == {oldest_acute, acute_kind}
    # The property reads the same rule.
    assert {
        samrad_request for samrad_request in SamradRequest.objects.all() if samrad_request.is_acute
    } == acute
    content = signed_in(coordinator()).get("/personal/samrad/inkorg/").content.decode()
    order = sorted(
        (content.index(samrad_request.reference), samrad_request)
        for samrad_request in (oldest_acute, acute_kind, high, newest)
    )
    # Acute first (newest first among them), then high risk, then the rest.
    assert [samrad_request for _, samrad_request in order] == [
        acute_kind,
        oldest_acute,
        high,
        newest,
    ]


def test_the_request_forms_radio_buttons_offer_no_empty_answer(client):
    """A model field without a default gets Django's "---------" choice: as a radio button
    it would be the first one, answering nothing (a keyboard user's Space picked it)."""
    from .helpers import SecondFactorClient
    from .samrad_helpers import professional

    signed_in = SecondFactorClient()
    signed_in.force_login(professional("radio@example.org"))
    for mode in ("avidentifierad", "samtycke"):
        content = signed_in.get(f"/personal/samrad/ny/{mode}/").content.decode()
        for name in ("kind", "urgency"):
            assert f'name="{name}" value=""' not in content, (mode, name)
            assert f'id="id_{name}_0"' in content
        assert "---------" not in content
