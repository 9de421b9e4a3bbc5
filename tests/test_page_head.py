"""The head and header of public pages: meta description, canonical address and the page
in each language for search engines (at the site's configured address), the search field,
the foldable menu, the safety bar and the help line on the home page's first screen."""

import pytest
from django.urls import reverse
from wagtail.models import Page, Site

from base.models import SafetySettings
from guidance.models import ArticlePage, EasyReadPage, FinderPage
from organisations.models import Party

from .helpers import parse, public_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def head(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    html = parse(response)
    descriptions = html.find("meta", name="description")
    canonicals = html.find("link", rel="canonical")
    alternates = {link["hreflang"]: link["href"] for link in html.find("link", rel="alternate")}
    return descriptions, canonicals, alternates


def finder_urls(language):
    finder = FinderPage.objects.get(locale__language_code=language)
    return [finder.url + f"{party.slug}/" for party in Party.objects.filter(kind="municipality")]


@pytest.mark.slow
def test_every_public_page_has_a_description_a_canonical_link_and_its_languages(client, site):
    root = site.root_url
    # The easy-to-read pages are Swedish only (tests/test_easy_read.py checks their head).
    urls = [page.url for page in public_pages() if not isinstance(page, EasyReadPage)]
    urls += finder_urls("sv") + finder_urls("en") + finder_urls("ar")
    assert len(urls) > 60
    for url in urls:
        descriptions, canonicals, alternates = head(client, url)
        assert len(descriptions) == 1 and descriptions[0]["content"].strip(), url
        assert len(descriptions[0]["content"]) <= 160, url
        assert [link["href"] for link in canonicals] == [root + url], url
        # Every language and the default for everyone else, as full addresses.
        assert set(alternates) == {"sv", "en", "ar", "x-default"}, url
        assert root + url in alternates.values(), url
        assert alternates["x-default"] == alternates["sv"], url
        assert alternates["en"].startswith(root + "/en/"), url
        assert alternates["ar"].startswith(root + "/ar/"), url
        assert not alternates["sv"].startswith((root + "/en/", root + "/ar/")), url


def test_a_municipality_keeps_its_place_in_the_other_language(client, site):
    _, canonicals, alternates = head(client, "/hitta-hjalp/krokom/")
    english = FinderPage.objects.get(locale__language_code="en").url + "krokom/"
    assert canonicals[0]["href"] == site.root_url + "/hitta-hjalp/krokom/"
    assert alternates == {
        "sv": site.root_url + "/hitta-hjalp/krokom/",
        "en": site.root_url + english,
        "ar": site.root_url + "/ar/hitta-hjalp/krokom/",
        "x-default": site.root_url + "/hitta-hjalp/krokom/",
    }
    descriptions, _, _ = head(client, "/hitta-hjalp/krokom/")
    assert "Krokom" in descriptions[0]["content"]


def test_the_description_comes_from_the_search_description_then_the_introduction(client):
    page = ArticlePage.objects.get(locale__language_code="sv", slug="sa-fungerar-samrad")
    page.intro = "En ingress   om samråd\nsom är lång. " + "Mer text. " * 40
    page.search_description = ""
    page.save_revision().publish()
    descriptions, _, _ = head(client, page.url)
    content = descriptions[0]["content"]
    assert content.startswith("En ingress om samråd som är lång. Mer text.")
    assert len(content) <= 160 and content.endswith("…")
    page.search_description = "Så går ett samråd till."
    page.save_revision().publish()
    descriptions, _, _ = head(client, page.url)
    assert descriptions[0]["content"] == "Så går ett samråd till."


def test_search_has_a_canonical_link_without_the_query_and_its_languages(client, site):
    descriptions, canonicals, alternates = head(client, reverse("search") + "?q=polisen")
    assert descriptions and descriptions[0]["content"]
    assert [link["href"] for link in canonicals] == [site.root_url + "/sok/"]
    assert alternates == {
        "sv": site.root_url + "/sok/",
        "en": site.root_url + "/en/sok/",
        "ar": site.root_url + "/ar/sok/",
        "x-default": site.root_url + "/sok/",
    }


def test_addresses_use_the_configured_site_not_the_request_host(client, site):
    site.hostname = "norrsken.example.se"
    site.port = 443
    site.save()
    _, canonicals, alternates = head(client, "/stod/polisen/")
    assert canonicals[0]["href"] == "https://norrsken.example.se/stod/polisen/"
    assert alternates["en"] == "https://norrsken.example.se/en/stod/polisen/"
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>https://norrsken.example.se/hitta-hjalp/krokom/</loc>" in sitemap
    assert "<loc>https://norrsken.example.se/en/</loc>" in sitemap
    assert "localhost" not in sitemap and "testserver" not in sitemap
    robots = client.get("/robots.txt").content.decode()
    assert "Sitemap: https://norrsken.example.se/sitemap.xml" in robots
    assert "testserver" not in robots


def test_staff_and_error_pages_have_no_canonical_link(client):
    assert not parse(client.get("/finns-inte/")).find("link", rel="canonical")
    assert not parse(client.get("/accounts/login/")).find("link", rel="canonical")


def test_a_search_field_in_the_header_of_every_public_page(client):
    for page in public_pages():
        html = parse(client.get(page.url))
        forms = html.find("form", role="search")
        code = page.locale.language_code
        language = "" if code == "sv" else f"/{code}"
        assert [form["action"] for form in forms] == [language + "/sok/"], page.url
        assert html.find("input", type="search", name="q", id="site-search"), page.url
        assert html.find("label", **{"for": "site-search"}), page.url
    # The search page has its own, larger field instead.
    html = parse(client.get("/sok/?q=polisen"))
    assert not html.find("input", id="site-search")
    assert len(html.find("input", type="search", name="q")) == 1


def test_the_main_menu_folds_into_a_menu_button_without_javascript(client):
    content = client.get("/").content.decode()
    start = content.index('<nav class="main-menu"')
    menu = content[start : content.index("</nav>", start)]
    assert '<details class="menu">' in menu
    assert "<summary>Meny</summary>" in menu
    assert menu.index("<summary>") < menu.index("<ul>") < menu.index('href="/stod/"')
    english = client.get("/en/").content.decode()
    assert "<summary>Menu</summary>" in english


def test_the_quick_exit_is_described_as_an_emergency_exit(client, site):
    exit_url = SafetySettings.for_site(site).exit_url
    html = parse(client.get("/"))
    exits = html.find("a", href=exit_url)
    assert len(exits) == 2
    assert all(link["aria-describedby"] == "quick-exit-description" for link in exits)
    content = client.get("/").content.decode()
    assert 'id="quick-exit-description">Nödutgång' in content
    assert html.find("div", role="region", **{"aria-label": "Akut hjälp"})


def test_the_home_page_shows_the_first_help_line_after_112(client, site):
    content = client.get("/").content.decode()
    start = content.index('<p class="featured-help-line">')
    featured = content[start : content.index("</p>", start)]
    assert "Kvinnofridslinjen" in featured and 'href="tel:020505050"' in featured
    # Under the header, before the municipality form and the page's own text.
    assert (
        content.index('class="help-now"')
        < start
        < content.index('class="finder-form"')
        < content.index("<h1>")
        < content.index("Är du i fara just nu?")
    )
    # Editors choose it by the order of the help lines.
    safety = SafetySettings.for_site(site)
    lines = list(safety.help_lines.raw_data)
    police = next(line for line in lines if line["value"]["number"] == "114 14")
    lines.remove(police)
    lines.insert(0, police)
    safety.help_lines = lines
    safety.save()
    content = client.get("/").content.decode()
    start = content.index('<p class="featured-help-line">')
    assert "114 14" in content[start : content.index("</p>", start)]


def test_a_page_without_translation_lists_no_alternates(client, site):
    home = Page.objects.get(depth=2, locale__language_code="sv")
    page = home.add_child(instance=ArticlePage(title="Bara svenska", slug="bara-svenska"))
    page.save_revision().publish()
    _, canonicals, alternates = head(client, "/bara-svenska/")
    assert (
        canonicals[0]["href"] == Site.objects.get(is_default_site=True).root_url + "/bara-svenska/"
    )
    assert alternates == {}


def language_link(client, url, code="en"):
    html = parse(client.get(url))
    # The header's Lättläst link leads to Swedish pages (hreflang="sv") but does not
    # switch the language.
    links = [
        link["href"]
        for link in html.find("a", hreflang=code)
        if link.get("class") != "easy-read-link"
    ]
    assert len(links) == 1, (url, links)
    return links[0]


def test_the_language_switch_keeps_the_municipality_and_the_search(client):
    english_finder = FinderPage.objects.get(locale__language_code="en").url
    assert language_link(client, "/hitta-hjalp/krokom/") == english_finder + "krokom/"
    assert language_link(client, "/hitta-hjalp/are/") == english_finder + "are/"
    assert language_link(client, english_finder + "krokom/", "sv") == "/hitta-hjalp/krokom/"
    assert language_link(client, "/sok/?q=våld och hot&sida=2") == "/en/sok/?q=v%C3%A5ld+och+hot"
    assert language_link(client, "/en/sok/?q=police", "sv") == "/sok/?q=police"
    assert language_link(client, "/sok/") == "/en/sok/"
    # Elsewhere as before: the page's translation, or the home page in that language.
    polisen = Page.objects.get(url_path__endswith="/stod/polisen/", locale__language_code="sv")
    english = polisen.get_translation(Page.objects.get(depth=2, locale__language_code="en").locale)
    assert language_link(client, "/stod/polisen/?x=1") == english.url
    response = client.get("/finns-inte/?q=1")
    assert response.status_code == 404
    assert [link["href"] for link in parse(response).find("a", hreflang="en")] == ["/en/"]
