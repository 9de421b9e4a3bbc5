"""Search that understands the words people use: Swedish word forms, synonyms, misspellings."""

import re

import pytest
from django.db import connection

from home.models import SearchSettings
from home.search import parse_synonyms, suggestion, word_forms

pytestmark = pytest.mark.django_db


def first_results(client, query, count=1):
    main = client.get("/sok/", {"q": query}).content.decode().split("<main", 1)[1]
    return re.findall(r'<h3><a href="([^"]+)"', main)[:count]


# What people type, and the page that should come first (PostgreSQL, Swedish dictionary).
FIRST_RESULT = [
    ("samtycket", "/samtycke/"),
    ("samtycke", "/samtycke/"),
    ("polis", "/stod/polisen/"),
    ("polisen", "/stod/polisen/"),
    ("Centrum mot våld", "/stod/centrum-mot-vald/"),
    ("dölj spår", "/dolj-dina-spar/"),
    ("samrådet", "/sa-fungerar-samrad/"),
    ("heder", "/hedersrelaterat-vald-och-fortryck/"),
    ("kvinnofridslinjen", "/dolj-dina-spar/"),
]
# Found at all: the words the pages do not use.
FOUND = ["våldet", "misshandel", "slår", "socialtjänst", "socialtjänsten", "skyddad identitet"]
# Words for the groups' pages that the pages do not use, and the page they find.
GROUP_WORDS = [
    ("tvångsgifte", "/hedersrelaterat-vald-och-fortryck/"),
    ("lesbisk", "/hbtqi-personer/"),
    ("våldsutövare", "/vill-du-sluta-anvanda-vald/"),
]


@pytest.mark.skipif(
    not __import__("os").environ.get("DATABASE_URL", "").startswith("postgres"),
    reason="Swedish stemming and ranking need PostgreSQL, as in CI",
)
@pytest.mark.parametrize("query,expected", FIRST_RESULT)
def test_first_result_on_postgresql(client, query, expected):
    assert connection.vendor == "postgresql"
    assert first_results(client, query) == [expected]


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
    assert word_forms("våldet") == ["våldet", "våld", "vålde"]
    assert word_forms("samtycket")[:3] == ["samtycket", "samtyck", "samtycke"]
    assert word_forms("hot") == ["hot"]
    assert parse_synonyms("a, B = c\nbroken line\n = x\nd=e") == {
        "a": ["c"],
        "b": ["c"],
        "d": ["e"],
    }
    assert suggestion("socialtjenst", {"Socialtjänst", "Polisen"}) == "socialtjänst"
    assert suggestion("polisen", {"Polisen"}) == ""
