"""Consent as the person gave it: oral consent documented by the professional (who gave
it to whom, when, which parties and kinds of information, until when) is asked for,
refused when a part is missing, shown wherever the consent is, and shared on exactly as
the signed form is, until its end date (samrad.disclosure, SamradRequest.consent_in_force)."""

import html
import re
from datetime import timedelta

import pytest
from django.utils import timezone

from samrad.models import Meeting, SamradRequest

from .samrad_helpers import coordinator, professional, request_data
from .test_samrad_disclosure import (
    leaked,
    make_samrad_request,
    party,
    read_all,
    representative,
    samrad_urls,
    signed_in,
)
from .test_samrad_retention import pdf_text

pytestmark = pytest.mark.django_db

ORAL = "Muntligt samtycke, dokumenterat av yrkespersonen"
RECEIVED_BY = "Kurator Ingrid Muntligsson"
NEEDED = "Behövs för ett muntligt samtycke."


def today():
    return timezone.localdate()


def oral_data(**overrides):
    data = request_data(
        "samtycke",
        consent_form="oral",
        consent_given_on=(today() - timedelta(days=2)).isoformat(),
        consent_received_by=RECEIVED_BY,
        consent_until=(today() + timedelta(days=90)).isoformat(),
    )
    # Oral consent has no signed form: no date of signing, no form kept.
    del data["consent_signed_on"], data["consent_form_kept"]
    data.update(overrides)
    return data


def facts(content):
    pairs = re.findall(r"<dt>(.*?)</dt>\s*<dd>(.*?)</dd>", content, flags=re.S)
    return {
        re.sub(r"<[^>]+>", "", k).strip(): html.unescape(re.sub(r"<[^>]+>", "", v).strip())
        for k, v in pairs
    }


def test_oral_consent_is_documented_and_shown_wherever_the_consent_is(
    django_capture_on_commit_callbacks,
):
    sender = signed_in(professional())
    form = sender.get("/personal/samrad/ny/samtycke/").content.decode()
    assert 'name="consent_form" value="oral"' in form
    assert 'name="consent_received_by"' in form and 'name="consent_until"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = sender.post("/personal/samrad/ny/samtycke/", oral_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    samrad_request = SamradRequest.objects.get()
    assert samrad_request.consent_form == "oral"
    assert samrad_request.consent_signed_on == "" and samrad_request.consent_form_kept is False
    assert samrad_request.consent_until == today() + timedelta(days=90)
    assert samrad_request.consent_in_force
    given = (today() - timedelta(days=2)).isoformat()
    until = (today() + timedelta(days=90)).isoformat()

    office = signed_in(coordinator())
    pages = {
        "the professional's view": sender.get(f"/personal/samrad/mina/{samrad_request.pk}/"),
        "the case page": office.get(f"/personal/samrad/inkorg/{samrad_request.pk}/"),
        "the print": office.get(f"/personal/samrad/inkorg/{samrad_request.pk}/utskrift/"),
    }
    for where, response in pages.items():
        shown = facts(response.content.decode())
        assert shown["Samtyckets form"] == ORAL, where
        assert shown["Samtycket lämnades till"] == RECEIVED_BY, where
        assert shown["Datum då samtycket gavs"] == given, where
        assert shown["Samtycket gäller till"] == until, where
        # The signed form's facts are not asked of oral consent, so not shown.
        assert "Samtyckesblanketten undertecknad den" not in shown, where
    exported = pdf_text(
        office.get(f"/personal/samrad/inkorg/{samrad_request.pk}/export.pdf").content
    )
    assert ORAL in exported and RECEIVED_BY in exported
    assert f"Samtycket gäller till: {until}" in exported


def test_a_signed_form_is_shown_as_such(django_capture_on_commit_callbacks):
    sender = signed_in(professional())
    with django_capture_on_commit_callbacks(execute=True):
        response = sender.post("/personal/samrad/ny/samtycke/", request_data("samtycke"))
    assert response.status_code == 302
    samrad_request = SamradRequest.objects.get()
    assert samrad_request.consent_form == "signed" and samrad_request.consent_received_by == ""
    shown = facts(
        signed_in(coordinator())
        .get(f"/personal/samrad/inkorg/{samrad_request.pk}/")
        .content.decode()
    )
    assert shown["Samtyckets form"] == "Undertecknad samtyckesblankett"
    assert "Samtycket lämnades till" not in shown


@pytest.mark.parametrize(
    "missing", ["consent_given_on", "consent_received_by", "consent_until", "consent_parties"]
)
def test_oral_consent_without_one_of_its_parts_is_refused_and_the_answers_kept(missing):
    sender = signed_in(professional())
    data = oral_data()
    data.pop(missing)
    response = sender.post("/personal/samrad/ny/samtycke/", data)
    assert response.status_code == 200
    assert SamradRequest.objects.count() == 0
    content = html.unescape(response.content.decode())
    if missing == "consent_parties":
        # The error summary names the field (its message is Django's own).
        assert "Parter som samtycket omfattar: " in content
    else:
        assert NEEDED in content
    # The answers stay: the choice of oral consent, the name, the question, the rest.
    assert re.search(r'value="oral"[^>]*checked|checked[^>]*value="oral"', content)
    assert "Zebra Fink" in content and "Hur kan vi samordna skyddet?" in content
    if missing != "consent_received_by":
        assert RECEIVED_BY in content


def test_all_parts_of_oral_consent_missing_are_named_each(client):
    sender = signed_in(professional())
    data = oral_data(consent_given_on="", consent_received_by="", consent_until="")
    content = html.unescape(sender.post("/personal/samrad/ny/samtycke/", data).content.decode())
    assert content.count(f"Datum då samtycket gavs: {NEEDED}") == 1
    assert content.count(NEEDED) >= 3
    assert SamradRequest.objects.count() == 0


@pytest.mark.parametrize(
    "until, message",
    [
        (-1, "Samtycket har redan upphört det datumet"),
        (400, "Ett samtycke gäller högst 12 månader från att det lämnades."),
    ],
)
def test_an_end_date_past_or_beyond_12_months_is_refused(until, message):
    sender = signed_in(professional())
    data = oral_data(consent_until=(today() + timedelta(days=until)).isoformat())
    response = sender.post("/personal/samrad/ny/samtycke/", data)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert SamradRequest.objects.count() == 0


NAME, NUMBER = "Maj Muntligdotter", "19580312-4427"
SIGNS = ("Muntligdotter", "19580312", "195803124427")


@pytest.fixture
def oral_world():
    """A weekly samråd with the police and Krokom invited; on it a case whose consent was
    given orally and covers the police only, with a unique name and number in every
    free-text field of the case, its record and its actions."""
    coord = coordinator()
    author = professional("muntlig@example.org", party="region")
    meeting = Meeting.objects.create(
        kind="weekly",
        starts_at=timezone.now() + timedelta(days=1),
        place="Polishuset, Östersund",
        created_by=coord,
    )
    meeting.invited_parties.set([party("polisen"), party("krokom")])
    samrad_request = make_samrad_request(
        author,
        meeting,
        f"{NAME} {NUMBER}",
        mode="consent",
        consent_form="oral",
        person_name=NAME,
        person_id_number=NUMBER.replace("-", ""),
        consent_given_on=today() - timedelta(days=20),
        consent_until=today() + timedelta(days=10),
    )
    samrad_request.consent_parties.set([party("polisen")])
    readers = {
        "covered": signed_in(representative("rep-polis@example.org", "polisen")),
        "not covered": signed_in(representative("rep-krokom@example.org", "krokom")),
    }
    world = {"meeting": meeting, "identified": samrad_request, "deidentified": samrad_request}
    return samrad_request, readers, samrad_urls(world)


def test_oral_consent_is_shared_on_exactly_as_a_signed_one(oral_world):
    samrad_request, readers, urls = oral_world
    covered = "\n".join(read_all(readers["covered"], urls).values())
    assert NAME in covered
    assert {"question", "description"} <= leaked(covered, SIGNS)
    outside = "\n".join(read_all(readers["not covered"], urls).values())
    assert samrad_request.reference in outside
    assert not leaked(outside, SIGNS)


def test_oral_consent_past_its_end_date_is_no_longer_in_force(oral_world):
    samrad_request, readers, urls = oral_world
    SamradRequest.objects.filter(pk=samrad_request.pk).update(
        consent_until=today() - timedelta(days=1)
    )
    samrad_request.refresh_from_db()
    for relation, client in readers.items():
        content = "\n".join(read_all(client, urls).values())
        assert not leaked(content, SIGNS), relation
        assert samrad_request.reference in content
    assert "Visas inte: inget gällande samtycke" in "\n".join(
        read_all(readers["covered"], urls).values()
    )
    # The coordinator's case page says so.
    page = signed_in(coordinator("samordnare2@example.org")).get(
        f"/personal/samrad/inkorg/{samrad_request.pk}/"
    )
    shown = facts(page.content.decode())
    assert shown["Samtycket gäller till"] == f"{samrad_request.consent_valid_until} Gäller inte"


def test_a_signed_form_with_an_end_date_ends_then_too():
    author = professional()
    samrad_request = SamradRequest(
        created_by=author,
        mode="consent",
        consent_form="signed",
        consent_signed_on=(today() - timedelta(days=30)).isoformat(),
        consent_until=today() - timedelta(days=1),
    )
    assert samrad_request.consent_valid_until == today() - timedelta(days=1)
    assert not samrad_request.consent_in_force
    samrad_request.consent_until = None
    assert samrad_request.consent_valid_until == today() - timedelta(days=30) + timedelta(days=365)
    assert samrad_request.consent_in_force
