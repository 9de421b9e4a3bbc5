"""Each county's editors edit their county's pages and documents only (organisations/
editors.py), a county added in the admin gets its editors' group and collection without
code, and each county's site is named by its own name in the header."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, Site

from base.models import HomePage
from base.setup import ensure_child
from demo.norrbotten import load_norrbotten
from organisations.editors import editor_group_name, ensure_county_editors
from organisations.models import County, Party
from staff import roles

from .helpers import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

REFUSED = (302, 403)


def document(title, collection):
    return get_document_model().objects.create(
        title=title, collection=collection, file=ContentFile(b"%PDF-1.4", name=f"{title}.pdf")
    )


def test_a_countys_editors_edit_only_their_countys_pages_and_documents(client):
    county = load_norrbotten()
    group, collection = ensure_county_editors(county)  # made by the signal; again: no change
    assert Group.objects.filter(name=editor_group_name(county)).count() == 1
    assert Collection.objects.filter(name=county.name).count() == 1
    # The editor role and a party of the county put the account in the county's group.
    editor = make_user(
        "redaktor-norrbotten@example.org",
        role=roles.EDITOR,
        party=Party.objects.get(slug="lulea"),
    )
    assert group in editor.groups.all()
    client.force_login(editor)

    own_home = county.site.root_page
    jamtland_home = Site.objects.get(is_default_site=True).root_page
    assert client.get(f"/admin/pages/{own_home.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{jamtland_home.pk}/edit/").status_code in REFUSED
    for child in jamtland_home.get_children()[:3]:
        assert client.get(f"/admin/pages/{child.pk}/edit/").status_code in REFUSED

    own = document("Norrbottens rutin", collection)
    theirs = document("Jämtlands rutin", Collection.get_first_root_node().get_children().first())
    assert client.get(f"/admin/documents/edit/{own.pk}/").status_code == 200
    assert client.get(f"/admin/documents/edit/{theirs.pk}/").status_code in REFUSED
    listing = client.get("/admin/documents/").content.decode()
    assert "Norrbottens rutin" in listing and "Jämtlands rutin" not in listing


def test_a_county_added_in_the_admin_gets_its_editors_and_collection(client):
    client.force_login(make_user("admin@example.org", superuser=True))
    home = ensure_child(Page.get_first_root_node(), HomePage, "vasterbotten", title="Start")
    site = Site.objects.create(
        hostname="vasterbotten.example.org", root_page=home, site_name="Västerbottens län"
    )
    response = client.post(
        "/admin/snippets/organisations/county/add/",
        {
            "name": "Västerbottens län",
            "slug": "vasterbotten",
            "steering_group": "Styrgruppen",
            "site": site.pk,
        },
    )
    assert response.status_code == 302
    county = County.objects.get(slug="vasterbotten")
    group = Group.objects.get(name=editor_group_name(county))
    assert group.collection_permissions.filter(collection__name="Västerbottens län").exists()
    assert group.page_permissions.filter(page=site.root_page).exists()


def brand(content):
    return re.search(r'class="brand"[^>]*>([^<]*)<', content).group(1).strip()


def test_each_countys_site_is_named_by_its_own_name(client):
    load_norrbotten()
    norrbotten = client.get("/", HTTP_HOST="localhost").content.decode()
    jamtland = client.get("/", HTTP_HOST="127.0.0.1").content.decode()
    assert brand(norrbotten) == "Norrbottens län"
    assert "Operation Norrsken" not in norrbotten
    assert brand(jamtland) == "Operation Norrsken"
