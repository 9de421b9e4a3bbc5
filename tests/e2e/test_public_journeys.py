"""What a visitor does on the public site, in a real browser (headless Chromium).

The quick exit leads to the live server's /healthz/ here (see the `portal` fixture), so
no test leaves the machine.
"""

from urllib.parse import urlsplit

import pytest

from .conftest import SCREENSHOT_DIR, visit

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips every test here, with the reason
    expect = None

pytestmark = pytest.mark.e2e

HOME = "/"
PARTY_INDEX = "/stod/"
PARTY = "/stod/polisen/"
FINDER = "/hitta-hjalp/"
FINDER_RESULT = "/hitta-hjalp/krokom/"
FINDER_INVALID = "/hitta-hjalp/?kommun=xyz"
ARTICLE = "/sa-fungerar-samrad/"
SEARCH = "/sok/"
SEARCH_RESULTS = "/sok/?q=polisen"
ENGLISH_HOME = "/en/"
EASY_READ_HOME = "/lattlast/"
EASY_READ_FINDER_RESULT = "/lattlast/hitta-hjalp/krokom/"

QUICK_EXIT = "Lämna sidan snabbt"
TWO_LEFT = "Tryck på Skift två gånger till för att lämna sidan."
ONE_LEFT = "Tryck på Skift en gång till för att lämna sidan."


def exit_referers(page, portal):
    """The Referer of every request the page makes to the quick exit destination."""
    referers = []
    page.on(
        "request",
        lambda request: (
            referers.append(request.headers.get("referer"))
            if request.url == portal.exit_url
            else None
        ),
    )
    return referers


def history_length(page):
    return page.evaluate("history.length")


def assert_left_for_good(page, portal, previous_path):
    """The quick exit reached its destination, and Back skips the page that was left."""
    page.wait_for_url(portal.exit_url)
    expect(page.locator("body")).to_contain_text('"status": "ok"')
    page.go_back()
    assert portal.path(page.url) in (previous_path, "about:blank"), (
        f"Back returned to {page.url}: the page that was left is still in the history"
    )


# 1. The public journey -------------------------------------------------------------


def test_home_finder_form_leads_to_help_in_the_municipality_and_on_to_a_party(page, portal):
    visit(page, portal, HOME)
    expect(page.locator("h1")).to_have_text("Stöd när någon nära dig gör dig illa")

    form = page.locator("form.finder-form")
    form.get_by_label("Din kommun", exact=True).select_option(label="Krokoms kommun")
    form.get_by_role("button", name="Visa hjälp").click()

    page.wait_for_url(portal.url(FINDER_RESULT))
    expect(page.locator("h1")).to_have_text("Hjälp i Krokoms kommun")
    expect(page.get_by_label("Din kommun", exact=True)).to_have_value("krokom")
    headings = page.locator("section.finder-party h2")
    # The visitor's own municipality first, then the county-wide parties.
    expect(headings).to_have_text(
        [
            "Krokoms kommun",
            "Polismyndigheten, Polisområde Jämtland",
            "Region Jämtland Härjedalen",
            "Centrum mot våld i Jämtlands län",
        ]
    )
    # No other municipality is listed.
    expect(page.get_by_role("heading", name="Åre kommun")).to_have_count(0)
    for name in ["Krokoms kommun", "Polisen", "Region Jämtland Härjedalen", "Centrum mot våld"]:
        expect(page.get_by_role("link", name=f"Mer om hur {name} kan hjälpa dig")).to_be_visible()

    page.get_by_role("link", name="Mer om hur Krokoms kommun kan hjälpa dig").click()
    page.wait_for_url(portal.url("/stod/krokom/"))
    expect(page.locator("h1")).to_have_text("Socialtjänsten i Krokoms kommun")
    expect(page).to_have_title("Socialtjänsten i Krokoms kommun – Operation Norrsken")


# 2. and 3. The quick exit ------------------------------------------------------------


def test_quick_exit_click_replaces_the_page_in_the_history(page, portal):
    visit(page, portal, HOME)
    visit(page, portal, PARTY)
    before = history_length(page)
    referers = exit_referers(page, portal)

    link = page.locator(".quick-exit")
    expect(link).to_be_visible()
    expect(link).to_have_text(QUICK_EXIT)
    link.click()

    page.wait_for_url(portal.exit_url)
    assert history_length(page) == before, "the quick exit added a history entry"
    assert referers == [None], "the destination learnt where the visitor came from"
    assert_left_for_good(page, portal, HOME)


def test_shift_pressed_alone_three_times_leaves(page, portal):
    visit(page, portal, HOME)
    visit(page, portal, PARTY)
    status = page.locator("#quick-exit-status")
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_text("")

    page.keyboard.press("Shift")
    expect(status).to_have_text(TWO_LEFT)
    page.keyboard.press("Shift")
    expect(status).to_have_text(ONE_LEFT)
    page.keyboard.press("Shift")

    assert_left_for_good(page, portal, HOME)


def test_shift_three_times_leaves_while_typing_in_the_search_field(page, portal):
    visit(page, portal, HOME)
    visit(page, portal, SEARCH)
    field = page.get_by_label("Sök på webbplatsen", exact=True)
    field.click()
    page.keyboard.type("våld i nära relationer")
    expect(field).to_be_focused()

    for _ in range(3):
        page.keyboard.press("Shift")

    assert_left_for_good(page, portal, HOME)


def test_shift_with_another_key_is_typing_and_does_not_leave(page, portal):
    visit(page, portal, SEARCH)
    field = page.get_by_label("Sök på webbplatsen", exact=True)
    status = page.locator("#quick-exit-status")
    field.click()

    page.keyboard.type("ABC")
    # Capitals typed the usual way: Shift held down together with the letter.
    for letter in "DEF":
        page.keyboard.press(f"Shift+{letter}")
    page.keyboard.down("Shift")
    page.keyboard.type("GHI")
    page.keyboard.up("Shift")
    # leave() marks the page at once, before it navigates.
    assert not page.evaluate("document.documentElement.classList.contains('is-leaving')")
    page.wait_for_timeout(300)
    assert portal.path(page.url) == SEARCH
    expect(field).to_have_value("ABCDEFGHI")
    expect(status).to_have_text("")

    # A lone press still counts, and is announced as the first of three: none of the
    # presses together with a letter was counted.
    page.keyboard.press("Shift")
    expect(status).to_have_text(TWO_LEFT)
    assert portal.path(page.url) == SEARCH


# 4. Without JavaScript -----------------------------------------------------------


def test_without_javascript_quick_exit_and_finder_form_work(new_context, portal):
    page = new_context(java_script_enabled=False).new_page()
    referers = exit_referers(page, portal)

    visit(page, portal, PARTY)
    assert page.evaluate("1 + 1") == 2  # Playwright's own scripts still run
    assert page.locator("html").evaluate("el => el.classList.contains('is-leaving')") is False
    exits = page.locator("a[data-quick-exit]")
    expect(exits).to_have_count(2)
    for index in range(2):
        expect(exits.nth(index)).to_have_attribute("href", portal.exit_url)
        expect(exits.nth(index)).to_have_attribute("rel", "noreferrer nofollow")
        expect(exits.nth(index)).to_have_text(QUICK_EXIT)
    page.locator(".quick-exit").click()
    page.wait_for_url(portal.exit_url)
    expect(page.locator("body")).to_contain_text('"status": "ok"')
    assert referers == [None]

    # The municipality form is a plain GET form.
    visit(page, portal, HOME)
    page.get_by_label("Din kommun", exact=True).select_option("krokom")
    page.get_by_role("button", name="Visa hjälp").click()
    page.wait_for_url(portal.url(FINDER_RESULT))
    expect(page.locator("h1")).to_have_text("Hjälp i Krokoms kommun")

    response = page.goto(portal.url(FINDER + "?kommun=krokom"))
    assert response.ok
    assert portal.path(response.url) == FINDER_RESULT
    redirect = response.request.redirected_from
    assert redirect is not None
    assert portal.path(redirect.url) == FINDER + "?kommun=krokom"
    assert redirect.response().status == 302


# 5. Privacy ----------------------------------------------------------------------


def test_no_cookies_no_storage_no_other_hosts(page, context, portal):
    requests = []
    context.on("request", lambda request: requests.append(request.url))

    for path in [
        HOME,
        FINDER_RESULT,
        PARTY,
        SEARCH_RESULTS,
        ENGLISH_HOME,
        EASY_READ_HOME,
        EASY_READ_FINDER_RESULT,
    ]:
        visit(page, portal, path)
        storage = page.evaluate(
            "({cookie: document.cookie, local: localStorage.length, session: sessionStorage.length})"
        )
        assert storage == {"cookie": "", "local": 0, "session": 0}, (path, storage)
    # Also a search and the finder used through their forms.
    visit(page, portal, SEARCH)
    page.get_by_label("Sök på webbplatsen", exact=True).fill("samråd")
    page.get_by_label("Sök på webbplatsen", exact=True).press("Enter")
    page.wait_for_url("**/sok/?q=*")
    visit(page, portal, FINDER)
    page.get_by_label("Din kommun", exact=True).select_option("are")
    page.get_by_role("button", name="Visa hjälp").click()
    page.wait_for_url(portal.url("/hitta-hjalp/are/"))

    assert context.cookies() == []
    assert page.evaluate("localStorage.length + sessionStorage.length") == 0

    assert requests, "no request was recorded"
    elsewhere = [url for url in requests if urlsplit(url).netloc != portal.host]
    assert not elsewhere, f"requests to other hosts: {elsewhere}"
    # The page's own assets are among the recorded requests.
    assert any(url.endswith("/static/css/site.css") for url in requests)
    assert any(url.endswith("/static/js/quick-exit.js") for url in requests)


# 6. Layout -----------------------------------------------------------------------

LAYOUT_PAGES = {
    "home": HOME,
    "party": PARTY,
    "finder-result": FINDER_RESULT,
    "article": ARTICLE,
    "search": SEARCH_RESULTS,
    "easy-read-finder-result": EASY_READ_FINDER_RESULT,
}


@pytest.mark.parametrize("width,height", [(320, 640), (1280, 800)], ids=["320", "1280"])
def test_no_sideways_scrolling_and_safety_bar_in_first_view(new_context, portal, width, height):
    page = new_context(viewport={"width": width, "height": height}).new_page()
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    problems = []
    for name, path in LAYOUT_PAGES.items():
        visit(page, portal, path)
        page.screenshot(path=SCREENSHOT_DIR / f"{name}-{width}.png", full_page=True)
        sizes = page.evaluate(
            "({scroll: document.documentElement.scrollWidth, inner: window.innerWidth})"
        )
        if sizes["scroll"] > sizes["inner"]:
            problems.append(f"{path}: scrolls sideways ({sizes['scroll']} > {sizes['inner']} px)")
        for selector in [".quick-exit", ".danger-notice"]:
            element = page.locator(selector)
            box = element.bounding_box()
            if not element.is_visible() or box is None:
                problems.append(f"{path}: {selector} is not visible")
                continue
            if box["y"] < 0 or box["y"] + box["height"] > height:
                problems.append(f"{path}: {selector} is not in the first view: {box}")
            if box["x"] < 0 or box["x"] + box["width"] > width:
                problems.append(f"{path}: {selector} is cut off at the side: {box}")
            # Nothing covers it.
            on_top = page.evaluate(
                "([x, y, selector]) => !!document.elementFromPoint(x, y)?.closest(selector)",
                [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, selector],
            )
            if not on_top:
                problems.append(f"{path}: {selector} is covered by another element")
    assert not problems, f"at {width}x{height}:\n" + "\n".join(problems)


# 7. Accessibility (axe-core) ------------------------------------------------------

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
AXE_PAGES = {
    "home": HOME,
    "party-index": PARTY_INDEX,
    "party": PARTY,
    "finder": FINDER,
    "finder-result": FINDER_RESULT,
    "article": ARTICLE,
    "search-results": SEARCH_RESULTS,
    "finder-invalid-choice": FINDER_INVALID,
    "english-home": ENGLISH_HOME,
    "easy-read-home": EASY_READ_HOME,
    "easy-read-finder-result": EASY_READ_FINDER_RESULT,
}
RUN_AXE = """async (tags) => {
  const results = await axe.run(document, {
    runOnly: {type: "tag", values: tags},
    resultTypes: ["violations"],
  });
  return results.violations.map((violation) => ({
    id: violation.id,
    impact: violation.impact,
    help: violation.help,
    nodes: violation.nodes.map((node) => ({
      target: node.target.join(" "),
      html: node.html,
      summary: node.failureSummary,
    })),
  }));
}"""


def describe_violations(path, violations):
    lines = [f"{len(violations)} axe violation(s) on {path}:"]
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    at {node['target']}: {node['html'][:160]}")
            for detail in (node["summary"] or "").splitlines():
                lines.append(f"      {detail.strip()}")
    return "\n".join(lines)


def test_axe_reports_violations(new_context, axe_source):
    """The check below is not blind: axe finds a field without a label."""
    page = new_context().new_page()
    page.set_content(
        '<!DOCTYPE html><html lang="sv"><head><title>Prov</title></head>'
        '<body><main><h1>Prov</h1><input type="text" name="q"></main></body></html>'
    )
    page.evaluate(axe_source)
    violations = page.evaluate(RUN_AXE, AXE_TAGS)
    assert [violation["id"] for violation in violations] == ["label"]
    assert "at input" in describe_violations("prov", violations)


@pytest.mark.parametrize("path", AXE_PAGES.values(), ids=AXE_PAGES.keys())
def test_no_axe_violations(page, portal, axe_source, path):
    visit(page, portal, path)
    if path == FINDER_INVALID:
        expect(page.locator("#kommun-error")).to_have_text("Välj en av kommunerna i listan.")
        expect(page.get_by_label("Din kommun", exact=True)).to_have_attribute(
            "aria-invalid", "true"
        )
    page.evaluate(axe_source)
    violations = page.evaluate(RUN_AXE, AXE_TAGS)
    assert not violations, describe_violations(path, violations)


# 8. Keyboard only ------------------------------------------------------------------

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) return null;
  const style = getComputedStyle(el);
  const box = el.getBoundingClientRect();
  return {
    tag: el.tagName.toLowerCase(),
    id: el.id,
    classes: el.className,
    href: el.getAttribute("href"),
    text: (el.innerText || el.value || "").trim(),
    quickExit: el.hasAttribute("data-quick-exit"),
    outline: style.outlineStyle,
    shadow: style.boxShadow,
    box: {x: box.x, y: box.y, width: box.width, height: box.height},
    viewport: {width: window.innerWidth, height: window.innerHeight},
  };
}"""


def tab(page, seen):
    """Press Tab; the newly focused element must show that it has focus."""
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused is not None, "Tab left the page"
    assert focused["outline"] != "none" or focused["shadow"] != "none", (
        f"no visible focus on {focused['tag']} {focused['text']!r} ({focused['href']})"
    )
    assert focused["box"]["width"] > 0 and focused["box"]["height"] > 0, focused
    seen.append(focused)
    return focused


def within_viewport(focused):
    box, viewport = focused["box"], focused["viewport"]
    return (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= viewport["width"]
        and box["y"] + box["height"] <= viewport["height"]
    )


def tab_until(page, seen, found, limit=40):
    for _ in range(limit):
        focused = tab(page, seen)
        if found(focused):
            return focused
    raise AssertionError(f"not reached with {limit} Tab presses: {[f['text'] for f in seen]}")


def test_keyboard_only_finder_journey(page, portal):
    seen = []
    visit(page, portal, HOME)

    skip = tab(page, seen)
    assert (skip["tag"], skip["href"], skip["text"]) == ("a", "#main", "Hoppa till innehållet")
    assert within_viewport(skip), f"the focused skip link is off screen: {skip['box']}"
    second = tab(page, seen)
    assert second["quickExit"] and second["text"] == QUICK_EXIT, second
    assert second["href"] == portal.exit_url
    assert within_viewport(second), f"the focused quick-exit link is off screen: {second['box']}"

    tab_until(page, seen, lambda focused: focused["id"] == "kommun")
    page.keyboard.type("Krokom")  # type-ahead in the closed list
    expect(page.get_by_label("Din kommun", exact=True)).to_have_value("krokom")
    button = tab(page, seen)
    assert (button["tag"], button["text"]) == ("button", "Visa hjälp")
    page.keyboard.press("Enter")
    page.wait_for_url(portal.url(FINDER_RESULT))
    expect(page.locator("h1")).to_have_text("Hjälp i Krokoms kommun")

    # On the result page: skip to the content, then on to the municipality's own page.
    skip = tab(page, seen)
    assert skip["href"] == "#main"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"
    tab_until(page, seen, lambda focused: focused["text"].startswith("Mer om hur Krokoms"))
    page.keyboard.press("Enter")
    page.wait_for_url(portal.url("/stod/krokom/"))
    expect(page.locator("h1")).to_have_text("Socialtjänsten i Krokoms kommun")
