"""Arabic, right to left, in a real browser (headless Chromium) at 360 and 1280 px: the
journey from the home page to a municipality, the mirrored layout, the quick exit, and
axe-core on the Arabic pages. Screenshots go to test-artifacts/screenshots/ar-*.png."""

import pytest

from .conftest import SCREENSHOT_DIR, visit
from .test_public_journeys import AXE_TAGS, RUN_AXE, assert_left_for_good, describe_violations

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips every test here, with the reason
    expect = None

pytestmark = pytest.mark.e2e

HOME = "/ar/"
FINDER_RESULT = "/ar/hitta-hjalp/krokom/"
PARTY = "/ar/stod/polisen/"
ARTICLE = "/ar/sa-fungerar-samrad/"
QUICK_EXIT = "غادر الموقع بسرعة"
SIZES = [(360, 740), (1280, 800)]


def sideways_scroll(page):
    sizes = page.evaluate(
        "({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
    )
    return sizes["scroll"] > sizes["inner"]


@pytest.mark.parametrize("width,height", SIZES, ids=["360", "1280"])
def test_home_to_finder_to_a_municipality_in_arabic(new_context, portal, width, height):
    page = new_context(viewport={"width": width, "height": height}, locale="ar").new_page()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)

    visit(page, portal, HOME)
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("h1")).to_have_text("الدعم عندما يؤذيك شخص قريب منك")
    assert not sideways_scroll(page), f"{HOME} scrolls sideways at {width} px"
    page.screenshot(path=SCREENSHOT_DIR / f"ar-home-{width}.png", full_page=True)

    form = page.locator("form.finder-form")
    form.get_by_label("بلديتك", exact=True).select_option(label="بلدية Krokom")
    form.get_by_role("button", name="اعرض المساعدة").click()
    page.wait_for_url(portal.url(FINDER_RESULT))
    expect(page.locator("h1")).to_contain_text("المساعدة في")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    assert not sideways_scroll(page), f"{FINDER_RESULT} scrolls sideways at {width} px"
    page.screenshot(path=SCREENSHOT_DIR / f"ar-finder-result-{width}.png", full_page=True)

    page.locator("section.finder-party").first.get_by_role("link").last.click()
    page.wait_for_url(portal.url("/ar/stod/krokom/"))
    expect(page.locator("h1")).to_contain_text("الخدمات الاجتماعية في")
    expect(page.locator("h1")).to_contain_text("Krokom")
    assert not sideways_scroll(page), f"/ar/stod/krokom/ scrolls sideways at {width} px"

    for name, path in (("party", PARTY), ("article", ARTICLE)):
        visit(page, portal, path)
        assert not sideways_scroll(page), f"{path} scrolls sideways at {width} px"
        page.screenshot(path=SCREENSHOT_DIR / f"ar-{name}-{width}.png", full_page=True)


@pytest.mark.parametrize("width,height", SIZES, ids=["360", "1280"])
def test_the_layout_mirrors(new_context, portal, width, height):
    """The quick exit sits at the end of the line: on the right in Swedish, on the left
    in Arabic; the text starts at the right."""
    page = new_context(viewport={"width": width, "height": height}).new_page()
    visit(page, portal, "/stod/polisen/")
    swedish = page.locator(".quick-exit").bounding_box()
    visit(page, portal, PARTY)
    arabic = page.locator(".quick-exit").bounding_box()
    assert arabic["x"] + arabic["width"] / 2 < width / 2 < swedish["x"] + swedish["width"] / 2
    heading = page.locator("h1").bounding_box()
    main = page.locator("main").bounding_box()
    # Right-aligned: the heading's right edge at the content's right edge.
    assert abs((heading["x"] + heading["width"]) - (main["x"] + main["width"])) < 24
    # Phone numbers stay left to right inside the Arabic page.
    number = page.locator('.contacts a[href="tel:11414"]').first
    expect(number).to_have_text("114 14")
    assert number.evaluate("el => getComputedStyle(el).direction") == "ltr"


@pytest.mark.parametrize("width,height", SIZES, ids=["360", "1280"])
def test_quick_exit_is_in_arabic_on_screen_after_scrolling_and_works(
    new_context, portal, width, height
):
    page = new_context(viewport={"width": width, "height": height}).new_page()
    visit(page, portal, HOME)
    visit(page, portal, ARTICLE)
    link = page.locator(".quick-exit")
    expect(link).to_have_text(QUICK_EXIT)
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY > 0")
    box = link.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= height, box
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, box
    link.click()
    assert_left_for_good(page, portal, HOME)


@pytest.mark.parametrize("path", [HOME, PARTY, "/ar/hitta-hjalp/", FINDER_RESULT, ARTICLE])
def test_no_axe_violations_in_arabic(page, portal, axe_source, path):
    visit(page, portal, path)
    page.evaluate(axe_source)
    violations = page.evaluate(RUN_AXE, AXE_TAGS)
    assert not violations, describe_violations(path, violations)
