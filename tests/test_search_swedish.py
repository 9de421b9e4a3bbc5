"""Search that understands the words people use: Swedish word forms, synonyms, misspellings."""

import re

import pytest
from django.db import connection
from wagtail.models import Locale, Page, Site

from base.models import SearchSettings
from base.search import parse_pointers, parse_synonyms, suggestion, word_forms

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def first_results(client, query, count=1, prefix=""):
    main = client.get(f"{prefix}/sok/", {"q": query}).content.decode().split("<main", 1)[1]
    return re.findall(r'<h3><a href="([^"]+)"', main)[:count]


def address_in(language, address):
    """The address of the Swedish page at `address` in `language`; a municipality's page
    of the finder (/hitta-hjalp/krokom/) below the finder's translation."""
    root = Site.objects.get(is_default_site=True).root_page.url_path
    finder = "/hitta-hjalp/"
    below = ""
    if address.startswith(finder) and address != finder:
        address, below = finder, address.removeprefix(finder)
    page = Page.objects.get(url_path=root + address.strip("/") + "/")
    return page.get_translation(Locale.objects.get(language_code=language)).url + below


# What people type, in which language, and the page that must come first: on SQLite (the
# default) and on PostgreSQL (CI), whichever the suite runs on.
FIRST_RESULT = [
    ("samtycket", "sv", "/samtycke/"),
    ("samtycke", "sv", "/samtycke/"),
    ("polis", "sv", "/stod/polisen/"),
    ("polisen", "sv", "/stod/polisen/"),
    ("Centrum mot våld", "sv", "/stod/centrum-mot-vald/"),
    ("dölj spår", "sv", "/dolj-dina-spar/"),
    ("samrådet", "sv", "/sa-fungerar-samrad/"),
    ("heder", "sv", "/hedersrelaterat-vald-och-fortryck/"),
    ("kvinnofridslinjen", "sv", "/dolj-dina-spar/"),
    ("våldet", "sv", "/ar-det-har-vald/"),
    ("misshandel", "sv", "/ar-det-har-vald/"),
    ("slår", "sv", "/ar-det-har-vald/"),
    ("slår mig", "sv", "/ar-det-har-vald/"),
    ("kvinnojour", "sv", "/hitta-hjalp/"),
    ("kvinnojouren", "sv", "/hitta-hjalp/"),
    ("skyddat boende", "sv", "/hitta-hjalp/"),
    ("socialtjänsten", "sv", "/hitta-hjalp/"),
    ("säkerhetsplan", "sv", "/sakerhetsplan/"),
    ("Sveg", "sv", "/hitta-hjalp/harjedalen/"),
    ("Funäsdalen", "sv", "/hitta-hjalp/harjedalen/"),
    ("Järpen", "sv", "/hitta-hjalp/are/"),
    ("Åre", "sv", "/hitta-hjalp/are/"),
    ("Hammarstrand", "sv", "/hitta-hjalp/ragunda/"),
    ("Ragunda", "sv", "/hitta-hjalp/ragunda/"),
    ("Krokom", "sv", "/hitta-hjalp/krokom/"),
    ("Strömsund", "sv", "/hitta-hjalp/stromsund/"),
    ("Hammerdal", "sv", "/hitta-hjalp/stromsund/"),
    ("Bräcke", "sv", "/hitta-hjalp/bracke/"),
    ("Berg", "sv", "/hitta-hjalp/berg/"),
    ("Svenstavik", "sv", "/hitta-hjalp/berg/"),
    ("Brunflo", "sv", "/hitta-hjalp/ostersund/"),
    ("kvinnojour i Sveg", "sv", "/hitta-hjalp/harjedalen/"),
    ("socialtjänsten Järpen", "sv", "/hitta-hjalp/are/"),
    ("abuse", "en", "/ar-det-har-vald/"),
    ("beaten", "en", "/ar-det-har-vald/"),
    ("safety plan", "en", "/sakerhetsplan/"),
    ("consent", "en", "/samtycke/"),
    ("Police", "en", "/stod/polisen/"),
    ("Sveg", "en", "/hitta-hjalp/harjedalen/"),
    ("Järpen", "ar", "/hitta-hjalp/are/"),
]
PREFIX = {"sv": "", "en": "/en", "ar": "/ar"}


@pytest.mark.parametrize("query,language,expected", FIRST_RESULT)
def test_the_best_page_comes_first(client, query, language, expected):
    assert first_results(client, query, prefix=PREFIX[language]) == [
        address_in(language, expected)
    ], connection.vendor


def test_every_place_of_the_county_leads_to_its_municipality(client, site):
    """Each town and village in the seeded list (base.models.DEFAULT_PLACES) finds the
    finder's page of its municipality first, and that page shows the municipality."""
    places = parse_pointers(SearchSettings.for_site(site).places)
    assert len({slug for _words, _name, slug in places}) == 8
    for _words, name, slug in places:
        assert first_results(client, name) == [f"/hitta-hjalp/{slug}/"], name
    response = client.get("/hitta-hjalp/harjedalen/")
    assert response.status_code == 200
    assert "Härjedalen" in response.content.decode()


def test_editors_add_places_and_pages(client, site):
    assert first_results(client, "Zebrastad") == []
    settings = SearchSettings.for_site(site)
    settings.places += "\nZebrastad, Zebraby = krokom"
    settings.pages += "\nzebrafink, zebrafinkar = /samtycke/"
    settings.save()
    assert first_results(client, "zebraby") == ["/hitta-hjalp/krokom/"]
    content = client.get("/sok/", {"q": "Zebrastad"}).content.decode()
    assert "Zebrastad ligger i Krokoms kommun." in content
    assert first_results(client, "zebrafinken") == ["/samtycke/"]
    assert first_results(client, "zebrafinken", prefix="/en") == [address_in("en", "/samtycke/")]
    # A page for a whole search only: not for a longer search that holds its words.
    assert first_results(client, "zebrafinken polisen") != ["/samtycke/"]


# Found at all: the words the pages do not use.
FOUND = ["våldet", "misshandel", "slår", "socialtjänst", "socialtjänsten", "skyddad identitet"]
# Words for the groups' pages that the pages do not use, and the page they find.
GROUP_WORDS = [
    ("tvångsgifte", "/hedersrelaterat-vald-och-fortryck/"),
    ("lesbisk", "/hbtqi-personer/"),
    ("våldsutövare", "/vill-du-sluta-anvanda-vald/"),
]


@pytest.mark.parametrize("query", FOUND)
def test_everyday_words_find_pages(client, query):
    assert first_results(client, query), query


@pytest.mark.parametrize("query,page", GROUP_WORDS)
def test_the_default_synonyms_lead_to_the_groups_pages(client, query, page):
    assert page in first_results(client, query, count=10), query


def test_editors_extend_the_synonyms(client, site):
    assert first_results(client, "zebrafink") == []
    settings = SearchSettings.for_site(site)
    settings.synonyms += "\nzebrafink, zebrafinken = kvinnofridslinjen"
    settings.save()
    assert first_results(client, "zebrafinken")


def test_a_misspelling_gets_a_suggestion(client):
    content = client.get("/sok/", {"q": "socialtjenst"}).content.decode()
    assert "Menade du" in content
    assert 'href="?q=socialtj%C3%A4nsten"' in content
    assert "Menade du" not in client.get("/sok/", {"q": "polisen"}).content.decode()


def test_word_forms_and_synonym_lines():
    assert word_forms("våldet") == ("våldet", "våld", "vålde")
    assert word_forms("samtycket")[:3] == ("samtycket", "samtyck", "samtycke")
    assert word_forms("hot") == ("hot",)
    assert parse_synonyms("a, B = c\nbroken line\n = x\nd=e") == {
        "a": ("c",),
        "b": ("c",),
        "d": ("e",),
    }
    assert suggestion("socialtjenst", {"Socialtjänst", "Polisen"}) == "socialtjänst"
    assert suggestion("polisen", {"Polisen"}) == ""
