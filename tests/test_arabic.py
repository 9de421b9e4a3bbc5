"""Arabic, the first right-to-left language: its pages under /ar/ with lang and dir, the
interface in Arabic, numbers kept left to right, the language menu in each language's own
script, and the language chosen by the address alone, never by a cookie."""

import re
from pathlib import Path

import pytest
from django.utils import translation
from wagtail.models import Locale

from demo.public import CONTENT_DIR, isolate_numbers, read_content
from guidance.models import ArticlePage, FinderPage, PartyPage
from organisations.models import Party

from .helpers import parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

ROOT = Path(__file__).resolve().parent.parent
ARABIC = read_content(CONTENT_DIR / "public_ar.toml")
LRI, PDI = "\u2066", "\u2069"


def arabic(model, **lookup):
    return model.objects.get(locale__language_code="ar", **lookup)


def arabic_urls():
    finder = arabic(FinderPage)
    pages = [arabic(PartyPage, party__slug=key).url for key in ARABIC.get("parties", {})]
    articles = [
        arabic(ArticlePage, slug=page.slug).url
        for page in ArticlePage.objects.filter(locale__language_code="ar")
    ]
    return ["/ar/", finder.url, finder.url + "krokom/", *pages, *articles]


def test_arabic_pages_exist_beside_the_english_ones():
    assert Locale.objects.filter(language_code="ar").exists()
    for key in ("home", "party_index", "finder"):
        assert key in ARABIC, key
    assert arabic(FinderPage).url == "/ar/hitta-hjalp/"
    # The same slugs as in Swedish: one address per page, in every language.
    for slug in ("polisen", "region", "centrum-mot-vald", "krokom"):
        assert arabic(PartyPage, party__slug=slug).url == f"/ar/stod/{slug}/"


def test_every_arabic_page_is_right_to_left_and_in_arabic(client):
    urls = arabic_urls()
    assert len(urls) >= 6
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert '<html lang="ar" dir="rtl">' in content, url
        # The safety bar, the skip link, the menu and the search speak Arabic.
        for text in ("غادر الموقع بسرعة", "انتقل إلى المحتوى", "في خطر الآن؟", "ابحث في الموقع"):
            assert text in content, (url, text)
        assert "Leave this site quickly" not in content and "Lämna webbplatsen" not in content
        assert not response.cookies, url


def test_the_shift_hint_and_its_announcements_are_in_arabic(client):
    content = client.get("/ar/").content.decode()
    assert "أو اضغط على مفتاح Shift ثلاث مرات." in content
    assert 'data-two-left="اضغط على Shift مرتين أخريين لمغادرة الموقع."' in content
    assert 'aria-label="القائمة الرئيسية"' in content and ">القائمة</summary>" in content


def test_phone_numbers_and_addresses_stay_left_to_right(client):
    content = client.get("/ar/stod/polisen/").content.decode()
    # The contact functions' numbers, and the 112 of the safety bar.
    assert '<a href="tel:11414" dir="ltr">114 14</a>' in content
    assert '<a href="tel:112" dir="ltr">112</a>' in content
    # Numbers in groups inside the Arabic text are isolated as a whole.
    body = content[content.index("<article>") : content.index('class="party-contacts"')]
    assert f"{LRI}114 14{PDI}" in body
    assert not re.search(r"(?<!\u2066)114 14(?!\u2069)", body)
    # The contact functions' texts in Arabic, their numbers isolated too.
    assert f'<p class="contact__note">اتصل بالرقم {LRI}114 14{PDI} وقل' in content


def test_contact_functions_and_help_lines_in_arabic(client):
    content = client.get("/ar/hitta-hjalp/stromsund/").content.decode()
    assert '<h3 class="contact__name">الخدمات الاجتماعية، رعاية الأفراد والأسر</h3>' in content
    assert '<span class="help-line__name">الشرطة – في غير حالات الطوارئ</span>' in content
    # What has no Arabic yet stays Swedish, marked so, in its own direction.
    swedish = re.findall(r'lang="sv" dir="auto">([^<]+)<', content)
    assert "Socialtjänsten, individ- och familjeomsorgen" not in swedish


def test_grouped_numbers_are_isolated_in_text_but_not_in_attributes():
    html = '<p>اتصل بـ 020-50 50 50 أو <a href="https://x.se/114 14">114 14</a>، 2009:400.</p>'
    assert isolate_numbers(html) == (
        f'<p>اتصل بـ {LRI}020-50 50 50{PDI} أو <a href="https://x.se/114 14">'
        f"{LRI}114 14{PDI}</a>، {LRI}2009:400{PDI}.</p>"
    )
    assert isolate_numbers("112 och 1177") == "112 och 1177"


def test_the_language_menu_names_each_language_in_its_own_script(client):
    for url, others in (
        ("/stod/polisen/", {"en": "English", "ar": "العربية"}),
        ("/en/stod/polisen/", {"sv": "Svenska", "ar": "العربية"}),
        ("/ar/stod/polisen/", {"sv": "Svenska", "en": "English"}),
    ):
        content = client.get(url).content.decode()
        menu = re.search(r'<ul class="language-links">(.*?)</ul>', content).group(1)
        found = dict(re.findall(r'hreflang="([a-z-]+)"[^>]*>([^<]+)</a>', menu))
        assert found == others, url
        for code in others:
            assert re.search(rf'lang="{code}" hreflang="{code}"', menu), (url, code)
    menu = client.get("/").content.decode()
    assert 'lang="ar" hreflang="ar" dir="rtl">العربية</a>' in menu


def language_switch(response, code):
    """The links to the page in language `code` (the header's Lättläst link, to Swedish
    pages, is marked hreflang="sv" too, and is not one of them)."""
    return [
        link["href"]
        for link in parse(response).find("a", hreflang=code)
        if link.get("class") != "easy-read-link"
    ]


def test_the_language_switch_keeps_the_municipality(client):
    response = client.get("/ar/hitta-hjalp/krokom/")
    assert language_switch(response, "sv") == ["/hitta-hjalp/krokom/"]
    response = client.get("/hitta-hjalp/krokom/")
    assert language_switch(response, "ar") == ["/ar/hitta-hjalp/krokom/"]


def test_the_municipality_page_in_arabic(client):
    content = client.get("/ar/hitta-hjalp/krokom/").content.decode()
    # The place name stays as it is written on signs; "kommun" is said in Arabic.
    assert "<h1>المساعدة في بلدية Krokom</h1>" in content
    assert "<title>المساعدة في بلدية Krokom" in content
    assert "<strong>الخدمات الاجتماعية في بلدية Krokom</strong>" in content
    assert "Krokoms kommun" not in content
    assert "ابحث عن المساعدة في بلديتك" in content
    # The list of municipalities too, each under its own address.
    options = re.findall(r'<option value="([a-z]+)"[^>]*>([^<]+)</option>', content)
    assert ("krokom", "بلدية Krokom") in options and ("are", "بلدية Åre") in options
    assert len(options) == Party.objects.filter(kind=Party.Kind.MUNICIPALITY).count()
    assert all(name.startswith("بلدية ") for _slug, name in options)
    # Swedish and English pages keep the Swedish names.
    assert "<h1>Hjälp i Krokoms kommun</h1>" in client.get("/hitta-hjalp/krokom/").content.decode()


def test_a_party_s_name_in_arabic_falls_back_to_swedish():
    krokom = Party.objects.get(slug="krokom")
    with translation.override("ar"):
        assert krokom.text["short_name"] == "بلدية Krokom"
    with translation.override("en"):
        assert krokom.text["short_name"] == "Krokoms kommun"
    krokom.translations = []
    with translation.override("ar"):
        assert krokom.text == {
            "name": "Krokoms kommun",
            "short_name": "Krokoms kommun",
            "lang": "sv",
        }


def breadcrumbs(content):
    return re.search(r'<nav class="breadcrumbs".*?</nav>', content, re.S).group(0)


def test_the_breadcrumb_separator_points_the_way_the_page_reads(client):
    arabic_result = breadcrumbs(client.get("/ar/hitta-hjalp/krokom/").content.decode())
    assert '<li><a href="/ar/">' in arabic_result
    separators = re.findall(
        r'<span class="breadcrumbs__separator"([^>]*)>(.)</span>', arabic_result
    )
    # Pointing left, the way Arabic reads, and kept left to right so that no browser
    # mirrors it back; hidden from screen readers.
    assert separators == [(' aria-hidden="true" dir="ltr"', "‹")]
    swedish = breadcrumbs(client.get("/stod/polisen/").content.decode())
    separators = re.findall(r'<span class="breadcrumbs__separator"[^>]*>(.)</span>', swedish)
    assert separators == ["›", "›"]
    assert "‹" not in swedish and "›" not in arabic_result


def test_the_easy_to_read_link_says_in_arabic_that_it_leads_to_swedish(client):
    content = client.get("/ar/hitta-hjalp/krokom/").content.decode()
    links = re.findall(r'<a class="easy-read-link".*?</a>', content)
    assert links == [
        '<a class="easy-read-link" href="/lattlast/hitta-hjalp/krokom/" hreflang="sv" lang="sv"'
        ' data-easy-read>Lättläst <span class="easy-read-link__note" lang="ar">'
        "(بالسويدية السهلة)</span></a>"
    ]
    content = client.get("/ar/").content.decode()
    assert 'hreflang="sv" lang="sv" data-easy-read>Lättläst <span' in content
    assert "(بالسويدية السهلة)" in content


def test_the_language_is_chosen_by_the_address_never_by_a_cookie(client):
    for language, url in (("ar", "/ar/"), ("ar", "/ar/stod/"), ("sv", "/"), ("en", "/en/")):
        for cookie in ("sv", "en", "ar"):
            client.cookies["django_language"] = cookie
            response = client.get(url, HTTP_ACCEPT_LANGUAGE=cookie)
            assert response.status_code == 200, (url, cookie)
            assert f'<html lang="{language}"' in response.content.decode(), (url, cookie)
            assert not response.cookies, (url, cookie)


def test_following_the_language_switch_sets_no_cookie(client):
    (link,) = language_switch(client.get("/stod/polisen/"), "ar")
    response = client.get(link)
    assert response.status_code == 200 and not response.cookies
    assert '<html lang="ar" dir="rtl">' in response.content.decode()
    (back,) = language_switch(response, "sv")
    response = client.get(back)
    assert '<html lang="sv" dir="ltr">' in response.content.decode() and not response.cookies


def test_arabic_search_and_staff_paths_follow_the_rules_of_every_language(client, settings):
    assert "/ar/personal/" in settings.PRIVATE_PATH_PREFIXES
    assert "/ar/sok/" in settings.PAGE_CACHE_EXCLUDED_PREFIXES
    response = client.get("/ar/personal/konto/")
    assert response.status_code == 302
    assert response["Cache-Control"] == "no-store, private"
    response = client.get("/ar/sok/", {"q": "الشرطة"})
    assert response.status_code == 200
    assert '<html lang="ar" dir="rtl">' in response.content.decode()


def test_the_stylesheet_mirrors_with_logical_properties():
    css = (ROOT / "portal/static/css/site.css").read_text()
    physical = re.findall(
        r"(?:margin|padding|border)-(?:left|right)\b|[{;\s](?:left|right)\s*:"
        r"|text-align:\s*(?:left|right)|float:\s*(?:left|right)",
        css,
    )
    assert not physical, physical
    # Margins and paddings with different sides are written per axis.
    assert not re.search(r"\b(?:margin|padding):[ \t]*[^\s;]+[ \t]+[^\s;]+[^;\n]*;", css)


def test_an_unknown_arabic_address_answers_in_arabic_and_leads_home(client):
    response = client.get("/ar/غير-موجود/")
    assert response.status_code == 404 and not response.cookies
    content = response.content.decode()
    assert '<html lang="ar" dir="rtl">' in content
    assert '<a href="/ar/">اذهب إلى الصفحة الرئيسية</a>' in content


def test_the_sitemap_lists_the_arabic_pages(client):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "<loc>http://localhost/ar/stod/polisen/</loc>" in sitemap
    assert "<loc>http://localhost/ar/samtycke/</loc>" in sitemap
