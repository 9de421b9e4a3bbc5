"""Every public page type renders for an anonymous visitor, safely."""

import pytest
from django.urls import reverse

from base.models import HomePage, SafetySettings
from guidance.models import ArticlePage, FinderPage, PartyIndexPage, PartyPage
from organisations.models import Party

from .helpers import parse, public_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def page_urls():
    urls = [page.url for page in public_pages()]
    for finder in FinderPage.objects.filter(locale__language_code__in=["sv", "ar"]):
        municipalities = Party.objects.filter(kind="municipality")
        urls += [finder.url + f"{party.slug}/" for party in municipalities]
    urls += [reverse("search"), reverse("search") + "?q=polisen"]
    return urls


def test_demo_has_every_page_type_in_every_language(settings):
    for model in (HomePage, PartyIndexPage, PartyPage, FinderPage, ArticlePage):
        languages = set(model.objects.live().values_list("locale__language_code", flat=True))
        assert languages == {code for code, _name in settings.LANGUAGES}, model
    for language in ("sv", "en", "ar"):
        assert PartyPage.objects.filter(locale__language_code=language).count() == 11


def test_every_public_page_renders_safely(client, site):
    exit_url = SafetySettings.for_site(site).exit_url
    urls = page_urls()
    assert len(urls) > 30
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        # No cookie of any kind for an anonymous visitor.
        assert not response.cookies, (url, response.cookies)
        assert "Set-Cookie" not in response.headers, url
        assert response["Referrer-Policy"] == "no-referrer", url
        html = parse(response)
        assert len(html.find("h1")) == 1, url
        assert len(html.find("main")) == 1, url
        # The quick exit: visible control and the second link right after the skip link.
        exits = html.find("a", href=exit_url)
        assert len(exits) == 2, url
        assert all(link.get("rel") == "noreferrer nofollow" for link in exits), url
        assert all("data-quick-exit" in link for link in exits), url
        assert html.find("a", href="tel:112"), url
        assert html.find("p", role="status", id="quick-exit-status"), url
        assert html.find("script", src="/static/js/quick-exit.js"), url
        # Nothing is loaded from another host.
        for tag in ("script", "link", "img", "iframe"):
            for element in html.find(tag):
                if element.get("rel") in ("canonical", "alternate"):
                    continue  # addresses for search engines, never loaded by the browser
                source = element.get("src") or element.get("href") or ""
                assert not source.startswith(("http:", "https:", "//")), (url, source)


def test_skip_link_then_second_quick_exit_link_come_first(client, site):
    exit_url = SafetySettings.for_site(site).exit_url
    html = parse(client.get("/"))
    links = html.find("a")
    assert links[0]["href"] == "#main"
    assert links[1]["href"] == exit_url
    content = client.get("/").content.decode()
    assert content.count(">Lämna sidan snabbt</a>") == 2


def test_help_lines_from_settings_on_every_page(client, site):
    numbers = [line.value["number"] for line in SafetySettings.for_site(site).help_lines]
    assert {"112", "114 14", "1177", "020-50 50 50", "116 006"} <= set(numbers)
    for url in ["/", PartyPage.objects.filter(locale__language_code="sv").first().url]:
        content = client.get(url).content.decode()
        for number in numbers:
            assert number in content, (url, number)


def test_changed_exit_destination_is_used(client, site):
    safety = SafetySettings.for_site(site)
    safety.exit_url = "https://www.yr.no/"
    safety.save()
    html = parse(client.get("/"))
    assert len(html.find("a", href="https://www.yr.no/")) == 2


def test_language_comes_from_the_address_only(client):
    swedish = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="sv" dir="ltr">' in swedish.content.decode()
    english = client.get("/en/", HTTP_ACCEPT_LANGUAGE="sv")
    assert english.status_code == 200
    assert '<html lang="en" dir="ltr">' in english.content.decode()
    assert "Leave this site quickly" in english.content.decode()
    assert not english.cookies
    # A language cookie is ignored.
    client.cookies["django_language"] = "en"
    assert '<html lang="sv"' in client.get("/").content.decode()


def test_party_page_shows_its_contact_functions(client):
    page = PartyPage.objects.get(locale__language_code="sv", party__slug="polisen")
    content = client.get(page.url).content.decode()
    assert "114 14" in content
    assert 'href="tel:11414"' in content
    for function in page.party.contact_functions.all():
        assert function.name in content


def test_translation_links_both_ways(client):
    page = PartyPage.objects.get(locale__language_code="sv", party__slug="krokom")
    english = page.get_translation(page.locale.__class__.objects.get(language_code="en"))
    assert english.url.startswith("/en/")
    html = parse(client.get(page.url))
    assert html.find("a", href=english.url, hreflang="en")
    html = parse(client.get(english.url))
    assert html.find("a", href=page.url, hreflang="sv")


def test_breadcrumbs_on_party_pages(client):
    page = PartyPage.objects.get(locale__language_code="sv", party__slug="region")
    html = parse(client.get(page.url))
    nav = html.find("nav", **{"aria-label": "Brödsmulor"})
    assert nav
    assert html.find("a", href="/")


def test_unknown_page_is_404_without_cookie(client):
    response = client.get("/finns-inte/")
    assert response.status_code == 404
    assert not response.cookies


def test_public_pages_stay_small(client):
    """HTML + CSS + JS of a public page, gzipped, must stay well under 50 KB for weak phones."""
    import gzip

    from django.contrib.staticfiles import finders

    assets = sum(
        len(gzip.compress(open(finders.find(path), "rb").read()))  # noqa: SIM115
        for path in ("css/site.css", "js/quick-exit.js", "js/call-log.js")
    )
    for page in public_pages():
        html = client.get(page.url).content
        total = len(gzip.compress(html)) + assets
        assert total < 50_000, (page.url, total)


def test_every_party_and_article_page_leads_to_the_finder_and_kvinnofridslinjen(client):
    """Under the header of every party page and every article (the group pages among
    them), in every language: the link to the finder in that language and
    Kvinnofridslinjen's number. The finder and its results show the line without the link,
    the home page with the finder's form."""
    pages = list(PartyPage.objects.live()) + list(ArticlePage.objects.live())
    assert len(pages) > 33
    for page in pages:
        finder = FinderPage.objects.live().get(locale=page.locale)
        content = client.get(page.url).content.decode()
        strip = content[content.index('<aside class="help-now"') : content.index("</aside>")]
        assert f'<a class="help-now__finder" href="{finder.url}">{finder.title}</a>' in strip, (
            page.url
        )
        assert 'href="tel:020505050"' in strip, page.url
    for finder in FinderPage.objects.live():
        for url in (finder.url, finder.url + "krokom/"):
            content = client.get(url).content.decode()
            assert 'class="help-now"' in content and "help-now__finder" not in content, url
    home = client.get("/").content.decode()
    strip = home[home.index('<aside class="help-now"') : home.index("</aside>")]
    assert 'class="finder-form"' in strip and 'href="tel:020505050"' in strip
