"""Every staff page fits a phone: the coordinator, a professional and a party
representative visit each page they reach from the staff menu (and one page of each kind
linked from those: a case, a meeting, a routine, the request forms) at 360 × 740 and at
1280 × 800. No page is wider than the screen, the case page's buttons lie within it, axe
finds nothing at 360 px, and the request form folds its sections on a phone without
losing what was typed. Screenshots at 360 px go to test-artifacts/screenshots/narrow-*.png,
the widths measured to test-artifacts/staff-narrow-widths.json."""

import json
import re

import pytest
from django.contrib.auth.models import Group

from organisations.models import Party
from staff import roles
from tests.helpers import make_user

from .conftest import SCREENSHOT_DIR, visit
from .test_public_journeys import AXE_TAGS, RUN_AXE, describe_violations
from .test_staff_journeys import log_in

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips every test here, with the reason
    expect = None

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
WIDTHS_FILE = SCREENSHOT_DIR.parent / "staff-narrow-widths.json"

# Pages of one kind are built by one template: the first link of each kind found on the
# menu's pages is visited too.
KINDS = {
    "case": re.compile(r"^/personal/samrad/inkorg/[0-9a-f-]{36}/$"),
    "own-case": re.compile(r"^/personal/samrad/mina/[0-9a-f-]{36}/$"),
    "meeting": re.compile(r"^/personal/samrad/moten/[0-9a-f-]{36}/$"),
    "party-meeting": re.compile(r"^/personal/samrad/representant/moten/[0-9a-f-]{36}/$"),
    "consent-form": re.compile(r"^/personal/samrad/ny/samtycke/$"),
    "request-form": re.compile(r"^/personal/samrad/ny/avidentifierad/$"),
    "routine": re.compile(r"^/personal/rutiner/[\w-]+/$"),
}
# Not pages to read on a screen: leaving, files, print versions.
SKIPPED = re.compile(r"/accounts/logout/|/documents/|/utskrift/|/dagordning/|\.(ics|pdf|csv)$")

CONSENT_PAGE = "/personal/samtyckesblankett/"
AUDIT_LOG = "/personal/samrad/logg/"
# What to look at: the case page, the consent page, the longest request form.
SCREENSHOTS = {"coordinator": ["case", "consent"], "professional": ["request-form"]}

ACCOUNTS = {
    # e-mail as in demo/staff.py, roles, party slug
    "coordinator": ("samordnare@example.org", [roles.COORDINATOR], "ostersund"),
    "professional": ("socialtjanst@example.org", [roles.PROFESSIONAL], "krokom"),
    "representative": (
        "polis-samrad@example.org",
        [roles.PROFESSIONAL, roles.REPRESENTATIVE],
        "polisen",
    ),
}

# The page's width and, where it is wider than the screen, the elements that stick out.
# Of the elements that stick out, the innermost: those that make the page wide.
MEASURE = """() => {
  const width = window.innerWidth;
  const wide = [...document.querySelectorAll("body *")].filter((element) => {
    const box = element.getBoundingClientRect();
    return box.width && box.right > width + 1 && !element.closest(".table-scroll");
  });
  const innermost = wide.filter((element) => !wide.some((other) => other !== element
                                                          && element.contains(other)));
  return {scrollWidth: document.documentElement.scrollWidth, innerWidth: width,
          height: document.documentElement.scrollHeight,
          wide: innermost.slice(0, 8).map((element) => element.tagName.toLowerCase()
            + (element.className ? "." + element.className : "") + " right="
            + Math.round(element.getBoundingClientRect().right))};
}"""

SUBMIT_BUTTONS = """() => {
  const width = window.innerWidth;
  return [...document.querySelectorAll(
      "button:not([type=button]):not([type=reset]), input[type=submit]")]
    .map((button) => [button.textContent.trim() || button.value, button.getBoundingClientRect()])
    .filter(([, box]) => box.width > 0)
    .filter(([, box]) => box.left < 0 || box.right > width)
    .map(([name, box]) => `${name}: ${Math.round(box.left)}–${Math.round(box.right)}`);
}"""


@pytest.fixture
def demo_week(portal):
    """The staff demo, the three accounts and the demo samråd week (demo/samrad_week.py)."""
    from demo.samrad_week import ensure_demo_samrad
    from demo.staff import load_staff_content

    load_staff_content()
    users = {}
    for name, (email, role_names, party_slug) in ACCOUNTS.items():
        user = make_user(email, role=role_names[0], party=Party.objects.get(slug=party_slug))
        user.groups.add(*Group.objects.filter(name__in=role_names[1:]))
        users[name] = user
    assert ensure_demo_samrad()
    return portal, users


def staff_links(page, portal):
    """The staff menu's pages, in the menu's order."""
    menu = page.get_by_role("navigation", name="Personalrummet")
    hrefs = menu.locator("a").evaluate_all("(links) => links.map((link) => link.href)")
    return [portal.path(href) for href in hrefs if not SKIPPED.search(portal.path(href))]


def first_of_each_kind(page, portal, seen_kinds):
    found = []
    hrefs = page.locator("main a[href]").evaluate_all("(links) => links.map((link) => link.href)")
    for href in hrefs:
        path = portal.path(href).split("#")[0]
        for kind, pattern in KINDS.items():
            if kind not in seen_kinds and pattern.match(path):
                seen_kinds[kind] = path
                found.append(path)
    return found


def screenshot(page, name):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / f"narrow-{name}.png", full_page=True)


def record(widths):
    WIDTHS_FILE.parent.mkdir(parents=True, exist_ok=True)
    stored = json.loads(WIDTHS_FILE.read_text()) if WIDTHS_FILE.exists() else {}
    stored.update(widths)
    WIDTHS_FILE.write_text(json.dumps(stored, indent=1, ensure_ascii=False))


@pytest.mark.parametrize("account", ACCOUNTS)
def test_every_staff_page_fits_the_screen(page, demo_week, axe_source, account):
    portal, users = demo_week
    log_in(page, portal, users[account])
    paths = ["/personal/", *staff_links(page, portal)]
    kinds, problems, widths = {}, [], {}

    def check(path):
        page.set_viewport_size(LAPTOP)
        visit(page, portal, path)
        laptop = page.evaluate(MEASURE)
        paths.extend(found for found in first_of_each_kind(page, portal, kinds))
        page.set_viewport_size(PHONE)
        visit(page, portal, path)
        phone = page.evaluate(MEASURE)
        widths[f"{account} {path}"] = {
            "360": [phone["scrollWidth"], phone["height"]],
            "1280": [laptop["scrollWidth"], laptop["height"]],
        }
        for size, measured in (("360", phone), ("1280", laptop)):
            if measured["scrollWidth"] > measured["innerWidth"]:
                problems.append(
                    f"{path} at {size} px is {measured['scrollWidth']} px wide: {measured['wide']}"
                )
        if path in (kinds.get("case"), kinds.get("own-case")):
            outside = page.evaluate(SUBMIT_BUTTONS)
            if outside:
                problems.append(f"{path} at 360 px: buttons outside the screen: {outside}")
        page.evaluate(axe_source)
        violations = page.evaluate(RUN_AXE, AXE_TAGS)
        if violations:
            problems.append(describe_violations(f"{path} at 360 px", violations))
        for kind in SCREENSHOTS.get(account, ()):
            if kinds.get(kind, CONSENT_PAGE) == path:
                screenshot(page, kind)

    for path in paths:  # grows with the first page of each kind found
        check(path)
    if AUDIT_LOG in paths:
        check(AUDIT_LOG)  # again, now that the visits above have filled it
    record(widths)
    assert not problems, "\n".join(problems)
    expected = {
        "coordinator": {"case", "meeting", "routine"},
        "professional": {"own-case", "request-form", "consent-form", "routine"},
        "representative": {"party-meeting", "request-form", "consent-form", "routine"},
    }[account]
    assert expected <= kinds.keys(), f"{account} reached no {expected - kinds.keys()}"


def test_request_form_folds_on_a_phone_and_keeps_what_was_typed(page, demo_week):
    portal, users = demo_week
    log_in(page, portal, users["professional"], "/personal/samrad/ny/avidentifierad/")
    sections = page.locator("details.form-section")
    expect(sections).to_have_count(7)
    # On a wide screen every section shows, with its legend and without a button.
    expect(page.get_by_label("Barn i hushållet")).to_be_visible()
    expect(page.locator("summary").first).to_be_hidden()
    expect(page.locator("legend", has_text="Situationen och din fråga")).to_be_visible()
    page.set_viewport_size(PHONE)
    # Only the first section is open: the form is a few screens long, not eleven.
    assert [section.get_attribute("open") is not None for section in sections.all()] == [
        True,
        *[False] * 6,
    ]
    expect(page.get_by_label("Personens kön")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollHeight") < 3 * PHONE["height"]
    screenshot(page, "request-form-folded")

    # Typed, folded and unfolded: still there.
    page.get_by_label("Ditt telefonnummer").fill("070-123 45 67")
    first = sections.first.locator("summary")
    first.click()
    expect(page.get_by_label("Ditt telefonnummer")).to_be_hidden()
    first.click()
    expect(page.get_by_label("Ditt telefonnummer")).to_have_value("070-123 45 67")
    page.locator("summary", has_text="Barn").click()
    page.get_by_label("Barn i hushållet").fill("2")
    page.locator("summary", has_text="Situationen och din fråga").click()
    typed = "Kvinnan med personnummer 19811218-9876 har hotats av sin partner."
    page.get_by_label("Situationen").fill(typed)
    page.get_by_role("button", name="Skicka till samordnaren").click()

    # Refused: the sections with an error open, every answer kept, folded or not.
    expect(page.locator(".form-errors").first).to_be_visible()
    for number, section in enumerate(sections.all()):
        has_error = section.locator(".field--error").count() > 0
        name = section.locator("summary").inner_text()
        assert (section.get_attribute("open") is not None) == (number == 0 or has_error), name
    expect(page.locator("details.form-section:has(#id_situation)")).to_have_attribute("open", "")
    assert page.locator("details.form-section[open]").count() < 7
    expect(page.get_by_label("Situationen")).to_have_value(typed)
    expect(page.get_by_label("Ditt telefonnummer")).to_have_value("070-123 45 67")
    # The children's section had no error: it stays folded, with the answer in it.
    expect(page.get_by_label("Barn i hushållet")).to_be_hidden()
    expect(page.locator("#id_children_count")).to_have_value("2")
    # Every error in the summary leads to a field that shows.
    for link in page.locator(".form-errors a").all():
        expect(page.locator(link.get_attribute("href"))).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    screenshot(page, "request-form-errors")
