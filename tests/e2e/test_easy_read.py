"""Easy-to-read Swedish (lättläst) on a phone (360 × 740), in a real browser: from the home
page through the header's "Lättläst" link to the easy-to-read start page, on to the
easy-to-read finder and a municipality; nothing scrolls sideways, nothing is stored, and
the quick exit still works."""

import pytest

from .conftest import SCREENSHOT_DIR, visit

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips every test here, with the reason
    expect = None

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}


def scrolls_sideways(page):
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


def test_from_the_home_page_to_easy_to_read_help_in_a_municipality_on_a_phone(new_context, portal):
    context = new_context(viewport=PHONE)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    visit(page, portal, "/")
    link = page.locator("header").get_by_role("link", name="Lättläst", exact=True)
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(portal.url("/lattlast/"))
    expect(page.locator("h1")).to_have_text("Lättläst")
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    assert not scrolls_sideways(page), "/lattlast/ scrolls sideways at 360 px"
    page.screenshot(path=SCREENSHOT_DIR / "easy-read-home-360.png", full_page=True)

    page.locator("main").get_by_role("link", name="Hjälp i din kommun").first.click()
    page.wait_for_url(portal.url("/lattlast/hitta-hjalp/"))
    assert not scrolls_sideways(page), "/lattlast/hitta-hjalp/ scrolls sideways at 360 px"
    page.get_by_label("Din kommun", exact=True).select_option(label="Krokoms kommun")
    page.get_by_role("button", name="Visa hjälp").click()

    page.wait_for_url(portal.url("/lattlast/hitta-hjalp/krokom/"))
    expect(page.locator("h1")).to_have_text("Hjälp i Krokoms kommun")
    expect(page.locator("section.finder-party h2").first).to_have_text("Krokoms kommun")
    expect(page.get_by_role("link", name="114 14").first).to_be_visible()
    assert not scrolls_sideways(page), "the easy-to-read finder result scrolls sideways"
    page.screenshot(path=SCREENSHOT_DIR / "easy-read-finder-result-360.png", full_page=True)
    # Back to the ordinary text of the same municipality.
    expect(page.locator("header").get_by_role("link", name="Vanlig text")).to_have_attribute(
        "href", "/hitta-hjalp/krokom/"
    )

    # Nothing stored on the way.
    assert context.cookies() == []
    assert page.evaluate("document.cookie + localStorage.length + sessionStorage.length") == "00"

    # The quick exit leaves the easy-to-read page for good.
    page.locator(".quick-exit").click()
    page.wait_for_url(portal.exit_url)
    expect(page.locator("body")).to_contain_text('"status": "ok"')
    page.go_back()
    assert portal.path(page.url) in ("/lattlast/hitta-hjalp/", "about:blank"), page.url
    assert not errors, f"JavaScript errors: {errors}"
