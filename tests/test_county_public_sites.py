"""Each county's public site on its own host (demo/norrbotten.py): the search, the place
names it answers and the page cache stay within the site asked for, and Norrbotten's party
pages and municipality finder show no local number that no source gives."""

import re

import pytest
from wagtail.models import Page, Revision

from base.models import HomePage, SafetySettings, SearchSettings
from demo.norrbotten import MUNICIPALITIES, load_norrbotten
from guidance.models import FinderPage, PartyIndexPage, PartyPage

from .test_phone_numbers import PHONE, TEL, digits, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

NORRBOTTEN = "localhost"
JAMTLAND = "127.0.0.1"


@pytest.fixture
def norrbotten():
    return load_norrbotten()


def get(client, host, path, **params):
    response = client.get(path, params, HTTP_HOST=host)
    assert response.status_code == 200, (host, path, response.status_code)
    return response


def found(response):
    """The pages the search lists, and where the pointers before them lead."""
    pages = Page.objects.filter(pk__in=[hit.pk for hit in response.context["results"]])
    return list(pages), [pointer.url for pointer in response.context["pointed"]]


def in_site(pages, county):
    return all(page.path.startswith(county.site.root_page.path) for page in pages)


def test_a_search_on_norrbottens_host_lists_nothing_of_jamtlands(client, norrbotten):
    # Jämtland's pages name Östersund; on its own host the search finds them.
    pages, _pointers = found(get(client, JAMTLAND, "/sok/", q="Östersund"))
    assert pages and not in_site(pages, norrbotten)
    response = get(client, NORRBOTTEN, "/sok/", q="Östersund")
    pages, pointers = found(response)
    assert pages == [] and pointers == []
    # Nor does the search page speak of Jämtland, in its description or anywhere else.
    assert "Jämtland" not in response.content.decode()


def test_a_search_on_jamtlands_host_lists_nothing_of_norrbottens(client, norrbotten):
    pages, pointers = found(get(client, NORRBOTTEN, "/sok/", q="Kiruna"))
    assert pages and in_site(pages, norrbotten)
    response = get(client, JAMTLAND, "/sok/", q="Kiruna")
    pages, pointers = found(response)
    assert pages == [] and pointers == []
    content = response.content.decode()
    assert "Socialtjänsten i Kiruna" not in content and "localhost" not in content


def test_a_place_name_leads_to_its_municipality_on_its_own_countys_site(client, norrbotten):
    _pages, pointers = found(get(client, NORRBOTTEN, "/sok/", q="Kiruna"))
    assert pointers == ["/hitta-hjalp/kiruna/"]
    assert get(client, NORRBOTTEN, pointers[0]).context["municipality"].slug == "kiruna"
    # A place an editor of Norrbotten's site lists for a Jämtland municipality leads
    # nowhere: the finder of this site has no such municipality.
    settings = SearchSettings.for_site(norrbotten.site)
    settings.places += "\nKrokom = krokom"
    settings.save()
    pages, pointers = found(get(client, NORRBOTTEN, "/sok/", q="Krokom"))
    assert pages == [] and pointers == []
    # Jämtland's own place names still lead to Jämtland's finder.
    _pages, pointers = found(get(client, JAMTLAND, "/sok/", q="Sveg"))
    assert pointers == ["/hitta-hjalp/harjedalen/"]


def test_the_misspelling_suggestion_uses_the_sites_own_titles(client, norrbotten):
    # "Kirruna", not "Kirunna": one of the latter's forms ("kirun") is PostgreSQL's Swedish
    # stem of "Kiruna", so there it finds the page and needs no suggestion.
    assert get(client, JAMTLAND, "/sok/", q="Kirruna").context["suggestion"] == ""
    assert get(client, NORRBOTTEN, "/sok/", q="Kirruna").context["suggestion"] == "kiruna"


@pytest.mark.parametrize("path", ["/", "/hitta-hjalp/", "/stod/"])
def test_the_page_cache_never_serves_one_sites_page_for_the_other(client, norrbotten, path):
    first = get(client, NORRBOTTEN, path)
    assert first["X-Cache"] == "miss"
    assert get(client, NORRBOTTEN, path)["X-Cache"] == "hit"
    jamtland = get(client, JAMTLAND, path)
    assert jamtland["X-Cache"] == "miss"
    assert jamtland.content != first.content
    assert "Norrbotten" not in visible_text(jamtland.content.decode())
    assert "Jämtland" not in visible_text(get(client, NORRBOTTEN, path).content.decode())


def test_norrbottens_finder_lists_its_14_municipalities(client, norrbotten):
    response = get(client, NORRBOTTEN, "/hitta-hjalp/")
    slugs = [party.slug for party in response.context["municipalities"]]
    assert sorted(slugs) == sorted(slug for slug, _name, _short in MUNICIPALITIES)
    links = set(re.findall(r'href="/hitta-hjalp/([a-z]+)/"', response.content.decode()))
    assert links == set(slugs)


def test_each_finder_answers_for_its_own_countys_municipalities_only(client, norrbotten):
    assert client.get("/hitta-hjalp/kiruna/", HTTP_HOST=JAMTLAND).status_code == 404
    assert client.get("/hitta-hjalp/krokom/", HTTP_HOST=NORRBOTTEN).status_code == 404
    # Nor does the form send a visitor on to another county's result.
    chosen = client.get("/hitta-hjalp/", {"kommun": "kiruna"}, HTTP_HOST=JAMTLAND)
    assert chosen.status_code == 200 and chosen.context["invalid_choice"]
    result = get(client, NORRBOTTEN, "/hitta-hjalp/kiruna/")
    assert {party.slug for party in result.context["municipalities"]} == {
        slug for slug, _name, _short in MUNICIPALITIES
    }


@pytest.mark.parametrize("host", [JAMTLAND, f"{JAMTLAND}:8000", f"{NORRBOTTEN}:8000"])
def test_the_finders_form_sends_the_visitor_on_within_the_host_they_use(client, norrbotten, host):
    """With more than one site a page's own url names its site's host and port (port 80
    in the demo): `make run` serves on 8000, so the form led to an address that did not
    answer. The result's address is the one the visitor is on."""
    slug = "krokom" if host.startswith(JAMTLAND) else "kiruna"
    response = client.get("/hitta-hjalp/", {"kommun": slug}, HTTP_HOST=host)
    assert response.status_code == 302
    assert response["Location"] == f"/hitta-hjalp/{slug}/"


@pytest.mark.parametrize("host", [JAMTLAND, f"{JAMTLAND}:8000"])
def test_links_in_a_pages_text_stay_on_the_host_the_visitor_uses(client, norrbotten, host):
    """The finder's text links to the police's page of its own site: by its path, not by
    the site's host and port (80 in the demo, so `make run` on 8000 led nowhere)."""
    main = get(client, host, "/hitta-hjalp/").content.decode().split("<main", 1)[1]
    assert '<a href="/stod/polisen/">' in main
    assert "http://127.0.0.1/" not in main


def national_numbers(county):
    """112 and the national help lines with their published sources (114 14 among them)."""
    return {
        digits(block.value["number"])
        for block in SafetySettings.for_site(county.site).help_lines
        if block.value.get("source_url") and block.value.get("verified_on")
    }


def shown_numbers(content):
    return {digits(n) for n in PHONE.findall(visible_text(content))} | {
        digits(n) for n in TEL.findall(content)
    }


def norrbotten_addresses(county):
    pages = county.site.root_page.get_descendants(inclusive=True).live().public()
    return [page.url for page in pages] + [
        f"/hitta-hjalp/{slug}/" for slug, _name, _short in MUNICIPALITIES
    ]


def test_norrbottens_pages_show_no_local_number_and_no_example(client, norrbotten):
    allowed = national_numbers(norrbotten)
    assert {"112", "11414", "020505050"} <= allowed
    addresses = norrbotten_addresses(norrbotten)
    assert len(addresses) == 1 + 1 + 16 + 1 + 14
    for address in addresses:
        content = get(client, NORRBOTTEN, address).content.decode()
        assert shown_numbers(content) <= allowed, (address, shown_numbers(content) - allowed)
        assert "Exempel" not in content, address
        # Nothing of Jämtland's site: no text, and no link to its host (the header's
        # easy-to-read link led to Jämtland's easy-to-read start page).
        assert "Jämtland" not in content and JAMTLAND not in content, address


def test_a_municipalitys_result_says_plainly_what_to_do_without_a_local_number(client, norrbotten):
    response = get(client, NORRBOTTEN, "/hitta-hjalp/kiruna/")
    text = " ".join(visible_text(response.content.decode()).split())
    assert "Hjälp i Kiruna" in text
    assert "Vi har ännu inte hittat något telefonnummer till socialtjänsten i Kiruna kommun" in text
    assert 'href="tel:112"' in response.content.decode()
    assert "Kvinnofridslinjen" in text
    # Kiruna's party page, the police's and the region's, each with its introduction.
    results = [page for _party, page in response.context["results"]()]
    assert all(results) and len(results) == 3


def test_every_norrbotten_party_page_links_to_its_finder(client, norrbotten):
    index = PartyIndexPage.objects.descendant_of(norrbotten.site.root_page).get()
    parties = PartyPage.objects.child_of(index).live()
    assert sorted(parties.values_list("party__slug", flat=True)) == sorted(
        norrbotten.parties.values_list("slug", flat=True)
    )
    for page in parties:
        content = get(client, NORRBOTTEN, page.url).content.decode()
        assert 'href="/hitta-hjalp/"' in content, page.url
        if page.party.kind == "municipality":
            text = " ".join(visible_text(content).split())
            assert "Vänd dig till socialtjänsten i kommunen där du bor" in text
    home = get(client, NORRBOTTEN, "/").content.decode()
    assert 'href="/hitta-hjalp/"' in home and 'href="/stod/"' in home
    assert "inte på plats än" not in home


def test_loading_norrbotten_again_changes_nothing(norrbotten):
    def snapshot():
        return {
            "pages": sorted(
                Page.objects.values_list("pk", "url_path", "live", "latest_revision_id")
            ),
            "revisions": Revision.objects.count(),
            "places": SearchSettings.for_site(norrbotten.site).places,
        }

    before = snapshot()
    load_norrbotten()
    assert snapshot() == before
    assert FinderPage.objects.descendant_of(norrbotten.site.root_page).count() == 1


def test_a_former_runs_home_page_gets_its_links(client, norrbotten):
    home = HomePage.objects.get(pk=norrbotten.site.root_page_id)
    home.body = [
        {"type": "paragraph", "value": "<p>Deras sidor och kontaktvägar är inte på plats än.</p>"}
    ]
    home.save_revision().publish()
    load_norrbotten()
    content = get(client, NORRBOTTEN, "/").content.decode()
    assert "inte på plats än" not in content and 'href="/hitta-hjalp/"' in content
