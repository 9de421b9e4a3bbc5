"""Every staff account belongs to a party of one county, and an editor edits that county's
pages and documents only (staff/county_groups.py, staff/accounts.py, staff/forms.py)."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Collection, Revision, Site

from demo.norrbotten import load_norrbotten
from organisations.editors import editor_group_name
from organisations.models import County, Party
from staff import roles

from .helpers import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

REFUSED = (302, 403)
NO_PARTY = "Ditt konto hör inte till någon part"
PARTY_REQUIRED = "Välj kontots part"
PASSWORD = "rätt-lösenord-123"


@pytest.fixture
def counties():
    """Each county's home page, a page below it, a document in its own collection and an
    editor of one of its parties."""
    norrbotten = load_norrbotten()
    jamtland = Site.objects.get(is_default_site=True).county
    result = {}
    for county, party_slug in ((jamtland, "ostersund"), (norrbotten, "lulea")):
        home = county.site.root_page
        result[county.slug] = {
            "home": home,
            "child": home.get_children().first() or home,
            "document": get_document_model().objects.create(
                title=f"Rutin för {county.name}",
                collection=Collection.objects.get(name=county.name),
                file=ContentFile(b"%PDF-1.4", name=f"{county.slug}.pdf"),
            ),
            "editor": make_user(
                f"redaktor-{county.slug}@example.org",
                role=roles.EDITOR,
                party=Party.objects.get(slug=party_slug),
            ),
        }
    return result


PAIRS = [("jamtland", "norrbotten"), ("norrbotten", "jamtland")]


@pytest.mark.parametrize("own, other", PAIRS)
def test_an_editor_edits_the_pages_of_their_own_county_only(client, counties, own, other):
    client.force_login(counties[own]["editor"])
    for page in (counties[own]["home"], counties[own]["child"]):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code == 200, page
    assert client.get(f"/admin/pages/{counties[own]['home'].pk}/add_subpage/").status_code == 200

    for page in (counties[other]["home"], counties[other]["child"]):
        assert client.get(f"/admin/pages/{page.pk}/edit/").status_code in REFUSED, page
        assert client.get(f"/admin/pages/{page.pk}/add_subpage/").status_code in REFUSED
        add = f"/admin/pages/add/guidance/articlepage/{page.pk}/"
        assert client.get(add).status_code in REFUSED
        revisions = Revision.page_revisions.filter(object_id=str(page.pk)).count()
        children = page.get_children().count()
        response = client.post(
            f"/admin/pages/{page.pk}/edit/",
            {"title": "Ändrad av fel län", "slug": page.slug, "action-publish": "publish"},
        )
        assert response.status_code in REFUSED
        client.post(add, {"title": "Ny sida", "slug": "ny-sida", "action-publish": "publish"})
        page.refresh_from_db()
        assert page.title != "Ändrad av fel län"
        assert Revision.page_revisions.filter(object_id=str(page.pk)).count() == revisions
        assert page.get_children().count() == children
        assert client.post(f"/admin/pages/{page.pk}/unpublish/").status_code in REFUSED
        assert page.specific_class.objects.get(pk=page.pk).live


@pytest.mark.parametrize("own, other", PAIRS)
def test_an_editor_reaches_the_documents_of_their_own_county_only(client, counties, own, other):
    client.force_login(counties[own]["editor"])
    mine, theirs = counties[own]["document"], counties[other]["document"]
    assert client.get(f"/admin/documents/edit/{mine.pk}/").status_code == 200
    assert client.get(f"/admin/documents/edit/{theirs.pk}/").status_code in REFUSED
    listing = client.get("/admin/documents/").content.decode()
    chooser = client.get("/admin/documents/chooser/").json()["html"]
    for content in (listing, chooser):
        assert mine.title in content
        assert theirs.title not in content
    response = client.post(f"/admin/documents/edit/{theirs.pk}/", {"title": "Ändrad"})
    assert response.status_code in REFUSED
    theirs.refresh_from_db()
    assert theirs.title != "Ändrad"


def county_groups(user):
    return set(
        user.groups.filter(name__startswith=f"{roles.EDITOR} ").values_list("name", flat=True)
    )


def test_the_editor_role_given_in_the_admin_follows_the_partys_county(client, counties):
    client.force_login(make_user("chef@example.org", superuser=True))
    editor_role = Group.objects.get(name=roles.EDITOR)
    fields = {"username": "ny-red", "email": "ny-red@example.org", "first_name": "Ny"}
    fields |= {"last_name": "Redaktör", "groups": [editor_role.pk], "is_active": "on"}
    lulea = Party.objects.get(slug="lulea")
    response = client.post("/admin/users/new/", {**fields, "party": lulea.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    user = get_user_model().objects.get(username="ny-red")
    norrbotten, jamtland = (
        County.objects.get(slug="norrbotten"),
        County.objects.get(slug="jamtland"),
    )
    assert county_groups(user) == {editor_group_name(norrbotten)}

    # Moved to a party of Jämtland: Jämtland's editors, no longer Norrbotten's.
    ostersund = Party.objects.get(slug="ostersund")
    response = client.post(f"/admin/users/edit/{user.pk}/", {**fields, "party": ostersund.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert county_groups(user) == {editor_group_name(jamtland)}

    # The role taken away: no county's editors.
    response = client.post(
        f"/admin/users/edit/{user.pk}/",
        {
            **fields,
            "party": ostersund.pk,
            "groups": [Group.objects.get(name=roles.PROFESSIONAL).pk],
        },
    )
    assert response.status_code == 302
    assert county_groups(user) == set()


def test_an_editor_given_the_role_in_the_admin_edits_their_countys_pages(
    client, counties, settings
):
    settings.MFA_REQUIRED = False  # the new account has set up no second factor yet
    client.force_login(make_user("chef@example.org", superuser=True))
    response = client.post(
        "/admin/users/new/",
        {
            "username": "red-lulea",
            "email": "red-lulea@example.org",
            "first_name": "Red",
            "last_name": "Luleå",
            "party": Party.objects.get(slug="lulea").pk,
            "groups": [Group.objects.get(name=roles.EDITOR).pk],
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    client.force_login(get_user_model().objects.get(username="red-lulea"))
    own, other = counties["norrbotten"]["home"], counties["jamtland"]["home"]
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code in REFUSED


def test_an_account_without_a_party_is_turned_away_at_the_login():
    make_user("utan-part@example.org", role=roles.PROFESSIONAL, party=None)
    client = Client()
    response = client.post(
        "/accounts/login/?next=/personal/",
        {"login": "utan-part@example.org", "password": PASSWORD},
        follow=True,
    )
    assert response.status_code == 200
    assert NO_PARTY in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert client.get("/personal/")["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("role", [roles.PROFESSIONAL, roles.COORDINATOR, roles.EDITOR])
def test_a_session_without_a_party_reaches_no_staff_page(client, role):
    """A session opened before the party was removed, or another way than the login form."""
    user = make_user("utan-part@example.org", role=role, party=None)
    for url in ("/personal/", "/personal/samrad/inkorg/", "/personal/samrad/ny/", "/admin/"):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/accounts/login/"), url
        assert "_auth_user_id" not in client.session
        assert NO_PARTY in client.get(response["Location"]).content.decode()
    # The installation's superuser is the one account without a party.
    client.force_login(make_user("installation@example.org", superuser=True, party=None))
    assert client.get("/admin/").status_code == 200
    assert client.get("/personal/").status_code == 200


def test_the_admin_form_asks_for_the_party_of_every_account_but_an_administrators(client):
    client.force_login(make_user("chef@example.org", superuser=True))
    fields = {"username": "ny", "email": "ny@example.org", "first_name": "Ny"}
    fields |= {"last_name": "Person", "groups": [Group.objects.get(name=roles.PROFESSIONAL).pk]}
    response = client.post("/admin/users/new/", {**fields, "party": ""})
    assert response.status_code == 200
    assert PARTY_REQUIRED in response.content.decode()
    assert not get_user_model().objects.filter(username="ny").exists()

    user = make_user("har-part@example.org", role=roles.PROFESSIONAL)
    response = client.post(
        f"/admin/users/edit/{user.pk}/",
        {**fields, "username": user.username, "email": user.email, "party": "", "is_active": "on"},
    )
    assert response.status_code == 200
    assert PARTY_REQUIRED in response.content.decode()
    user.refresh_from_db()
    assert user.party is not None

    response = client.post(
        "/admin/users/new/", {**fields, "groups": [], "party": "", "is_superuser": "on"}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert get_user_model().objects.get(username="ny").is_superuser
