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


# The pages a frightened person lands on, each with what leads on to local help there.
FIRST_SCREENS = {
    "home": ("/", "form"),
    "home-en": ("/en/", "form"),
    "home-ar": ("/ar/", "form"),
    "finder": ("/hitta-hjalp/", "finder"),
    "result": ("/hitta-hjalp/krokom/", "steps"),  # no number of its own: the box says so
    "result-with-numbers": ("/hitta-hjalp/stromsund/", "steps"),
    "result-ar": ("/ar/hitta-hjalp/ragunda/", "steps"),
    "party": ("/stod/krokom/", "link"),
    "party-en": ("/en/stod/krokom/", "link"),
    "party-ar": ("/ar/stod/krokom/", "link"),
    "party-easy-read": ("/lattlast/krokom/", "link"),
    "group": ("/for-barn-och-unga/", "link"),
    "group-en": ("/en/for-children-and-young-people/", "link"),
    "group-ar": ("/ar/for-barn-och-unga/", "link"),
}


def finder_path(path):
    """The finder in the page's language (the easy-to-read pages lead to the Swedish one)."""
    language = path.split("/")[1]
    return f"/{language}/hitta-hjalp/" if language in ("en", "ar") else "/hitta-hjalp/"


def local_help(page, kind):
    """What leads on to the help in one's municipality on a page of this kind."""
    if kind == "form":  # the home page: the finder's form under the header
        form = page.locator(".help-now form.finder-form")
        return {"municipality picker": form.locator("select"), "show help": form.locator("button")}
    if kind == "finder":
        form = page.locator("main form.finder-form")
        return {"municipality picker": form.locator("select"), "show help": form.locator("button")}
    if kind == "steps":  # a result: the help box, with the municipality's own number if any
        steps = page.locator(".finder-steps")
        wanted = {
            "help box": steps.locator("h2"),
            "danger step": steps.locator(".finder-steps__emergency a[href='tel:112']"),
        }
        numbers = steps.locator(".finder-steps__list > li").nth(1).locator("a[href^='tel:']")
        if numbers.count():
            wanted["the municipality's first number"] = numbers.first
        else:
            wanted["that there is no number"] = steps.locator(".finder-steps__none")
        return wanted
    return {"link to the finder": page.locator(".help-now a.help-now__finder")}


@SIZES
def test_first_screen_holds_112_the_exit_the_heading_local_help_and_kvinnofridslinjen(
    new_context, portal, axe_source, size
):
    """The first 360 × 740 screen (and 1280 × 800) of the pages a frightened person lands on:
    112 and the exit, what the page is, the way to local help (the finder's form or a link
    to it; on a result its help box and the municipality's first number) and
    Kvinnofridslinjen with its number. No axe violations there either."""
    page = new_context(viewport=size).new_page()
    problems = []
    for name, (path, kind) in FIRST_SCREENS.items():
        visit(page, portal, path)
        screenshot(page, f"first-screen-{name}-{size['width']}")
        wanted = {
            "112": page.locator(".safety-bar a[href='tel:112']"),
            "exit": page.locator(".safety-bar .quick-exit"),
            "what the page is": page.locator("main h1"),
            **local_help(page, kind),
            "Kvinnofridslinjen": page.locator(".help-now .featured-help-line__name"),
            "Kvinnofridslinjen's number": page.locator(".help-now .featured-help-line__number"),
            "search field": page.locator("#site-search"),
        }
        if kind == "form":
            wanted["what the site is (introduction)"] = page.locator("main .lead")
        if size == PHONE:
            wanted["menu button"] = page.locator(".menu > summary")
        places = {what: place(locator) for what, locator in wanted.items()}
        print(path, json.dumps({what: round(found["bottom"]) for what, found in places.items()}))
        off = [what for what, found in places.items() if not on_screen(found, size)]
        if off:
            problems.append(f"{path}: not on the first screen: {off}")
        if not path.startswith(("/en/", "/ar/")):
            expect(wanted["exit"]).to_have_text(QUICK_EXIT)
        expect(wanted["Kvinnofridslinjen"]).to_contain_text("Kvinnofridslinjen")
        expect(wanted["Kvinnofridslinjen's number"]).to_have_attribute("href", "tel:020505050")
        expect(wanted["Kvinnofridslinjen's number"]).to_have_text(KVINNOFRIDSLINJEN)
        if kind == "link":
            expect(wanted["link to the finder"]).to_have_attribute("href", finder_path(path))
        # The safety bar is one short row.
        assert page.locator(".safety-bar").bounding_box()["height"] <= 72, path
        page.evaluate(axe_source)
        violations = page.evaluate(RUN_AXE, AXE_TAGS)
        if violations:
            problems.append(describe_violations(f"{path} at {size['width']} px", violations))
    assert not problems, f"at {size['width']} × {size['height']}:\n" + "\n".join(problems)


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


# Large text, emulated two ways. Browser zoom (Chrome's zoom, a phone browser's "text
# scaling" that zooms the page) makes every CSS pixel bigger: the layout of a 360 × 740
# phone then gets a viewport of 360/1.5 = 240 and 360/2 = 180 CSS px (the device pixel
# ratio only sharpens the screenshot). A larger default font size (the browser's font size
# setting) makes only rem and em bigger at the same 360 × 740: emulated by the root font
# size, which container queries follow but media queries do not. The safety bar and the
# pages must hold up under both.
TEXT_SIZES = {
    "zoom-150": ({"width": 240, "height": 493}, 1.5, None),
    "zoom-200": ({"width": 180, "height": 370}, 2, None),
    "font-150": (PHONE, 1, "150%"),
    "font-200": (PHONE, 1, "200%"),
}
LARGE_TEXT_PAGES = {
    "sv": ["/", "/hitta-hjalp/stromsund/", "/stod/krokom/"],
    "ar": ["/ar/", "/ar/hitta-hjalp/stromsund/", "/ar/stod/krokom/"],
}
MEASURE = """() => {
  const bar = document.querySelector(".safety-bar").getBoundingClientRect();
  const root = getComputedStyle(document.documentElement);
  return {bar: bar.height, padding: parseFloat(root.scrollPaddingTop), rem: parseFloat(root.fontSize),
          scrollWidth: document.documentElement.scrollWidth, width: innerWidth, height: innerHeight};
}"""


@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("language", ["sv", "ar"])
def test_large_text_neither_widens_the_page_nor_hides_what_has_focus(
    new_context, portal, language, text_size
):
    """At 150 % and 200 % text (see TEXT_SIZES for how): no sideways scrolling, the
    sticky safety bar takes at most 20 % of the screen's height, the page keeps focus and
    anchors below the bar's real height (scroll-padding-top), and no focus stop is hidden
    under the bar, tabbing forwards or backwards (WCAG 2.2, 2.4.11)."""
    viewport, scale, root_font = TEXT_SIZES[text_size]
    page = new_context(viewport=viewport, device_scale_factor=scale).new_page()
    problems, seen = [], 0
    for path in LARGE_TEXT_PAGES[language]:
        visit(page, portal, path)
        if root_font:
            page.evaluate(
                "(size) => { document.documentElement.style.fontSize = size; }", root_font
            )
        if path in ("/", "/ar/"):
            screenshot(page, f"large-text-{language}-{text_size}")
        found = page.evaluate(MEASURE)
        print(path, text_size, json.dumps(found))
        if found["scrollWidth"] > found["width"]:
            problems.append(f"{path}: scrolls sideways ({found['scrollWidth']} > {found['width']})")
        if found["bar"] > 0.2 * found["height"]:
            problems.append(f"{path}: the bar is {found['bar']} of {found['height']} px")
        # Focus and anchors stop half a line below the bar, whatever its height.
        if not found["bar"] <= found["padding"] <= found["bar"] + found["rem"]:
            problems.append(f"{path}: scroll-padding-top {found['padding']}, bar {found['bar']}")
        for key in ["Tab"] * 40 + ["Shift+Tab"] * 40:
            page.keyboard.press(key)
            focused = page.evaluate(FOCUSED)
            if focused is None or focused["inBar"]:
                continue
            seen += 1
            if focused["top"] < found["bar"] - 1 or focused["bottom"] > focused["height"] + 1:
                problems.append(f"{path}: {key} to {focused['text']!r} hidden: {focused}")
    assert seen > 150
    assert not problems, f"{language} at {text_size}:\n" + "\n".join(problems)


TAP_TARGETS = """() => [...document.querySelectorAll('a[href^="tel:"]')]
  .filter((link) => link.getClientRects().length)
  .map((link) => {
    const box = link.getBoundingClientRect();
    return {href: link.getAttribute("href"), text: link.innerText.trim(),
            width: Math.round(box.width * 10) / 10, height: Math.round(box.height * 10) / 10};
  })"""


@pytest.mark.parametrize(
    "path", ["/", "/ar/", "/hitta-hjalp/stromsund/", "/ar/hitta-hjalp/stromsund/"]
)
def test_112_and_every_phone_number_is_a_tap_target_of_44_px(new_context, portal, path):
    """WCAG 2.5.5: 112 in the bar, every help line's number (under the header, in the list
    of help lines), and on a result every number of the help box and the contact cards."""
    page = new_context(viewport=PHONE).new_page()
    visit(page, portal, path)
    links = page.evaluate(TAP_TARGETS)
    help_lines = page.locator(".help-line__number").evaluate_all(
        "(links) => links.map((link) => link.getAttribute('href'))"
    )
    assert len(help_lines) >= 7 and "tel:112" in help_lines, help_lines
    shown = {link["href"] for link in links}
    assert set(help_lines) <= shown
    assert page.locator(".safety-bar a[href='tel:112']").count() == 1
    small = [link for link in links if link["width"] < 44 or link["height"] < 44]
    print(path, len(links), json.dumps(links[:3]))
    assert not small, f"{path}: smaller than 44 × 44 px: {small}"


FOOTER_CALL_LOG = {
    "/": "Ett nummer du ringer kan synas i telefonens samtalslogg.",
    "/en/": "A number you call may show in your phone's call log.",
    "/ar/": "قد يظهر الرقم الذي تتصل به في سجل المكالمات في هاتفك.",
    "/stod/krokom/": "Ett nummer du ringer kan synas i telefonens samtalslogg.",
}


@pytest.mark.parametrize("path", FOOTER_CALL_LOG)
def test_the_footer_fits_one_phone_screen_and_warns_about_the_call_log_once(
    new_context, portal, path
):
    page = new_context(viewport=PHONE).new_page()
    visit(page, portal, path)
    footer = page.locator(".site-footer")
    bar = page.locator(".safety-bar").bounding_box()["height"]
    height = footer.bounding_box()["height"]
    print(path, {"footer": height, "bar": bar})
    # At the bottom of the page all of it is in view below the sticky bar.
    assert height + bar <= PHONE["height"], (height, bar)
    text = footer.inner_text()
    assert text.count(FOOTER_CALL_LOG[path]) == 1, text
    assert len(page.locator(".site-footer .help-line").all()) >= 7
    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY > 0")
    name = path.strip("/").replace("/", "-") or "sv"
    screenshot(page, f"footer-{name}-360")
    # The link beside Kvinnofridslinjen under the header opens how to remove the number.
    call_log = page.locator("#call-log")
    expect(call_log).not_to_have_attribute("open", "")
    page.locator(".help-now a[href='#call-log']").click()
    expect(call_log).to_have_attribute("open", "")
    expect(call_log.locator("li").first).to_be_visible()
    assert place(call_log.locator("summary"))["top"] >= bar - 1
