"""Adding a language is one code in PORTAL_LANGUAGES plus its translations: the settings
derive the rest (README "Adding a language"). Here Persian (fa, right to left) is added as
a deployment would add it, a page is translated, and the site serves it under /fa/."""

import re
import runpy
from pathlib import Path

import pytest
from wagtail.models import Locale

from base.models import HomePage
from guidance.models import ArticlePage
from portal.languages import is_right_to_left, language_choices, own_name, prefixed

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

BASE_SETTINGS = Path(__file__).resolve().parent.parent / "portal" / "settings" / "base.py"


def settings_with(monkeypatch, codes):
    """The base settings as the settings module computes them from the environment."""
    monkeypatch.setenv("PORTAL_LANGUAGES", codes)
    return runpy.run_path(str(BASE_SETTINGS))


def test_the_settings_derive_everything_from_the_list_of_codes(monkeypatch):
    derived = settings_with(monkeypatch, "sv,en,ar,fa")
    assert derived["LANGUAGE_CODE"] == "sv"
    assert derived["LANGUAGES"] == [
        ("sv", "Svenska"),
        ("en", "English"),
        ("ar", "العربية"),
        ("fa", "فارسی"),
    ]
    assert derived["WAGTAIL_CONTENT_LANGUAGES"] == derived["LANGUAGES"]
    # The staff area and the search are private or uncached in the new language too.
    assert "/fa/personal/" in derived["PRIVATE_PATH_PREFIXES"]
    assert "/fa/sok/" in derived["PAGE_CACHE_EXCLUDED_PREFIXES"]
    # Right to left by Django's own list, not by anything the portal keeps.
    assert is_right_to_left("fa") and is_right_to_left("ar") and not is_right_to_left("uk")
    default = settings_with(monkeypatch, "")
    assert [code for code, _name in default["LANGUAGES"]] == ["sv", "en", "ar"]


def test_each_language_is_named_in_its_own_script():
    assert own_name("sv") == "Svenska" and own_name("en") == "English"
    assert own_name("ar") == "العربية" and own_name("uk") == "Українська"
    with pytest.raises(ValueError):
        own_name("xx")
    assert prefixed(["/sok/"], ["sv", "en", "fa"]) == ("/sok/", "/en/sok/", "/fa/sok/")


@pytest.fixture
def persian(settings, monkeypatch):
    """The site with Persian added, as the settings module derives it."""
    derived = settings_with(monkeypatch, "sv,en,ar,fa")
    for name in ("LANGUAGES", "WAGTAIL_CONTENT_LANGUAGES", "PRIVATE_PATH_PREFIXES"):
        setattr(settings, name, derived[name])
    settings.PAGE_CACHE_EXCLUDED_PREFIXES = derived["PAGE_CACHE_EXCLUDED_PREFIXES"]
    return Locale.objects.create(language_code="fa")


def translate(page, locale, title):
    translation = page.copy_for_translation(locale, copy_parents=True)
    translation.title = title
    translation.save_revision().publish()
    return translation


def test_a_translated_page_is_served_under_the_new_prefix(client, persian):
    home = HomePage.objects.get(locale__language_code="sv")
    translate(home, persian, "پشتیبانی")
    article = ArticlePage.objects.get(locale__language_code="sv", slug="sakerhetsplan")
    translate(article, persian, "برنامه ایمنی")

    response = client.get("/fa/sakerhetsplan/")
    assert response.status_code == 200
    content = response.content.decode()
    assert '<html lang="fa" dir="rtl">' in content
    assert "<h1>برنامه ایمنی</h1>" in content
    assert not response.cookies
    # The Swedish page offers the new language, named in its own script.
    swedish = client.get("/sakerhetsplan/").content.decode()
    assert re.search(
        r'<a href="/fa/sakerhetsplan/" lang="fa" hreflang="fa" dir="rtl">فارسی</a>', swedish
    )
    assert (
        '<link rel="alternate" hreflang="fa" href="http://localhost/fa/sakerhetsplan/">' in swedish
    )
    # Untranslated pages are not offered in it.
    polisen = client.get("/stod/polisen/").content.decode()
    assert 'hreflang="fa"' not in polisen


def test_without_the_language_in_the_list_its_prefix_is_not_a_language(client):
    assert client.get("/fa/").status_code == 404
    assert language_choices(["sv"]) == [("sv", "Svenska")]
