"""The staff area's page types show what a professional needs."""

import re

import pytest

from organisations.models import Party
from staff import roles
from staff.models import ConsentFormPage, ContactDirectoryPage, RoutinePage, SecrecyGuidePage

from .helpers import make_user, parse

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


@pytest.fixture
def staff_client(client):
    client.force_login(make_user("las@example.org", role=roles.PROFESSIONAL))
    return client


def test_routine_page_shows_version_owner_and_steps(staff_client):
    routine = RoutinePage.objects.get(slug="samrad")
    content = staff_client.get(routine.url).content.decode()
    assert routine.owner_function in content
    assert routine.version_date.isoformat() in content
    assert routine.next_review.isoformat() in content
    assert content.count('class="step"') == len(routine.steps) >= 4


def test_routine_index_groups_by_topic(staff_client):
    index = RoutinePage.objects.first().get_parent()
    html = parse(staff_client.get(index.url))
    topics = set(RoutinePage.objects.values_list("topic", flat=True))
    assert len(html.find("h2")) >= len(topics)
    for routine in RoutinePage.objects.all():
        assert html.find("a", href=routine.url)


def test_consent_form_lists_parties_and_links_the_file(staff_client):
    page = ConsentFormPage.objects.get()
    content = staff_client.get(page.url).content.decode()
    for party in Party.objects.all():
        assert party.name in content
    for item in page.information_list():
        assert item in content
    assert f'href="{page.document.url}"' in content
    assert page.reviewed_on.isoformat() in content
    assert 'class="consent-form"' in content


def test_secrecy_guide_walks_through_questions_without_javascript(staff_client):
    page = SecrecyGuidePage.objects.get()
    first = page.questions[0].value
    content = staff_client.get(page.url).content.decode()
    assert first["question"] in content
    assert page.reviewed_on.isoformat() in content
    for situation in page.situations:
        assert situation.value["title"] in content

    # Follow "no" answers until an answer is reached: every link leads somewhere real.
    answers = {block.value["key"]: block.value for block in page.answers}
    url, seen = page.url + "?steg=" + first["key"], 0
    while seen < 10:
        html = parse(staff_client.get(url))
        links = [a["href"] for a in html.find("a", **{"class": "button"})]
        if not links:
            break
        url = page.url + links[-1].split("#")[0]  # the "no" choice
        seen += 1
    response = staff_client.get(url)
    key = url.split("svar=")[1]
    assert answers[key]["title"] in response.content.decode()

    # Unknown steps fall back to the first question instead of failing.
    response = staff_client.get(page.url, {"steg": "<script>", "svar": "finns-inte"})
    assert response.status_code == 200
    assert first["question"] in response.content.decode()


def test_contact_directory_lists_every_party_function(staff_client):
    page = ContactDirectoryPage.objects.get()
    content = staff_client.get(page.url).content.decode()
    for party in Party.objects.prefetch_related("contact_functions"):
        assert f'id="party-{party.slug}"' in content
        for function in party.contact_functions.all():
            assert function.name in content


def test_staff_pages_show_the_staff_menu_not_the_public_one(staff_client):
    page = ContactDirectoryPage.objects.get()
    html = parse(staff_client.get(page.url))
    assert html.find("nav", **{"class": "main-menu staff-menu"})
    assert html.find("a", href="/personal/konto/")


@pytest.mark.parametrize(
    "role, shown, hidden",
    [
        (roles.PROFESSIONAL, ["/personal/samrad/ny/", "/personal/samrad/mina/"], ["inkorg/"]),
        (roles.COORDINATOR, ["/personal/samrad/inkorg/", "/personal/samrad/min-vecka/"], []),
        (roles.EDITOR, [], ["/personal/samrad/"]),
    ],
)
def test_the_staff_menu_holds_the_samrad_links_the_role_allows(client, role, shown, hidden):
    """Samråd adds its links through the register_staff_menu_items hook."""
    client.force_login(make_user("meny@example.org", role=role))
    page = ContactDirectoryPage.objects.get()
    html = client.get(page.url).content.decode()
    menu = html[html.index('class="main-menu staff-menu"') :].split("</nav>")[0]
    hrefs = re.findall(r'href="([^"]+)"', menu)
    for href in shown:
        assert href in hrefs
    for part in hidden:
        assert not any(part in href for href in hrefs), hrefs
