"""The coordinator moves a samråd meeting, invites a party and cancels the meeting in a
real browser: the parties' mailboxes get the calendar files, the pages pass axe."""

import pytest
from django.core import mail

from organisations.models import Party
from samrad.models import Meeting

from .conftest import visit
from .test_public_journeys import AXE_TAGS, RUN_AXE, describe_violations
from .test_staff_journeys import log_in, staff_portal  # noqa: F401 (a fixture)

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips every test here, with the reason
    expect = None


def no_axe_violations(page, axe_source, path):
    page.evaluate(axe_source)
    violations = page.evaluate(RUN_AXE, AXE_TAGS)
    assert not violations, describe_violations(path, violations)


def calendar_methods(address):
    return [
        part.get_param("method")
        for message in mail.outbox
        if message.to == [address]
        for part in message.message().walk()
        if part.get_content_type() == "text/calendar"
    ]


@pytest.mark.e2e
def test_move_invite_and_cancel_a_meeting(page, staff_portal, axe_source):  # noqa: F811
    portal, _, coordinator = staff_portal
    police = Party.objects.get(slug="polisen")
    region = Party.objects.get(slug="region")
    mail.outbox.clear()
    log_in(page, portal, coordinator, "/personal/samrad/moten/")
    page.get_by_label(str(police), exact=True).check()
    page.get_by_role("button", name="Skapa möte").click()
    meeting = Meeting.objects.get()
    expect(page.locator("h1")).to_contain_text("Veckosamråd")
    no_axe_violations(page, axe_source, "meeting page")
    assert calendar_methods(police.samrad_mailbox) == ["REQUEST"]

    # Move it: a date in year 1 is refused and what was typed stays; then it is saved.
    page.get_by_label("Plats eller videolänk").fill("Rådhuset, sal 2")
    when = page.get_by_label("Datum och tid")
    right = when.input_value()
    when.fill("0001-01-01T09:00")
    page.get_by_role("button", name="Spara och skicka ändringen").click()
    expect(page.locator("#id_starts_at_error")).to_be_visible()
    expect(page.get_by_label("Plats eller videolänk")).to_have_value("Rådhuset, sal 2")
    expect(page.get_by_label("Datum och tid")).to_have_value("0001-01-01T09:00")
    assert Meeting.objects.get().sequence == 0
    page.get_by_label("Datum och tid").fill(right)
    page.get_by_role("button", name="Spara och skicka ändringen").click()
    expect(page.get_by_text("Sparat. De inbjudna parterna meddelas via e-post.")).to_be_visible()
    meeting.refresh_from_db()
    assert (meeting.place, meeting.sequence) == ("Rådhuset, sal 2", 1)
    assert calendar_methods(police.samrad_mailbox) == ["REQUEST", "REQUEST"]

    # Invite the region.
    page.get_by_label("Part:", exact=True).select_option(value=str(region.pk))
    page.get_by_role("button", name="Bjud in och skicka inbjudan").click()
    expect(page.get_by_text("Sparat. De inbjudna parterna meddelas via e-post.")).to_be_visible()
    assert calendar_methods(region.samrad_mailbox) == ["REQUEST"]

    # Cancel it, after the confirmation page.
    page.get_by_role("link", name="Ställ in mötet").click()
    no_axe_violations(page, axe_source, "cancel page")
    page.get_by_role("button", name="Ja, ställ in mötet").click()
    expect(page.get_by_text("Mötet är inställt.")).to_be_visible()
    meeting.refresh_from_db()
    assert meeting.cancelled_at is not None
    assert calendar_methods(police.samrad_mailbox)[-1] == "CANCEL"
    assert calendar_methods(region.samrad_mailbox)[-1] == "CANCEL"
    visit(page, portal, f"/personal/samrad/moten/{meeting.pk}/")
    expect(page.get_by_role("button", name="Spara och skicka ändringen")).to_have_count(0)
