"""The one keep-alive in a real browser, on the coordinator's record form: typing keeps the
session alive, and a session that ended anyway (the laptop slept) leaves the typed text on
the screen with a message instead of sending it to the login page.

The page's clock is Playwright's, so that "a minute later" and "40 minutes later" take no
time; the session's end is made on the server, as its idle expiry would."""

from datetime import timedelta

import pytest
from django.contrib.sessions.models import Session
from django.utils import timezone

from tests.samrad_helpers import make_request

from .test_staff_journeys import log_in, staff_portal  # noqa: F401 (the fixture)

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips every test here, with the reason
    expect = None

KEEPALIVE = "/accounts/keepalive/"
TYPED = "Polisen ser över kontaktförbudet; socialtjänsten ordnar skyddat boende i veckan."
LOGGED_OUT = "Du har loggats ut. Kopiera din text innan du loggar in igen"


@pytest.fixture
def record_page(page, staff_portal):  # noqa: F811
    """The coordinator on a received case's page, with the page's clock under the test's
    control; the calls the page makes to the keep-alive are collected."""
    portal, professional, coordinator = staff_portal
    samrad_request = make_request(
        professional, mode="deidentified", person_name="", status="received"
    )
    page.clock.install()
    path = f"/personal/samrad/inkorg/{samrad_request.pk}/"
    log_in(page, portal, coordinator, next_path=path)
    pings = []
    page.on("response", lambda r: pings.append(r.status) if r.url.endswith(KEEPALIVE) else None)
    return page, portal.url(path), pings


def browser_session(page):
    """The session row of the browser's session cookie."""
    (key,) = [c["value"] for c in page.context.cookies() if c["name"] == "sessionid"]
    return Session.objects.filter(session_key=key)


def test_typing_in_the_record_keeps_the_session_alive(record_page):
    page, url, pings = record_page
    decision = page.get_by_label("Överenskommen plan")
    decision.fill(TYPED)
    # The page itself was the last request: no call in the first minute.
    page.wait_for_timeout(300)
    assert pings == []

    # Nearly 30 minutes without a request on the server; a minute later on the page.
    browser_session(page).update(expire_date=timezone.now() + timedelta(minutes=1))
    page.clock.fast_forward("01:01")
    with page.expect_response(lambda r: r.url.endswith(KEEPALIVE)) as answer:
        decision.press_sequentially(" Klart.")
    assert answer.value.status == 204
    assert pings == [204]
    # The session's idle time started again; the text went nowhere.
    assert browser_session(page).get().expire_date - timezone.now() > timedelta(minutes=29)
    assert answer.value.request.post_data in (None, "")
    expect(page.locator("#session-ended")).to_be_hidden()

    # Typing on within the minute adds no call.
    decision.press_sequentially(" Mer.")
    page.wait_for_timeout(300)
    assert pings == [204]
    assert page.url == url


@pytest.mark.parametrize("then", ["sends", "types"])
def test_a_session_that_ended_leaves_the_text_on_screen(record_page, then):
    page, url, pings = record_page
    decision = page.get_by_label("Överenskommen plan")
    decision.fill(TYPED)
    save = page.get_by_role("button", name="Spara dokumentationen")

    # The laptop sleeps for 40 minutes: the session expires on the server meanwhile.
    browser_session(page).update(expire_date=timezone.now() - timedelta(minutes=10))
    page.clock.fast_forward("40:00")
    with page.expect_response(lambda r: r.url.endswith(KEEPALIVE)) as answer:
        if then == "sends":
            save.click()
        else:
            decision.press_sequentially(" Klart.")
    assert answer.value.status == 401

    notice = page.locator("#session-ended")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text(LOGGED_OUT)
    expect(notice).to_have_attribute("role", "alert")
    # Still the case page, not the login page, with the text where it was.
    assert page.url == url
    expect(decision).to_have_value(TYPED if then == "sends" else TYPED + " Klart.")
    # Nothing can be sent from here any more, so the text cannot be lost by a click.
    expect(save).to_be_disabled()
    expect(page.get_by_role("button", name="Spara anteckningar")).to_be_disabled()
    assert pings == [401]
