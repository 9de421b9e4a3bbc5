"""The coordinator's case page: each change has its own address, which takes only a post
from a coordinator on a case that exists; saved, it goes back to the page with a message;
refused, it shows the page again with the errors and what was typed."""

import re
import uuid

import pytest

from samrad.models import Action, AuditEntry, Status

from .case_page import ADDRESSES, action_done_url, case_url, named, post_section
from .factories.organisations import party
from .helpers import SecondFactorClient
from .samrad_helpers import SITUATION, coordinator, make_request, professional

pytestmark = pytest.mark.django_db


@pytest.fixture
def samrad_request():
    return make_request(professional(), mode="consent", status=Status.RECEIVED)


@pytest.fixture
def coord_client():
    client = SecondFactorClient()
    client.force_login(coordinator())
    return client


def addresses(samrad_request):
    action = Action.objects.create(
        request=samrad_request, party=party("polisen"), description="Ring"
    )
    return [case_url(samrad_request, section) for section in ADDRESSES] + [
        action_done_url(samrad_request, action.pk)
    ]


def test_each_button_posts_to_its_own_address(coord_client, samrad_request):
    action = Action.objects.create(
        request=samrad_request, party=party("polisen"), description="Ring"
    )
    page = coord_client.get(case_url(samrad_request)).content.decode()
    posted_to = {address.split("#")[0] for address in re.findall(r'formaction="([^"]+)"', page)}
    # Taking off is offered for a planned case only, redacting for a de-identified one.
    sections = set(ADDRESSES) - {"takeoff", "redact"}
    expected = {case_url(samrad_request, section) for section in sections}
    assert posted_to == expected | {action_done_url(samrad_request, action.pk)}
    assert 'name="form"' not in page


def test_the_addresses_refuse_a_read_and_everyone_but_the_coordinator(client, samrad_request):
    urls = addresses(samrad_request)
    for url in urls:
        response = client.post(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    sender = SecondFactorClient()
    sender.force_login(samrad_request.created_by)  # the professional who sent it
    for url in urls:
        assert sender.post(url, named({"status": "closed"})).status_code == 403, url
    coord = SecondFactorClient()
    coord.force_login(coordinator())
    for url in urls:
        response = coord.get(url)
        assert response.status_code == 405, url
        assert SITUATION not in response.content.decode()
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.RECEIVED and samrad_request.actions.get().done_at is None


def test_a_case_or_action_that_does_not_exist_is_not_found(coord_client, samrad_request):
    other = make_request(professional("annan@example.org"), status=Status.RECEIVED)
    action = Action.objects.create(request=other, party=party("polisen"), description="Ring")
    # Another case's action, under this case's address: not found, not toggled.
    assert coord_client.post(action_done_url(samrad_request, action.pk)).status_code == 404
    action.refresh_from_db()
    assert action.done_at is None
    missing = type(samrad_request)(pk=uuid.uuid4())
    for section in ADDRESSES:
        response = coord_client.post(case_url(missing, section), named({"status": "closed"}))
        assert response.status_code == 404, section


def test_a_saved_change_goes_back_to_the_page_with_a_message(coord_client, samrad_request):
    response = post_section(
        coord_client, samrad_request, "notes", {"coordinator_notes": "Ring BOPS."}
    )
    assert response.status_code == 302
    assert response["Location"] == case_url(samrad_request) + "#notes"
    page = coord_client.get(response["Location"]).content.decode()
    assert "Anteckningarna är sparade." in page and "Ring BOPS." in page
    response = post_section(coord_client, samrad_request, "status", {"status": "discussed"})
    assert response["Location"] == case_url(samrad_request) + "#status"
    assert "Statusen är sparad." in coord_client.get(case_url(samrad_request)).content.decode()
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.DISCUSSED
    action = Action.objects.create(
        request=samrad_request, party=party("polisen"), description="Ring"
    )
    response = coord_client.post(action_done_url(samrad_request, action.pk))
    assert response["Location"] == case_url(samrad_request) + "#actions"
    assert (
        "Åtgärden är markerad som klar."
        in coord_client.get(case_url(samrad_request)).content.decode()
    )
    response = coord_client.post(action_done_url(samrad_request, action.pk))
    assert "Åtgärden är öppen igen." in coord_client.get(case_url(samrad_request)).content.decode()


def test_a_refused_change_shows_the_page_again_with_what_was_typed(coord_client, samrad_request):
    reason = "Hör till ett annat län"
    before = AuditEntry.objects.filter(request=samrad_request, event="viewed").count()
    # Closing a received case is not a move the flow allows.
    response = post_section(
        coord_client,
        samrad_request,
        "status",
        {"status": "closed", "decline_reason": reason, "description": "Polisen ringer"},
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "kan inte bli" in content and "Inget sparades" in content
    assert reason in content and "Polisen ringer" in content
    assert '<option value="closed" selected>' in content
    # Shown again, so read again: audited.
    assert AuditEntry.objects.filter(request=samrad_request, event="viewed").count() == before + 1
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.RECEIVED
