"""An editor keeps their own county's parties and their own county's site settings in the
admin (organisations/party_scope.py, organisations/editors.py); administrators keep every
county's."""

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, Site

from base.models import SafetySettings
from demo.norrbotten import load_norrbotten
from organisations.models import County, Party
from staff import roles

from .factories.organisations import party as make_party
from .helpers import make_user

pytestmark = pytest.mark.django_db

PARTIES = "/admin/snippets/organisations/party/"
SAFETY = "/admin/settings/home/safetysettings/"


def refused(response):
    """Not found, forbidden, or Wagtail's answer to a refusal: back to the admin's home."""
    if response.status_code == 302:
        return response["Location"] == "/admin/"
    return response.status_code in (403, 404)


@pytest.fixture
def counties():
    norrbotten = load_norrbotten()
    jamtland_site = Site.objects.get(is_default_site=True)
    return {
        "norrbotten": (
            make_user(
                "red-nb@example.org", role=roles.EDITOR, party=Party.objects.get(slug="lulea")
            ),
            Party.objects.get(slug="lulea"),
            norrbotten.site,
        ),
        "jamtland": (
            make_user("red-j@example.org", role=roles.EDITOR),  # Östersund's
            make_party("krokom"),
            jamtland_site,
        ),
    }


@pytest.mark.parametrize("own, other", [("norrbotten", "jamtland"), ("jamtland", "norrbotten")])
def test_an_editor_sees_and_edits_only_their_countys_parties(client, counties, own, other):
    editor, own_party, _site = counties[own]
    _editor, other_party, _site = counties[other]
    client.force_login(editor)

    listing = client.get(PARTIES).content.decode()
    assert own_party.name in listing
    assert other_party.name not in listing
    chooser = client.get("/admin/snippets/choose/organisations/party/results/?q=").content
    assert own_party.name.encode() in chooser and other_party.name.encode() not in chooser

    for url in ("edit", "usage", "history"):
        assert client.get(f"{PARTIES}{url}/{own_party.pk}/").status_code == 200, url
    for url in ("edit", "delete", "copy", "usage", "history"):
        assert refused(client.get(f"{PARTIES}{url}/{other_party.pk}/")), url
    assert (
        client.get(
            f"/admin/snippets/choose/organisations/party/chosen/{other_party.pk}/"
        ).status_code
        == 404
    )
    response = client.post(f"{PARTIES}edit/{other_party.pk}/", {"name": "Kapad"})
    assert refused(response)
    response = client.post(f"{PARTIES}delete/{other_party.pk}/")
    assert refused(response)
    assert Party.objects.filter(pk=other_party.pk, name=other_party.name).exists()

    # A new party goes into the editor's own county only.
    def add_party(county_id):
        data = {"name": "Ny part", "short_name": "Ny", "slug": "ny-part", "kind": "police"}
        data |= {"sort_order": 0, "translations-count": 0}
        data |= {f"contact_functions-{n}_FORMS": 0 for n in ("TOTAL", "INITIAL", "MIN_NUM")}
        data["contact_functions-MAX_NUM_FORMS"] = 1000
        return client.post(f"{PARTIES}add/", {**data, "county": county_id}).content.decode()

    assert "Välj ett giltigt alternativ" in add_party(other_party.county_id)
    assert not Party.objects.filter(slug="ny-part").exists()
    add_party(own_party.county_id)
    assert Party.objects.get(slug="ny-part").county_id == own_party.county_id
    report = client.get("/admin/reports/contact-functions/").content.decode()
    assert other_party.name not in report


def test_an_administrator_keeps_every_countys_parties(client, counties):
    client.force_login(make_user("admin@example.org", superuser=True))
    listing = client.get(PARTIES).content.decode()
    for _editor, party, _site in counties.values():
        assert party.name in listing
        assert client.get(f"{PARTIES}edit/{party.pk}/").status_code == 200


@pytest.mark.parametrize("own, other", [("norrbotten", "jamtland"), ("jamtland", "norrbotten")])
def test_an_editor_changes_only_their_countys_site_settings(client, counties, own, other):
    editor, _party, own_site = counties[own]
    _editor, _party, other_site = counties[other]
    client.force_login(editor)

    assert client.get(f"{SAFETY}{own_site.pk}/").status_code == 200
    # The settings menu takes the editor to their own county's site.
    assert client.get(SAFETY)["Location"] == f"{SAFETY}{own_site.pk}/"
    assert refused(client.get(f"{SAFETY}{other_site.pk}/"))
    before = SafetySettings.for_site(other_site).exit_url
    response = client.post(f"{SAFETY}{other_site.pk}/", {"exit_url": "https://example.org/"})
    assert refused(response)
    assert SafetySettings.for_site(other_site).exit_url == before


def test_an_administrator_keeps_every_sites_settings(client, counties):
    client.force_login(make_user("admin@example.org", superuser=True))
    for _editor, _party, site in counties.values():
        assert client.get(f"{SAFETY}{site.pk}/").status_code == 200


def document_in(collection, title):
    return get_document_model().objects.create(
        title=title, collection=collection, file=ContentFile(b"%PDF-1.4", name=f"{title}.pdf")
    )


def test_each_county_publishes_documents_its_editors_keep(client, counties):
    jamtland = County.objects.get(slug="jamtland")
    # Jämtland's public collection is the one that was public before counties.
    assert jamtland.public_documents == Collection.objects.get(
        name=settings.PUBLIC_DOCUMENT_COLLECTION, depth=2
    )
    norrbotten = County.objects.get(slug="norrbotten")
    assert norrbotten.public_documents not in (None, jamtland.public_documents)
    public = {
        "jamtland": document_in(jamtland.public_documents, "Jämtlands broschyr"),
        "norrbotten": document_in(norrbotten.public_documents, "Norrbottens broschyr"),
    }
    internal = document_in(Collection.objects.get(name=norrbotten.name), "Norrbottens rutin")

    # Anyone downloads a county's public documents; the county's own collection stays staff's.
    for document in public.values():
        response = client.get(document.url)
        assert response.status_code == 200
        assert b"".join(response.streaming_content) == b"%PDF-1.4"
    assert client.get(internal.url)["Location"].startswith("/accounts/login/")

    # Each county's editors add to and edit their own public documents, not the other's.
    for own, other in (("norrbotten", "jamtland"), ("jamtland", "norrbotten")):
        editor, _party, _site = counties[own]
        client.force_login(editor)
        upload = client.get("/admin/documents/multiple/add/").content.decode()
        own_public = County.objects.get(slug=own).public_documents
        assert f'value="{own_public.pk}"' in upload
        assert f'value="{County.objects.get(slug=other).public_documents_id}"' not in upload
        assert client.get(f"/admin/documents/edit/{public[own].pk}/").status_code == 200
        assert refused(client.get(f"/admin/documents/edit/{public[other].pk}/"))
