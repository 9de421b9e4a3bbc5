"""Staff and samråd journeys in a real browser: login with a TOTP code, routines and a
private document, a de-identified samråd request, the coordinator's inbox and planning,
and the accessibility of every staff page type."""

import time

import pytest

from organisations.models import Party
from samrad.models import Meeting, SamradRequest
from staff import roles
from tests.helpers import make_user, unused_totp_code

from .conftest import visit
from .test_public_journeys import AXE_TAGS, RUN_AXE, describe_violations

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips every test here, with the reason
    expect = None

PASSWORD = "rätt-lösenord-123"
# Tab presses from opening the de-identified form to its send button, measured at 77 with
# the safety, risk and children sections (most of them past the two party checkbox lists);
# a new field must fit in this budget or make the form shorter elsewhere.
TAB_BUDGET = 80
VALID_ID = "19811218-9876"


@pytest.fixture
def staff_portal(portal):
    """The public demo plus the staff area, and one professional and one coordinator."""
    from demo.staff import load_staff_content

    load_staff_content()
    professional = make_user(
        "yrke@example.org", role=roles.PROFESSIONAL, party=Party.objects.get(slug="krokom")
    )
    coordinator = make_user(
        "samordnare@example.org", role=roles.COORDINATOR, party=Party.objects.get(slug="ostersund")
    )
    return portal, professional, coordinator


def log_in(page, portal, user, next_path="/personal/"):
    visit(page, portal, f"/accounts/login/?next={next_path}")
    page.get_by_label("E-post").fill(user.email)
    page.get_by_label("Lösenord").fill(PASSWORD)
    page.get_by_role("button", name="Logga in").click()
    page.get_by_label("Kod").fill(unused_totp_code(user.totp_secret))
    page.get_by_role("button", name="Logga in").click()
    expect(page).to_have_url(portal.url(next_path))


def test_staff_journey_routine_document_and_logout(page, staff_portal):
    portal, professional, _ = staff_portal
    log_in(page, portal, professional)
    expect(page.locator("h1")).to_have_text("Personalrummet")
    page.get_by_role("navigation", name="Personalrummet").get_by_role(
        "link", name="Rutiner"
    ).click()
    page.get_by_role("link", name="Rutin: Att lyfta ett ärende till samråd").click()
    expect(page.locator("h1")).to_have_text("Rutin: Att lyfta ett ärende till samråd")
    expect(page.locator(".step").first).to_be_visible()

    page.get_by_role("link", name="Samtyckesblankett").first.click()
    link = page.get_by_role("link", name="Ladda ner den officiella blanketten")
    document_url = portal.url(link.get_attribute("href"))
    response = page.request.get(document_url)
    assert response.status == 200
    assert response.body().startswith(b"%PDF")
    assert response.headers["cache-control"] == "no-store, private"

    # After logging out the same address leads to the login page, not the file.
    page.get_by_role("link", name="Logga ut").click()
    page.get_by_role("button", name="Logga ut").click()
    response = page.request.get(document_url, max_redirects=0)
    assert response.status == 302
    assert "/accounts/login/" in response.headers["location"]


def test_samrad_journey(page, new_context, staff_portal):
    portal, professional, coordinator = staff_portal
    log_in(page, portal, professional)
    page.get_by_role("link", name="Begär samråd").first.click()
    page.get_by_role("link", name="Avidentifierad").click()

    typed = f"Kvinnan med personnummer {VALID_ID} har hotats av sin partner."
    page.get_by_label("Ditt telefonnummer").fill("070-123 45 67")
    page.get_by_label("Personens hemkommun").select_option(label="Krokoms kommun")
    page.get_by_label("Planering").check()
    page.get_by_label("Nästa veckosamråd").check()
    page.get_by_label("Bedöma risken för fortsatt våld").check()
    page.get_by_label("Psykiskt").check()
    page.get_by_label("Personens kön").select_option(label="Kvinna")
    page.get_by_label("Personens ålder").select_option(label="35–44")
    page.locator("#id_contact_safe_0").check()
    page.get_by_label("Barn i hushållet").fill("2")
    page.get_by_label("Situationen").fill(typed)
    page.get_by_label("Din fråga till samrådet").fill("Hur samordnar vi skyddet?")
    page.get_by_role("button", name="Skicka till samordnaren").click()

    # Refused with the reason, and nothing typed is lost.
    expect(page.locator(".form-errors").first).to_be_visible()
    expect(page.get_by_text("personnummer", exact=False).first).to_be_visible()
    expect(page.get_by_label("Situationen")).to_have_value(typed)
    expect(page.get_by_label("Din fråga till samrådet")).to_have_value("Hur samordnar vi skyddet?")
    assert SamradRequest.objects.count() == 0

    page.get_by_label("Situationen").fill("Kvinnan har hotats av sin partner sedan i våras.")
    page.get_by_role("button", name="Skicka till samordnaren").click()
    expect(page.get_by_text("Din förfrågan har skickats till samordnaren.")).to_be_visible()
    samrad_request = SamradRequest.objects.get()
    expect(page.locator("h1")).to_contain_text(samrad_request.reference)

    # The coordinator sees it in the inbox, creates the weekly meeting and plans it.
    coordinator_page = new_context().new_page()
    log_in(coordinator_page, portal, coordinator)
    coordinator_page.get_by_role("link", name="Inkorg").click()
    coordinator_page.get_by_role("link", name=samrad_request.reference).click()
    expect(
        coordinator_page.get_by_text("Kvinnan har hotats av sin partner sedan i våras.")
    ).to_be_visible()
    coordinator_page.get_by_role("link", name="Möten").first.click()
    coordinator_page.get_by_role("button", name="Skapa möte").click()
    meeting = Meeting.objects.get()
    coordinator_page.goto(portal.url(f"/personal/samrad/inkorg/{samrad_request.pk}/"))
    coordinator_page.get_by_label("Samrådsmöte").select_option(value=str(meeting.pk))
    coordinator_page.get_by_role("button", name="Planera in på mötet").click()
    samrad_request.refresh_from_db()
    assert samrad_request.status == "planned" and samrad_request.meeting == meeting

    # The professional sees the date in "my requests".
    visit(page, portal, "/personal/samrad/mina/")
    expect(page.get_by_role("cell", name=samrad_request.reference)).to_be_visible()
    expect(page.get_by_text("Planerad")).to_be_visible()


STAFF_PAGES = [
    "/personal/",
    "/personal/rutiner/",
    "/personal/rutiner/samrad/",
    "/personal/samtyckesblankett/",
    "/personal/sekretess/",
    "/personal/sekretess/?steg=q2",
    "/personal/kontaktvagar/",
    "/personal/konto/",
    "/personal/samrad/ny/",
    "/personal/samrad/ny/samtycke/",
    "/personal/samrad/mina/",
    "/personal/samrad/inkorg/",
    "/personal/samrad/min-vecka/",
    "/personal/samrad/moten/",
    "/personal/samrad/statistik/",
    "/personal/samrad/statistik/arsrapport/",
    "/personal/samrad/statistik/arsrapport/?year=tjugo",
    "/personal/samrad/logg/",
    "/accounts/2fa/",
    "/accounts/sessions/",
]


def test_no_axe_violations_on_staff_pages(page, staff_portal, axe_source):
    portal, _, coordinator = staff_portal
    log_in(page, portal, coordinator)
    failures = []
    for path in STAFF_PAGES:
        visit(page, portal, path)
        page.evaluate(axe_source)
        violations = page.evaluate(RUN_AXE, AXE_TAGS)
        if violations:
            failures.append(describe_violations(path, violations))
    # A form with its validation errors shown.
    visit(page, portal, "/personal/samrad/ny/samtycke/")
    page.get_by_role("button", name="Skicka till samordnaren").click()
    expect(page.locator(".form-errors").first).to_be_visible()
    page.evaluate(axe_source)
    violations = page.evaluate(RUN_AXE, AXE_TAGS)
    if violations:
        failures.append(describe_violations("request form with errors", violations))
    assert not failures, "\n".join(failures)


def test_login_page_has_no_axe_violations(page, staff_portal, axe_source):
    portal, *_ = staff_portal
    visit(page, portal, "/accounts/login/")
    page.get_by_role("button", name="Logga in").click()
    page.evaluate(axe_source)
    violations = page.evaluate(RUN_AXE, AXE_TAGS)
    assert not violations, describe_violations("/accounts/login/", violations)


def test_login_page_tap_targets_are_24_px_on_a_phone(page, staff_portal):
    """WCAG 2.5.8: every link and button of the login form can be hit on a phone."""
    portal, *_ = staff_portal
    page.set_viewport_size({"width": 360, "height": 740})
    visit(page, portal, "/accounts/login/")
    targets = page.locator("main a, main button, main input").all()
    assert targets
    small = []
    for target in targets:
        box = target.bounding_box()
        if box and box["height"] < 24:
            small.append((target.evaluate("node => node.outerHTML"), box["height"]))
    assert not small, small


def test_keyboard_only_login_routine_and_samrad_request(page, staff_portal):
    """Log in, open a routine and send a de-identified request with the keyboard alone."""
    from .test_public_journeys import tab_until

    portal, professional, _ = staff_portal
    seen = []
    visit(page, portal, "/accounts/login/?next=/personal/")
    tab_until(page, seen, lambda f: f["id"] == "id_login")
    page.keyboard.type(professional.email)
    tab_until(page, seen, lambda f: f["id"] == "id_password")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(portal.url("/accounts/2fa/authenticate/"))
    tab_until(page, seen, lambda f: f["tag"] == "input" and f["id"] == "id_code")
    page.keyboard.type(unused_totp_code(professional.totp_secret))
    page.keyboard.press("Enter")
    page.wait_for_url(portal.url("/personal/"))

    tab_until(page, seen, lambda f: f["text"] == "Rutiner")
    page.keyboard.press("Enter")
    page.wait_for_url(portal.url("/personal/rutiner/"))
    tab_until(
        page,
        seen,
        lambda f: f["text"] == "Rutin: Akut samråd" or "akut" in f["text"].lower(),
        limit=60,
    )
    page.keyboard.press("Enter")
    expect(page.locator(".step").first).to_be_visible()

    visit(page, portal, "/personal/samrad/ny/avidentifierad/")
    started, presses_before = time.monotonic(), len(seen)
    tab_until(page, seen, lambda f: f["id"] == "id_contact_phone", limit=60)
    page.keyboard.type("070-123 45 67")
    tab_until(page, seen, lambda f: f["id"] == "id_home")
    page.keyboard.type("Krokom")
    tab_until(page, seen, lambda f: f["id"] == "id_kind_0")
    page.keyboard.press("Space")
    tab_until(page, seen, lambda f: f["id"] == "id_urgency_0")
    page.keyboard.press("Space")
    tab_until(page, seen, lambda f: f["id"] == "id_purposes_0")
    page.keyboard.press("Space")
    tab_until(page, seen, lambda f: f["id"] == "id_gender", limit=60)
    page.keyboard.type("Kvinna")
    tab_until(page, seen, lambda f: f["id"] == "id_age_band")
    page.keyboard.type("35")
    tab_until(page, seen, lambda f: f["id"] == "id_contact_safe_0")
    page.keyboard.press("Space")
    tab_until(page, seen, lambda f: f["id"] == "id_situation", limit=60)
    page.keyboard.type("Hot i hemmet sedan i våras.")
    tab_until(page, seen, lambda f: f["id"] == "id_question")
    page.keyboard.type("Hur samordnar vi skyddet?")
    tab_until(page, seen, lambda f: f["tag"] == "button" and f["text"] == "Skicka till samordnaren")
    page.keyboard.press("Enter")
    expect(page.get_by_text("Din förfrågan har skickats till samordnaren.")).to_be_visible()
    assert SamradRequest.objects.get().situation == "Hot i hemmet sedan i våras."
    # The bound: a de-identified request by keyboard alone, required answers only, in few
    # enough Tab presses that a person does it well within 3 minutes (at ~1 s a press).
    presses = len(seen) - presses_before
    assert presses <= TAB_BUDGET, presses
    assert time.monotonic() - started < 180
