"""A second county on the same installation: the parties belong to a county, the request
form offers the municipalities of the professional's own county, the yearly report is
addressed to the coordinator's county's leadership group, and each county's public site
answers on its own host name (demo/norrbotten.py)."""

import importlib
import re

import pytest
from django.apps import apps as django_apps
from wagtail.models import Site

from base.models import SafetySettings
from demo.norrbotten import MUNICIPALITIES, load_norrbotten
from organisations.models import ContactFunction, County, Party
from samrad.models import SamradRequest
from staff import roles

from .helpers import make_user
from .samrad_helpers import request_data
from .test_phone_numbers import PHONE, TEL, digits, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

FORM = "/personal/samrad/ny/avidentifierad/"
REPORT = "/personal/samrad/statistik/arsrapport/"
JAMTLAND_MUNICIPALITIES = {
    "berg",
    "bracke",
    "harjedalen",
    "krokom",
    "ragunda",
    "stromsund",
    "are",
    "ostersund",
}


def home_choices(response):
    select = re.search(r'<select name="home"[^>]*>(.*?)</select>', response.content.decode(), re.S)
    return set(re.findall(r'<option value="([^"]+)"', select.group(1))) - {""}


def test_every_party_is_in_jamtland_after_migrate(site):
    jamtland = County.objects.get(slug="jamtland")
    assert (jamtland.name, jamtland.steering_group) == ("Jämtlands län", "Tillsammans mot våld")
    assert jamtland.site == site
    assert Party.objects.count() == 11
    assert set(Party.objects.values_list("county__slug", flat=True)) == {"jamtland"}
    assert set(jamtland.municipalities().values_list("slug", flat=True)) == JAMTLAND_MUNICIPALITIES


def test_the_data_migration_runs_again_without_a_second_county():
    migration = importlib.import_module("organisations.migrations.0004_jamtland")
    migration.forwards(django_apps, None)
    assert County.objects.count() == 1
    assert not Party.objects.exclude(county__slug="jamtland").exists()


def test_a_norrbotten_professional_chooses_among_norrbottens_municipalities(client):
    load_norrbotten()
    client.force_login(make_user("lulea@example.org", roles.PROFESSIONAL, party_of("lulea")))
    offered = home_choices(client.get(FORM))
    assert offered == {slug for slug, _name, _short in MUNICIPALITIES} | {"utanfor-lanet"}
    assert not offered & JAMTLAND_MUNICIPALITIES
    # A Jämtland municipality sent by hand is refused, and nothing is saved.
    response = client.post(FORM, request_data(home="krokom", parties_wanted=[], do_not_tell=[]))
    assert response.status_code == 200
    assert "home" in response.context["form"].errors
    assert not SamradRequest.objects.exists()


def test_a_jamtland_professional_still_chooses_among_jamtlands(client):
    load_norrbotten()
    client.force_login(make_user("krokom@example.org", roles.PROFESSIONAL, party_of("krokom")))
    assert home_choices(client.get(FORM)) == JAMTLAND_MUNICIPALITIES | {"utanfor-lanet"}


def report_title(client, party):
    client.force_login(
        make_user(f"samordnare-{party}@example.org", roles.COORDINATOR, party_of(party))
    )
    content = client.get(REPORT, {"year": "2025"}).content.decode()
    return visible_text(
        content[content.index('class="report-title"') : content.index('class="facts"')]
    )


def test_the_yearly_report_is_addressed_to_the_coordinators_county(client):
    load_norrbotten()
    title = report_title(client, "lulea")
    assert "Samverkan mot våld" in title and "Norrbottens län" in title
    assert "Tillsammans mot våld" not in title and "Jämtland" not in title
    title = report_title(client, "ostersund")
    assert "Tillsammans mot våld" in title and "Jämtlands län" in title
    assert "Norrbotten" not in title


def party_of(slug):
    return Party.objects.get(slug=slug)


def test_each_county_site_answers_on_its_host_with_its_own_home_page(client):
    load_norrbotten()
    load_norrbotten()  # a second run changes nothing
    assert Site.objects.count() == 2
    norrbotten = client.get("/", HTTP_HOST="localhost:8000").content.decode()
    jamtland = client.get("/", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert "Stöd vid våld i nära relationer i Norrbottens län" in norrbotten
    assert "Jämtland" not in norrbotten and "Krokom" not in norrbotten
    assert "Stöd när någon nära dig gör dig illa" in jamtland
    # Jämtland's finder lists Jämtland's municipalities only.
    finder = client.get("/hitta-hjalp/", HTTP_HOST="127.0.0.1:8000").content.decode()
    assert "Krokom" in finder and "Luleå" not in finder
    assert client.get("/hitta-hjalp/lulea/", HTTP_HOST="127.0.0.1:8000").status_code == 404


def test_norrbottens_pages_show_only_numbers_with_a_recorded_source(client):
    county = load_norrbotten()
    sourced = {
        digits(block.value["number"])
        for block in SafetySettings.for_site(county.site).help_lines
        if block.value.get("source_url") and block.value.get("verified_on")
    }
    assert {"112", "020505050"} <= sourced
    # Only the police's national numbers, each with its source; nothing local.
    functions = ContactFunction.objects.filter(party__county=county)
    assert {(f.party.slug, f.phone) for f in functions} == {
        ("polisen-norrbotten", "112"),
        ("polisen-norrbotten", "114 14"),
    }
    assert all(f.source_url and f.verified_on and not f.is_example for f in functions)
    assert not county.parties.exclude(samrad_mailbox="").exists()
    for page in county.site.root_page.get_descendants(inclusive=True).live().public():
        content = client.get(page.url, HTTP_HOST="localhost").content.decode()
        shown = {digits(n) for n in PHONE.findall(visible_text(content))}
        shown |= {digits(n) for n in TEL.findall(content)}
        assert shown <= sourced, (page.url, shown - sourced)
        assert {"112", "020505050"} <= shown


def test_administrators_keep_the_counties_and_editors_do_not(client):
    client.force_login(make_user("admin@example.org", superuser=True))
    assert "Jämtlands län" in client.get("/admin/snippets/organisations/county/").content.decode()
    party = party_of("krokom")
    form = client.get(f"/admin/snippets/organisations/party/edit/{party.pk}/").content.decode()
    assert 'name="county"' in form
    client.force_login(make_user("red@example.org", role=roles.EDITOR))
    assert client.get("/admin/snippets/organisations/county/").status_code in (302, 403)
