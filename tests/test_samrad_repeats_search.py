"""A repeat request links to the earlier requests about the same person (a link while the
earlier case still has its contents, the reference always), and the coordinator can find
the requests about a person by the identity number: posted, through the keyed hash, never
stored, logged or shown again, and audited."""

import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from samrad.models import AuditEntry, SamradRequest

from .helpers import SecondFactorClient
from .samrad_helpers import CANONICAL_ID, coordinator, make_request, professional, request_data

pytestmark = pytest.mark.django_db

CONSENT_URL = "/personal/samrad/ny/samtycke/"
SEARCH = "/personal/samrad/inkorg/sok/"
INBOX = "/personal/samrad/inkorg/"


def signed_in(user):
    client = SecondFactorClient()
    client.force_login(user)
    return client


def case_url(samrad_request):
    return f"/personal/samrad/inkorg/{samrad_request.pk}/"


def about(identity_number, author, **fields):
    samrad_request = make_request(author, **fields)
    samrad_request.set_identity_number(identity_number)
    samrad_request.save()
    return samrad_request


# Repeats --------------------------------------------------------------------------------


def test_a_repeat_links_to_the_earlier_request(django_capture_on_commit_callbacks):
    sender = signed_in(professional())
    with django_capture_on_commit_callbacks(execute=True):
        sender.post(CONSENT_URL, request_data("samtycke"))
        sender.post(CONSENT_URL, request_data("samtycke", person_id_number="811218-9876"))
    first, second = SamradRequest.objects.order_by("created_at")
    assert second.is_repeat
    client = signed_in(coordinator())
    page = client.get(case_url(second)).content.decode()
    assert "Upprepad" in page
    assert f'<a href="{case_url(first)}">{first.reference}</a>' in page
    # And the earlier case names the later one.
    earlier_page = client.get(case_url(first)).content.decode()
    assert f'<a href="{case_url(second)}">{second.reference}</a>' in earlier_page


def test_a_purged_earlier_request_is_named_but_not_linked(django_capture_on_commit_callbacks):
    sender = signed_in(professional())
    with django_capture_on_commit_callbacks(execute=True):
        sender.post(CONSENT_URL, request_data("samtycke"))
        sender.post(CONSENT_URL, request_data("samtycke"))
    first, second = SamradRequest.objects.order_by("created_at")
    first.purge()
    page = signed_in(coordinator()).get(case_url(second)).content.decode()
    assert first.reference in page
    assert case_url(first) not in page
    assert "innehållet är borttaget" in page


def test_the_link_outlives_the_keyed_hash(django_capture_on_commit_callbacks):
    sender = signed_in(professional())
    with django_capture_on_commit_callbacks(execute=True):
        sender.post(CONSENT_URL, request_data("samtycke"))
        sender.post(CONSENT_URL, request_data("samtycke"))
    first, second = SamradRequest.objects.order_by("created_at")
    SamradRequest.objects.update(person_key="")
    page = signed_in(coordinator()).get(case_url(second)).content.decode()
    assert f'<a href="{case_url(first)}">{first.reference}</a>' in page


def test_another_person_is_not_linked(django_capture_on_commit_callbacks):
    sender = signed_in(professional())
    with django_capture_on_commit_callbacks(execute=True):
        sender.post(CONSENT_URL, request_data("samtycke"))
        sender.post(CONSENT_URL, request_data("samtycke", person_id_number="19850730-2381"))
    first, second = SamradRequest.objects.order_by("created_at")
    assert not second.is_repeat
    assert case_url(first) not in signed_in(coordinator()).get(case_url(second)).content.decode()


# Search by identity number ------------------------------------------------------------------

SPELLINGS = [
    "19811218-9876",
    "811218-9876",
    "8112189876",
    "198112189876",
    "811218 9876",
    "811218–9876",  # en dash
    "８１１２１８－９８７６",  # full-width
    "  19811218-9876  ",
    "\t811218\u00a09876\n",
]


@pytest.fixture
def people():
    author = professional()
    found = about(CANONICAL_ID, author, status="received")
    purged = about(CANONICAL_ID, author, created_at=timezone.now() - timedelta(days=100))
    purged.purge()
    other = about("198507302381", author)
    return found, purged, other


def test_the_inbox_has_the_search_form_posting_elsewhere():
    page = signed_in(coordinator()).get(INBOX).content.decode()
    assert f'<form method="post" action="{SEARCH}"' in page
    assert 'autocomplete="off"' in page


@pytest.mark.parametrize("typed", SPELLINGS)
def test_every_spelling_finds_the_person(people, typed, caplog):
    found, purged, other = people
    client = signed_in(coordinator())
    with caplog.at_level(logging.DEBUG):
        response = client.post(SEARCH, {"identity_number": typed})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    page = response.content.decode()
    assert "2 förfrågningar hittades" in page
    assert f'<a href="{case_url(found)}">{found.reference}</a>' in page
    assert purged.reference in page and case_url(purged) not in page
    assert other.reference not in page
    # The number is not written back into the page, nor into a log.
    for shown in (CANONICAL_ID, "811218", typed.strip()):
        assert shown not in page
        assert shown not in caplog.text


def test_the_plus_means_a_hundred_years_older(people):
    author = professional("annan@example.org")
    # 1881-12-18: 811218+9876 is this person, not the one born 1981.
    old = about("188112189876", author)
    page = signed_in(coordinator()).post(SEARCH, {"identity_number": "811218+9876"})
    page = page.content.decode()
    assert "1 förfrågan hittades" in page
    assert old.reference in page and people[0].reference not in page


def test_a_search_is_audited_without_the_number(people):
    user = coordinator()
    signed_in(user).post(SEARCH, {"identity_number": "19811218-9876"})
    entries = AuditEntry.objects.filter(event=AuditEntry.Event.SEARCHED, user=user)
    summary = entries.get(request=None)
    assert "2" in summary.detail
    assert {entry.reference for entry in entries.exclude(request=None)} == {
        people[0].reference,
        people[1].reference,
    }
    for entry in AuditEntry.objects.all():
        assert "811218" not in entry.detail and "9876" not in entry.detail


def test_nobody_found_says_so():
    page = signed_in(coordinator()).post(SEARCH, {"identity_number": "19850730-2381"})
    assert page.status_code == 200
    assert "0 förfrågningar hittades" in page.content.decode()


@pytest.mark.parametrize(
    "typed",
    [
        "",
        "abc",
        "19811218-9875",  # wrong check digit
        "811218\x009876",
        "8" * 10_000,
        "<script>alert(1)</script>",
        "21001218-9876",
    ],
)
def test_garbage_is_refused_in_swedish_without_a_500(typed):
    user = coordinator()
    response = signed_in(user).post(SEARCH, {"identity_number": typed})
    assert response.status_code == 200
    page = response.content.decode()
    assert "field--error" in page
    assert "hittades" not in page
    assert "<script>alert(1)" not in page
    assert not AuditEntry.objects.filter(event=AuditEntry.Event.SEARCHED).exists()


def test_a_valid_number_is_not_echoed_in_the_error_either():
    page = signed_in(coordinator()).post(SEARCH, {"identity_number": "19811218-9875"})
    assert "Ange ett giltigt personnummer" in page.content.decode()
    assert "19811218" not in page.content.decode()


def test_only_coordinators_may_search(people, client):
    assert client.post(SEARCH, {"identity_number": "19811218-9876"}).status_code == 302
    for user in (professional("yrke2@example.org"),):
        response = signed_in(user).post(SEARCH, {"identity_number": "19811218-9876"})
        assert response.status_code == 403
        assert people[0].reference not in response.content.decode()
    assert not AuditEntry.objects.filter(event=AuditEntry.Event.SEARCHED).exists()
