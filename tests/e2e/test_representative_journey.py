"""The samråd representative in a real browser: from the menu to the party's agenda, an
action marked done with a note, no accessibility violations; the coordinator's general
agenda on paper shows the cases and nothing of the site around them."""

from datetime import timedelta

import pytest
from django.utils import timezone

from organisations.models import Party
from samrad.models import Action, Meeting, SamradRequest
from staff import roles
from tests.helpers import make_user

from .test_public_journeys import AXE_TAGS, RUN_AXE, describe_violations
from .test_staff_journeys import log_in

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips every test here, with the reason
    expect = None


@pytest.fixture
def meeting_portal(portal):
    from demo.staff import load_staff_content

    load_staff_content()
    krokom = Party.objects.get(slug="krokom")
    representative = make_user("rep-krokom@example.org", role=roles.REPRESENTATIVE, party=krokom)
    coordinator = make_user(
        "samordnare@example.org", role=roles.COORDINATOR, party=Party.objects.get(slug="ostersund")
    )
    meeting = Meeting.objects.create(
        kind="weekly",
        starts_at=timezone.now() + timedelta(days=1),
        place="Polishuset, Östersund",
        created_by=coordinator,
    )
    meeting.invited_parties.set([krokom, Party.objects.get(slug="polisen")])
    samrad_request = SamradRequest.objects.create(
        created_by=coordinator,
        referring_party=krokom,
        home_municipality=krokom,
        mode="deidentified",
        kind="planning",
        urgency="acute",
        contact_phone="070-123 45 67",
        contact_email="yrke@example.org",
        question="Hur samordnar vi skyddet?",
        meeting=meeting,
    )
    Action.objects.create(
        request=samrad_request, party=krokom, description="Erbjud skyddat boende."
    )
    return portal, representative, coordinator, meeting, samrad_request


def test_representative_reads_the_agenda_and_marks_an_action_done(page, meeting_portal, axe_source):
    portal, representative, _, meeting, samrad_request = meeting_portal
    log_in(page, portal, representative, next_path="/personal/samrad/representant/")
    failures = []
    page.evaluate(axe_source)
    if violations := page.evaluate(RUN_AXE, AXE_TAGS):
        failures.append(describe_violations("overview", violations))
    page.get_by_role(
        "link", name=timezone.localtime(meeting.starts_at).strftime("%Y-%m-%d")
    ).click()
    expect(page.locator("table.agenda-table tbody tr")).to_have_count(1)
    expect(page.locator("table.agenda-table")).to_contain_text(samrad_request.reference)
    expect(page.locator("table.agenda-table")).to_contain_text("Hur samordnar vi skyddet?")
    # On a phone the table scrolls by itself; the page does not widen.
    page.set_viewport_size({"width": 360, "height": 740})
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.set_viewport_size({"width": 1280, "height": 800})
    page.evaluate(axe_source)
    if violations := page.evaluate(RUN_AXE, AXE_TAGS):
        failures.append(describe_violations("agenda", violations))

    page.get_by_role("link", name="Min parts åtgärder").click()
    expect(page.get_by_text("Erbjud skyddat boende.")).to_be_visible()
    page.evaluate(axe_source)
    if violations := page.evaluate(RUN_AXE, AXE_TAGS):
        failures.append(describe_violations("actions", violations))
    page.get_by_label("Anteckning").fill("Boende ordnat.")
    page.get_by_role("button", name="Markera som klar").click()
    expect(page.get_by_text("Åtgärden är markerad som klar.")).to_be_visible()
    expect(page.get_by_text("Boende ordnat.")).to_be_visible()
    expect(page.get_by_role("button", name="Markera som klar")).to_have_count(0)
    assert not failures, "\n".join(failures)


def test_the_general_agenda_prints_only_the_agenda(page, meeting_portal):
    portal, _, coordinator, meeting, samrad_request = meeting_portal
    log_in(page, portal, coordinator, next_path=f"/personal/samrad/moten/{meeting.pk}/")
    page.locator(".print-links").get_by_role("link", name="skriv ut").last.click()
    expect(page).to_have_url(
        portal.url(f"/personal/samrad/moten/{meeting.pk}/dagordning/allman/?page=1")
    )
    page.emulate_media(media="print")
    expect(page.locator("table.agenda-table")).to_contain_text(samrad_request.reference)
    for hidden in (".safety-bar", ".site-header", ".site-footer"):
        expect(page.locator(hidden)).to_be_hidden()
    assert page.locator("form, button, nav").count() == 0
