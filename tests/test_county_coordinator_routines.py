"""Each county's coordinators keep their own county's routines only (staff/county_groups.py):
a Norrbotten coordinator cannot open or change Jämtland's routines in the admin, and the
reverse, and the dashboard's "routines due for review" lists their own county's only."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import Revision

from demo.norrbotten import load_norrbotten
from organisations.models import County, Party
from staff import roles
from staff.counties import staff_home_of
from staff.county_groups import coordinator_group_name
from staff.models import RoutineIndexPage, RoutinePage

from .helpers import make_user
from .test_county_staff_pages import add_county_as_an_administrator
from .test_routine_review import edit_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

REFUSED = (302, 403)
PAIRS = [("jamtland", "norrbotten"), ("norrbotten", "jamtland")]
PARTIES = {"jamtland": "ostersund", "norrbotten": "lulea"}
PANEL = "Rutiner som ska ses över"


@pytest.fixture
def routines():
    """A routine of each county's staff area, due for review, titled with its county's name
    (both counties' first routine has the same title)."""
    load_norrbotten()
    result = {}
    for county in County.objects.all():
        routine = RoutinePage.objects.descendant_of(staff_home_of(county)).live().first()
        routine.title = f"{routine.title}, {county.name}"
        routine.version_date = timezone.localdate() - timedelta(days=400)
        routine.next_review = timezone.localdate() - timedelta(days=3)
        routine.save_revision().publish()
        result[county.slug] = routine
    return result


def coordinator(slug):
    party = Party.objects.get(slug=PARTIES[slug])
    return make_user(f"samordnare-{slug}@example.org", role=roles.COORDINATOR, party=party)


def edit_url(page):
    return f"/admin/pages/{page.pk}/edit/"


def add_routine_url(index):
    return f"/admin/pages/add/staff/routinepage/{index.pk}/"


@pytest.mark.parametrize("own, other", PAIRS)
def test_a_coordinator_edits_their_own_countys_routines_only(client, routines, own, other):
    client.force_login(coordinator(own))
    mine, theirs = routines[own], routines[other]
    assert client.get(edit_url(mine)).status_code == 200
    assert client.get(add_routine_url(mine.get_parent())).status_code == 200
    response = client.post(edit_url(mine), edit_data(mine, next_review="2099-01-01"))
    assert response.status_code == 302, response.content.decode()[:2000]
    mine.refresh_from_db()
    assert str(mine.get_latest_revision().content["next_review"]) == "2099-01-01"

    response = client.get(edit_url(theirs))
    assert response.status_code in REFUSED
    assert theirs.title not in response.content.decode()
    assert client.get(add_routine_url(theirs.get_parent())).status_code in REFUSED
    revisions = Revision.page_revisions.filter(object_id=str(theirs.pk)).count()
    response = client.post(
        edit_url(theirs),
        {**edit_data(theirs, title="Ändrad av fel län"), "action-publish": "publish"},
    )
    assert response.status_code in REFUSED
    theirs.refresh_from_db()
    assert theirs.title != "Ändrad av fel län"
    assert Revision.page_revisions.filter(object_id=str(theirs.pk)).count() == revisions


@pytest.mark.parametrize("own, other", PAIRS)
def test_the_dashboard_lists_the_own_countys_routines_due_for_review(client, routines, own, other):
    client.force_login(coordinator(own))
    content = client.get("/admin/").content.decode()
    assert PANEL in content
    assert f'href="{edit_url(routines[own])}"' in content
    assert f'href="{edit_url(routines[other])}"' not in content
    assert routines[other].title not in content


def test_an_administrator_sees_every_countys_routines_due_for_review(client, routines):
    client.force_login(make_user("chef@example.org", superuser=True))
    content = client.get("/admin/").content.decode()
    for routine in routines.values():
        assert f'href="{edit_url(routine)}"' in content


def test_a_new_countys_coordinators_keep_its_new_routine_index(client, routines, settings):
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "vasternorrland.example"]
    county, _site = add_county_as_an_administrator(
        "vasternorrland", "Västernorrlands län", "vasternorrland.example"
    )
    assert Group.objects.filter(name=coordinator_group_name(county)).exists()
    index = staff_home_of(county).add_child(
        instance=RoutineIndexPage(title="Rutiner i Västernorrland", slug="rutiner")
    )
    party = Party.objects.create(
        name="Sundsvalls kommun",
        short_name="Sundsvall",
        slug="sundsvall",
        kind=Party.Kind.MUNICIPALITY,
        county=county,
    )
    client.force_login(
        make_user("samordnare-sundsvall@example.org", role=roles.COORDINATOR, party=party)
    )
    assert client.get(add_routine_url(index)).status_code == 200
    assert client.get(add_routine_url(routines["jamtland"].get_parent())).status_code in REFUSED
    client.force_login(coordinator("jamtland"))
    assert client.get(add_routine_url(index)).status_code in REFUSED


def test_a_coordinator_moved_to_another_countys_party_keeps_that_countys_routines(client, routines):
    user = coordinator("jamtland")
    user.party = Party.objects.get(slug="lulea")
    user.save()
    client.force_login(user)
    assert client.get(edit_url(routines["norrbotten"])).status_code == 200
    assert client.get(edit_url(routines["jamtland"])).status_code in REFUSED
