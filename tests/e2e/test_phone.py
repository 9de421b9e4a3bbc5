"""The public site on a phone (360 × 740) and a laptop (1280 × 800): the quick exit stays on
screen while scrolling without hiding what has focus, the first screen holds what a person
in danger needs, the menu folds into a button that works without JavaScript, and every
page has a search field."""

import json

import pytest

from .conftest import SCREENSHOT_DIR, visit
from .test_public_journeys import AXE_TAGS, QUICK_EXIT, RUN_AXE, describe_violations

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips every test here, with the reason
    expect = None

pytestmark = pytest.mark.e2e

PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1280, "height": 800}
SIZES = pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["360", "1280"])
KVINNOFRIDSLINJEN = "020-50 50 50"

# Where an element is on the screen, and whether it is the topmost element at its centre
# (nothing covers it).
PLACE = """(element) => {
  const box = element.getBoundingClientRect();
  const hit = document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2);
  return {top: box.top, bottom: box.bottom, left: box.left, right: box.right,
          onTop: !!hit && (hit === element || element.contains(hit))};
}"""


FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const box = el.getBoundingClientRect();
  return {text: (el.innerText || el.value || el.id || "").trim().slice(0, 40),
          inBar: !!el.closest(".safety-bar, .skip-link"),
          top: box.top, bottom: box.bottom, height: innerHeight, scrolled: window.scrollY};
}"""


def place(locator):
    return locator.evaluate(PLACE)


def on_screen(found, size):
    return (
        found["top"] >= 0
        and found["bottom"] <= size["height"]
        and found["left"] >= 0
        and found["right"] <= size["width"]
        and found["onTop"]
    )


def screenshot(page, name):
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOT_DIR / f"{name}.png")


def longest_page(page, portal):
    """The longest public page (every page in both languages, and a finder result)."""
    from tests.helpers import public_pages

    paths = [public.url for public in public_pages()] + ["/hitta-hjalp/krokom/"]
    heights = {}
    for path in paths:
        visit(page, portal, path)
        heights[path] = page.evaluate("document.documentElement.scrollHeight")
    return max(heights, key=heights.get), heights


@SIZES
def test_quick_exit_stays_on_screen_at_every_scroll_position(new_context, portal, size):
    page = new_context(viewport=size).new_page()
    path, heights = longest_page(page, portal)
    visit(page, portal, path)
    height = heights[path]
    assert height > 3 * size["height"], heights  # long enough to scroll far
    exit_link = page.locator(".safety-bar .quick-exit")
    emergency = page.locator(".safety-bar a[href='tel:112']")
    positions = list(range(0, height, size["height"] // 2)) + [height]
    for position in positions:
        page.evaluate("(y) => window.scrollTo(0, y)", position)
        page.wait_for_function(
            "(y) => Math.abs(window.scrollY - Math.min(y, "
            "document.documentElement.scrollHeight - innerHeight)) < 2",
            arg=position,
        )
        for element in (exit_link, emergency):
            found = place(element)
            assert on_screen(found, size), (path, position, found)
    at_bottom = place(exit_link)
    print(
        json.dumps({"size": size, "longest": path, "height": height, "exit_at_bottom": at_bottom})
    )
    screenshot(page, f"longest-page-bottom-{size['width']}")
    # Leaving from the bottom of the page works as at the top.
    exit_link.click()
    page.wait_for_url(portal.exit_url)


@SIZES
def test_the_focused_element_is_never_hidden_under_the_safety_bar(new_context, portal, size):
    """WCAG 2.2, 2.4.11 Focus not obscured: tabbing through a long page scrolls each
    focused element to below the sticky bar."""
    page = new_context(viewport=size).new_page()
    visit(page, portal, "/hitta-hjalp/krokom/")
    bar = page.locator(".safety-bar").bounding_box()
    seen, deepest = 0, 0
    # Forwards, then backwards: going back, the browser scrolls each element in at the top.
    for key in ["Tab"] * 60 + ["Shift+Tab"] * 60:
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["inBar"]:
            continue
        seen += 1
        deepest = max(deepest, focused["scrolled"])
        # (Browsers scroll to within a pixel.)
        assert focused["top"] >= bar["height"] - 1, f"{key}: hidden under the bar: {focused}"
        assert focused["bottom"] <= focused["height"] + 1, f"{key}: below the screen: {focused}"
    assert seen > 60
    assert deepest > 1000  # the page really scrolled


def test_first_screen_of_a_phone_holds_112_the_exit_the_site_local_help_and_a_help_line(
    new_context, portal
):
    page = new_context(viewport=PHONE).new_page()
    visit(page, portal, "/")
    screenshot(page, "first-screen-360")
    wanted = {
        "112": page.locator(".safety-bar a[href='tel:112']"),
        "exit": page.locator(".safety-bar .quick-exit"),
        "what the site is": page.locator("main h1"),
        "what the site is (introduction)": page.locator("main .lead"),
        "municipality picker": page.get_by_label("Din kommun", exact=True),
        "show help button": page.get_by_role("button", name="Visa hjälp"),
        "Kvinnofridslinjen": page.locator(".featured-help-line__name"),
        "Kvinnofridslinjen's number": page.get_by_role("link", name=KVINNOFRIDSLINJEN).first,
        "menu button": page.locator(".menu > summary"),
        "search field": page.locator("#site-search"),
    }
    places = {name: place(locator) for name, locator in wanted.items()}
    print(json.dumps({name: round(found["bottom"]) for name, found in places.items()}))
    off = {name: found for name, found in places.items() if not on_screen(found, PHONE)}
    assert not off, f"not on the first screen at 360 × 740: {off}"
    expect(wanted["exit"]).to_have_text(QUICK_EXIT)
    expect(wanted["Kvinnofridslinjen"]).to_have_text("Kvinnofridslinjen")
    expect(wanted["Kvinnofridslinjen's number"]).to_have_attribute("href", "tel:020505050")
    # The safety bar is one short row.
    assert page.locator(".safety-bar").bounding_box()["height"] <= 72


@pytest.mark.parametrize("javascript", [False, True], ids=["no-js", "js"])
def test_the_menu_is_a_button_on_phones_and_open_on_wide_screens(new_context, portal, javascript):
    phone = new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    visit(phone, portal, "/stod/polisen/")
    button = phone.get_by_text("Meny", exact=True)
    first_link = phone.locator(".main-menu a").first
    expect(button).to_be_visible()
    expect(first_link).to_be_hidden()
    button.click()
    expect(first_link).to_be_visible()
    count = phone.locator(".main-menu a").count()
    assert count >= 4
    for index in range(count):
        expect(phone.locator(".main-menu a").nth(index)).to_be_visible()
    expect(phone.locator(".main-menu a[aria-current]")).to_have_text("Här får du stöd")
    # The search field moves below the open menu and stays usable.
    assert (
        phone.locator("#site-search").bounding_box()["y"]
        > phone.locator(".main-menu a").last.bounding_box()["y"]
    )
    if not javascript:
        screenshot(phone, "menu-open-360")
    phone.locator(".main-menu a", has_text="Hitta hjälp i din kommun").click()
    phone.wait_for_url(portal.url("/hitta-hjalp/"))

    wide = new_context(viewport=LAPTOP, java_script_enabled=javascript).new_page()
    visit(wide, portal, "/stod/polisen/")
    expect(wide.locator(".menu > summary")).to_be_hidden()
    links = wide.locator(".main-menu a")
    for index in range(count):
        expect(links.nth(index)).to_be_visible()
    # One row of links under the name, not a column.
    boxes = [links.nth(index).bounding_box() for index in range(3)]
    assert boxes[0]["y"] == boxes[1]["y"] == boxes[2]["y"], boxes


def test_no_axe_violations_with_the_menu_open_on_a_phone(new_context, portal, axe_source):
    page = new_context(viewport=PHONE).new_page()
    visit(page, portal, "/")
    page.get_by_text("Meny", exact=True).click()
    page.evaluate(axe_source)
    violations = page.evaluate(RUN_AXE, AXE_TAGS)
    assert not violations, describe_violations("/ (menu open, 360 px)", violations)


def test_the_shift_hint_shows_only_where_there_is_a_keyboard(new_context, portal):
    laptop = new_context(viewport=LAPTOP).new_page()
    visit(laptop, portal, "/")
    expect(laptop.locator(".quick-exit-hint")).to_be_visible()
    expect(laptop.locator(".quick-exit-hint")).to_have_text(
        "Eller tryck tre gånger på Skift-tangenten."
    )
    screenshot(laptop, "first-screen-1280")
    for size in (PHONE, {"width": 800, "height": 1280}):  # a phone and a tablet
        touch = new_context(viewport=size, has_touch=True, is_mobile=True).new_page()
        visit(touch, portal, "/")
        assert touch.evaluate("matchMedia('(pointer: coarse)').matches")
        expect(touch.locator(".quick-exit-hint")).to_be_hidden()
        expect(touch.locator(".safety-bar .quick-exit")).to_be_visible()


def test_screen_readers_hear_the_quick_exit_as_an_emergency_exit(page, portal):
    visit(page, portal, "/")
    exit_link = page.locator(".safety-bar .quick-exit")
    expect(exit_link).to_have_accessible_name(QUICK_EXIT)
    expect(exit_link).to_have_accessible_description(
        "Nödutgång: tar dig genast till en neutral webbplats."
    )
    expect(page.get_by_role("region", name="Akut hjälp")).to_contain_text("Ring 112")


def test_the_page_comes_back_when_the_browser_restores_it_after_the_quick_exit(page, portal):
    visit(page, portal, "/stod/polisen/")
    title = page.title()
    # The exit's destination answers "204 No Content", so the browser stays on the page,
    # blanked, as a page kept in the back/forward cache would come back.
    page.route(portal.exit_url, lambda route: route.fulfill(status=204))
    page.locator(".safety-bar .quick-exit").click()
    page.wait_for_function("document.documentElement.classList.contains('is-leaving')")
    assert page.title() == ""
    expect(page.locator("body")).to_be_hidden()

    # A page shown afresh is not restored...
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: false}))")
    assert page.evaluate("document.documentElement.classList.contains('is-leaving')")
    # ...a page restored from the back/forward cache is.
    page.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")
    assert not page.evaluate("document.documentElement.classList.contains('is-leaving')")
    assert page.title() == title
    expect(page.locator("body")).to_be_visible()
    expect(page.locator(".safety-bar .quick-exit")).to_be_visible()


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
def test_search_from_the_header_of_a_page(new_context, portal, javascript):
    page = new_context(viewport=PHONE, java_script_enabled=javascript).new_page()
    visit(page, portal, "/stod/polisen/")
    field = page.get_by_role("search").get_by_label("Sök på webbplatsen", exact=True)
    expect(field).to_be_visible()
    field.fill("samråd")
    page.get_by_role("search").get_by_role("button", name="Sök").click()
    page.wait_for_url("**/sok/?q=*")
    expect(page.locator("h2").first).to_contain_text("för ”samråd”")
    visit(page, portal, "/en/stod/polisen/")
    english = page.get_by_role("search").get_by_label("Search the site", exact=True)
    english.fill("police")
    english.press("Enter")
    page.wait_for_url("**/en/sok/?q=police")


def test_switching_language_on_a_finder_result_and_a_search_keeps_the_place(new_context, portal):
    page = new_context(viewport=PHONE).new_page()
    visit(page, portal, "/hitta-hjalp/krokom/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(portal.url("/en/hitta-hjalp/krokom/"))
    expect(page.locator("h1")).to_contain_text("Krokom")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("link", name="Svenska").click()
    page.wait_for_url(portal.url("/hitta-hjalp/krokom/"))

    visit(page, portal, "/sok/?q=polisen")
    page.get_by_role("link", name="English").click()
    page.wait_for_url(portal.url("/en/sok/?q=polisen"))
    expect(page.get_by_label("Search the site", exact=True)).to_have_value("polisen")
