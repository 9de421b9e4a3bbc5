"""The coordinator's function phone and mailbox: a contact function for professionals of
Östersunds kommun (the coordinator's employer, working at Centrum mot våld), in the staff
directory only. No source gives its number or address, so it is example data and shows
none; the acute routine sends professionals to the directory."""

import pytest

from guidance.models import FinderPage, PartyPage
from organisations.models import ContactFunction
from staff import roles
from staff.models import ContactDirectoryPage, RoutinePage

from .helpers import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

NAME = "Samordnare för Operation Norrsken – funktionstelefon och funktionsbrevlåda"


def coordinator_function():
    return ContactFunction.objects.get(name=NAME)


def test_recorded_for_professionals_of_ostersund_as_example_data_without_a_number():
    function = coordinator_function()
    assert function.party.slug == "ostersund"
    assert function.audience == ContactFunction.Audience.PROFESSIONALS
    # Neither the agreement nor any published source gives a number or a mailbox.
    assert function.is_example and not function.has_source
    assert function.phone == "" and function.email == ""
    assert "Centrum mot våld" in function.note


def test_shown_in_the_staff_directory_as_example_data(client):
    client.force_login(make_user("dir@example.org", role=roles.PROFESSIONAL))
    content = client.get(ContactDirectoryPage.objects.get().url).content.decode()
    assert NAME in content
    entry = content[content.index(NAME) :].split("</li>")[0]
    assert "Exempel, inte en riktig kontaktuppgift." in entry
    assert "Endast för yrkesverksamma" in entry
    assert "tel:" not in entry and "mailto:" not in entry


def test_never_on_a_public_page(client):
    finder = FinderPage.objects.get(locale__language_code="sv")
    pages = [
        PartyPage.objects.get(locale__language_code=language, party__slug=slug).url
        for language in ("sv", "en")
        for slug in ("ostersund", "centrum-mot-vald")
    ]
    pages += [finder.url + "ostersund/", "/", "/sok/?q=samordnare"]
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert "Samordnare för Operation Norrsken" not in response.content.decode(), url
    # The party's public functions are on its page: the page itself is shown.
    assert "Team våld i nära relationer" in client.get(pages[0]).content.decode()


def test_the_acute_routine_links_to_the_directory(client):
    client.force_login(make_user("akut@example.org", role=roles.PROFESSIONAL))
    routine = RoutinePage.objects.get(slug="akut")
    directory = ContactDirectoryPage.objects.get()
    content = client.get(routine.url).content.decode()
    step = content[content.index("Ring samordnarens funktionstelefon") :].split("</li>")[0]
    assert f'<a href="{directory.url}">Kontaktvägar till parterna</a>' in step
