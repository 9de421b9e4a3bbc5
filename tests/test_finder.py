"""Find help in your municipality: one shareable page per municipality, without JavaScript."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from base.models import SafetySettings
from guidance.models import FinderPage
from organisations.models import County, Party

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

MUNICIPALITIES = [
    "berg",
    "bracke",
    "harjedalen",
    "krokom",
    "ragunda",
    "stromsund",
    "are",
    "ostersund",
]


@pytest.fixture
def finder():
    return FinderPage.objects.get(locale__language_code="sv")


def test_eight_municipalities_are_offered(client, finder):
    content = client.get(finder.url).content.decode()
    assert content.count('<option value="') == 9  # eight plus the empty choice
    for slug in MUNICIPALITIES:
        assert f'<option value="{slug}"' in content


@pytest.mark.parametrize("slug", MUNICIPALITIES)
def test_result_for_each_municipality(client, finder, site, slug):
    response = client.get(finder.url + f"{slug}/")
    assert response.status_code == 200
    content = response.content.decode()
    municipality = Party.objects.get(slug=slug)
    county_wide = Party.objects.exclude(kind="municipality")
    assert {party.slug for party in county_wide} == {"polisen", "region", "centrum-mot-vald"}
    for party in [municipality, *county_wide]:
        assert f'id="party-{party.slug}"' in content
        for function in party.public_contact_functions:
            assert function.name in content
            if function.phone and function.shows_details:
                assert function.phone in content
    # The municipality comes first, no other municipality is listed.
    assert content.index(f'id="party-{slug}"') < content.index('id="party-polisen"')
    for other in set(MUNICIPALITIES) - {slug}:
        assert f'id="party-{other}"' not in content
    for line in SafetySettings.for_site(site).help_lines:
        assert line.value["number"] in content
    assert f'<option value="{slug}" selected>' in content


def test_form_redirects_to_shareable_address(client, finder):
    response = client.get(finder.url, {"kommun": "krokom"})
    assert response.status_code == 302
    assert response["Location"] == finder.url + "krokom/"


def test_unknown_choice_explains_instead_of_failing(client, finder):
    response = client.get(finder.url, {"kommun": "<script>"})
    assert response.status_code == 200
    content = response.content.decode()
    assert "Välj en av kommunerna i listan." in content
    assert "<script>" not in content.split("<main", 1)[1]


def test_unknown_or_non_municipality_slug_is_404(client, finder):
    assert client.get(finder.url + "stockholm/").status_code == 404
    assert client.get(finder.url + "polisen/").status_code == 404


def test_english_finder_links_english_party_pages(client):
    finder = FinderPage.objects.get(locale__language_code="en")
    content = client.get(finder.url + "are/").content.decode()
    assert '<html lang="en"' in content
    assert 'href="/en/stod/are/"' in content


def test_the_municipalities_are_read_once_per_content_generation(client, finder, settings):
    settings.PAGE_CACHE_SECONDS = 0  # every page rendered, no fragment kept
    client.get(finder.url + "krokom/")
    with CaptureQueriesContext(connection) as queries:
        content = client.get(finder.url + "berg/").content.decode()
    assert '<option value="krokom">' in content
    # The list comes from the first request; only the help in Berg is read.
    assert not [q["sql"] for q in queries if "organisations_county" in q["sql"]]

    # A municipality renamed, and a county taken off its site, show on the next request.
    berg = Party.objects.get(slug="berg")
    berg.short_name = "Bergs kommun i Jämtland"
    berg.save()
    assert ">Bergs kommun i Jämtland</option>" in client.get(finder.url).content.decode()
    county = County.objects.get(slug="jamtland")
    county.site = None
    county.save()
    assert client.get(finder.url + "krokom/").status_code == 404
    assert '<option value="krokom">' not in client.get(finder.url).content.decode()
