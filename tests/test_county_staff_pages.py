"""Each county has its own staff area at /personal/ on its own site (staff/counties.py,
staff/setup.py), read by its own staff only: Norrbotten's staff get 403 for every page
and document of Jämtland's staff area, and the reverse; a county an administrator adds
gets its staff area when it is saved; the demo makes Norrbotten's once."""

import re
from urllib.parse import urljoin, urlsplit

import pytest
from wagtail.documents import get_document_model
from wagtail.models import Collection, Page, PageViewRestriction, Revision, Site

from base.models import HomePage
from demo.norrbotten import load_norrbotten
from demo.staff import load_staff_content
from organisations.models import County, Party
from samrad.consent import consent_form_page
from samrad.scope import county_scope
from staff import roles
from staff.counties import staff_home_of
from staff.models import (
    ConsentFormPage,
    ContactDirectoryPage,
    RoutineIndexPage,
    RoutinePage,
    SecrecyGuidePage,
    StaffHomePage,
)

from .helpers import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

PAGE_TYPES = [
    StaffHomePage,
    RoutineIndexPage,
    RoutinePage,
    ConsentFormPage,
    SecrecyGuidePage,
    ContactDirectoryPage,
]
# A party of each county, for its staff.
PARTIES = {"jamtland": "krokom", "norrbotten": "lulea"}


@pytest.fixture
def counties():
    load_norrbotten()
    return {county.slug: county for county in County.objects.select_related("site")}


def staff_user(slug, role=roles.PROFESSIONAL):
    party = Party.objects.get(slug=PARTIES[slug])
    return make_user(f"{slug}-{role.lower()}@example.org", role=role, party=party)


def get(client, page):
    """The page as its own site serves it: its host name and its path."""
    url = urlsplit(page.full_url)
    return client.get(url.path, HTTP_HOST=url.netloc)


def county_pages(county):
    """One live page of each staff page type in the county's staff area."""
    home = staff_home_of(county)
    assert home is not None, county
    pages = {}
    for model in PAGE_TYPES:
        page = model.objects.descendant_of(home, inclusive=True).live().first()
        assert page is not None, (county, model)
        pages[model] = page
    return pages


def test_each_county_has_its_own_staff_area_at_personal_on_its_own_host(counties):
    jamtland, norrbotten = (county_pages(counties[slug]) for slug in ("jamtland", "norrbotten"))
    for model in PAGE_TYPES:
        assert jamtland[model].pk != norrbotten[model].pk, model
    for slug, pages in (("jamtland", jamtland), ("norrbotten", norrbotten)):
        home = urlsplit(pages[StaffHomePage].full_url)
        assert home.path == "/personal/"
        assert home.hostname == counties[slug].site.hostname
    # Each county's consent form has its own document, in its own county's collection.
    documents = {slug: consent_document(counties[slug]) for slug in counties}
    assert documents["jamtland"].pk != documents["norrbotten"].pk
    for slug, document in documents.items():
        assert document.collection.get_ancestors().filter(name=counties[slug].name).exists()


def consent_document(county):
    return ConsentFormPage.objects.descendant_of(staff_home_of(county)).get().document


@pytest.mark.parametrize(("own", "other"), [("jamtland", "norrbotten"), ("norrbotten", "jamtland")])
@pytest.mark.parametrize("role", [roles.PROFESSIONAL, roles.COORDINATOR])
def test_a_countys_staff_read_their_own_staff_pages_and_never_another_countys(
    client, counties, own, other, role
):
    client.force_login(staff_user(own, role))
    for model, page in county_pages(counties[own]).items():
        response = get(client, page)
        assert response.status_code == 200, (model, page.url_path)
        assert page.title in response.content.decode()
    for model, page in county_pages(counties[other]).items():
        response = get(client, page)
        assert response.status_code == 403, (model, page.url_path)
        assert page.title not in response.content.decode(), model
    # The documents of each county's collection, the consent form first of all.
    own_document, other_document = (consent_document(counties[slug]) for slug in (own, other))
    assert client.get(own_document.url).status_code == 200
    response = client.get(other_document.url)
    assert response.status_code == 403
    body = b"".join(response.streaming_content) if response.streaming else response.content
    assert not body.startswith(b"%PDF")


def test_an_account_without_a_party_reads_no_countys_staff_area_an_administrator_every(
    client, counties
):
    # Such a session is also ended (staff.middleware); the staff area refuses it either way.
    user = make_user("utan-part@example.org", role=roles.PROFESSIONAL, party=None)
    for slug in counties:
        for page in county_pages(counties[slug]).values():
            client.force_login(user)
            response = get(client, page)
            assert response.status_code in (302, 403), page.url_path
            assert page.title not in response.content.decode()
        client.force_login(user)
        assert client.get(consent_document(counties[slug]).url).status_code in (302, 403)
    client.force_login(make_user("admin-lan@example.org", superuser=True))
    for slug in counties:
        for page in county_pages(counties[slug]).values():
            assert get(client, page).status_code == 200


@pytest.mark.parametrize(("own", "other"), [("jamtland", "norrbotten"), ("norrbotten", "jamtland")])
def test_the_staff_menu_and_the_consent_options_are_the_users_countys(client, counties, own, other):
    client.force_login(staff_user(own))
    own_pages, other_pages = county_pages(counties[own]), county_pages(counties[other])
    home_depth = own_pages[StaffHomePage].depth
    # The menu holds the staff home and the pages right below it.
    own_menu = {page.full_url for page in own_pages.values() if page.depth <= home_depth + 1}
    other_menu = {page.full_url for page in other_pages.values() if page.depth <= home_depth + 1}
    # Whichever county's host the page is asked on, the menu leads to their own county's
    # pages (a relative link on the other county's host would be the other's).
    for slug in (own, other):
        host = urlsplit(county_pages(counties[slug])[StaffHomePage].full_url).netloc
        content = client.get("/personal/konto/", HTTP_HOST=host).content.decode()
        menu = content.split('class="main-menu staff-menu"')[1].split("</nav>")[0]
        links = {urljoin(f"http://{host}/", link) for link in re.findall(r'href="([^"]+)"', menu)}
        assert own_menu <= links, (host, own_menu - links)
        assert not other_menu & links, (host, other_menu & links)
    # The request form offers the kinds of information of their own county's form.
    with county_scope(counties[own]):
        assert consent_form_page().pk == own_pages[ConsentFormPage].pk


def test_a_countys_consent_form_and_directory_name_its_own_parties_only(client, counties):
    client.force_login(staff_user("norrbotten"))
    pages = county_pages(counties["norrbotten"])
    for model in (ConsentFormPage, ContactDirectoryPage):
        content = get(client, pages[model]).content.decode()
        assert "Luleå kommun" in content and "Region Norrbotten" in content, model
        assert "Krokoms kommun" not in content and "Jämtland" not in content, model


def add_county_as_an_administrator(slug, name, hostname, with_site=True):
    """What an administrator does in the admin: a home page, a site for it, a county."""
    home = HomePage(title=f"Stöd i {name}", slug=slug)
    Page.get_first_root_node().add_child(instance=home)
    home.save_revision().publish()
    site = Site.objects.create(hostname=hostname, port=80, root_page=home, site_name=name)
    county = County.objects.create(
        name=name, slug=slug, steering_group="Ledningsgruppen", site=site if with_site else None
    )
    return county, site


def test_a_county_added_by_an_administrator_gets_its_own_staff_area(client, counties, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "vasternorrland.example"]
    county, site = add_county_as_an_administrator(
        "vasternorrland", "Västernorrlands län", "vasternorrland.example"
    )
    home = staff_home_of(county)
    assert home is not None and home.live
    assert home.get_parent().pk == site.root_page_id
    assert urlsplit(home.full_url)[1:3] == ("vasternorrland.example", "/personal/")
    assert PageViewRestriction.objects.filter(page=home).exists()
    private = Collection.objects.get(name="Personal", depth=3, path__startswith=county_root(county))
    assert private.get_view_restrictions().exists()

    # Its staff read it, another county's staff do not.
    party = Party.objects.create(
        name="Sundsvalls kommun",
        short_name="Sundsvall",
        slug="sundsvall",
        kind=Party.Kind.MUNICIPALITY,
        county=county,
    )
    client.force_login(make_user("sundsvall@example.org", role=roles.PROFESSIONAL, party=party))
    assert client.get("/personal/", HTTP_HOST="vasternorrland.example").status_code == 200
    client.force_login(staff_user("norrbotten"))
    assert client.get("/personal/", HTTP_HOST="vasternorrland.example").status_code == 403


def county_root(county):
    return Collection.get_first_root_node().get_children().get(name=county.name).path


def test_a_county_given_its_site_later_gets_its_staff_area_then(counties):
    county, site = add_county_as_an_administrator(
        "gavleborg", "Gävleborgs län", "gavleborg.example", with_site=False
    )
    assert staff_home_of(county) is None
    county.site = site
    county.save()
    assert staff_home_of(county) is not None
    county.save()  # saving again changes nothing
    assert StaffHomePage.objects.child_of(site.root_page).count() == 1


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("pk", "url_path", "live")),
        "revisions": Revision.objects.count(),
        "documents": sorted(get_document_model().objects.values_list("pk", "collection_id")),
        "collections": sorted(Collection.objects.values_list("pk", "path")),
        "restrictions": PageViewRestriction.objects.count(),
    }


def test_the_demo_staff_content_changes_nothing_when_loaded_again(counties):
    before = snapshot()
    load_staff_content()
    load_norrbotten()
    assert snapshot() == before
    norrbotten = county_pages(counties["norrbotten"])
    assert RoutinePage.objects.descendant_of(norrbotten[StaffHomePage]).count() >= 1
    assert norrbotten[StaffHomePage].intro  # the demo's text, not the bare page


def test_a_document_outside_every_countys_collection_is_the_first_countys(client, counties):
    # An installation from before counties keeps its private documents in a top-level
    # "Personal" collection (or the root) until someone moves them: Jämtland's, not open
    # to Norrbotten's staff.
    from django.core.files.base import ContentFile

    root = Collection.get_first_root_node()
    legacy = root.get_children().filter(name="Personal").first() or root.add_child(name="Personal")
    own, other = staff_user("jamtland"), staff_user("norrbotten")
    for collection in (legacy, root):
        document = get_document_model().objects.create(
            title="Gammal rutin", collection=collection, file=ContentFile(b"%PDF-1.4", "r.pdf")
        )
        client.force_login(own)
        assert client.get(document.url).status_code == 200
        client.force_login(other)
        assert client.get(document.url).status_code == 403, collection.name
