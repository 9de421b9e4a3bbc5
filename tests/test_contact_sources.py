"""Contact functions: a public page shows a function only with its source (example data
and functions without a source are left out altogether), functions for professionals stay
in the staff area, and the admin lists functions by the age of their last check and
whether the public pages show them."""

import datetime
import importlib

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.db.migrations.loader import MigrationLoader

from guidance.models import FinderPage, PartyPage
from organisations.models import ContactFunction, Party
from staff import roles
from staff.models import ContactDirectoryPage

from .helpers import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

EXAMPLE_MARK = "Exempel, inte en riktig kontaktuppgift."
NATIONAL = {"112", "114 14", "1177"}


def finder_result(client, slug):
    finder = FinderPage.objects.get(locale__language_code="sv")
    return client.get(finder.url + f"{slug}/").content.decode()


# Functions whose details were found on published pages (the region's 2026-11-26, the
# municipalities' and Centrum mot våld's 2026-12-06): {(party, function name)}. Every
# other function is example data without any details.
PUBLISHED_LOCAL = {
    ("region", "Region Jämtland Härjedalen, växel"),
    ("ostersund", "Team våld i nära relationer"),
    ("stromsund", "Socialtjänsten, individ- och familjeomsorgen"),
    ("stromsund", "Strömsunds kommun, växel"),
    ("are", "Åre kommuns kundtjänst (växel)"),
    ("ragunda", "Ragunda kommuns kundcenter (växel)"),
    ("centrum-mot-vald", "Centrum mot våld, rådgivning och stödsamtal"),
}
# What no published page gives: the intake and the out-of-hours service in seven
# municipalities (Strömsund's are published), Centrum mot våld's consultation for
# professionals and the coordinator's function.
EXAMPLES = 16


def test_every_shown_number_has_a_source_and_every_other_is_example_data():
    for function in ContactFunction.objects.select_related("party"):
        if function.phone in NATIONAL or (function.party.slug, function.name) in PUBLISHED_LOCAL:
            assert function.source == "published" and function.source_url.startswith("https://")
            assert function.verified_on and not function.is_example, function
        else:
            assert function.is_example and not function.has_source, function
            # Nothing made up: an example has no number, address or hours.
            assert not (function.phone or function.email or function.url), function
            assert not function.opening_hours, function
    assert ContactFunction.objects.count() == 29
    assert ContactFunction.objects.filter(is_example=True).count() == EXAMPLES


@pytest.mark.parametrize(
    "slug, number",
    [
        ("stromsund", "0670-163 20"),
        ("stromsund", "0670-161 00"),
        ("ostersund", "063-14 30 00"),
        ("are", "0647-161 00"),
        ("ragunda", "0696-68 20 00"),
        ("krokom", "063-14 75 00"),
    ],
)
def test_a_published_local_number_is_shown_with_its_party(client, slug, number):
    content = finder_result(client, slug)
    assert number in content
    assert 'href="tel:' + "".join(ch for ch in number if ch.isdigit()) + '"' in content


@pytest.mark.parametrize("slug", ["krokom", "ostersund"])
def test_example_functions_are_left_out_of_the_public_pages(client, slug):
    content = finder_result(client, slug)
    examples = [
        function
        for party in Party.objects.filter(slug__in=[slug, "region", "centrum-mot-vald"])
        for function in party.contact_functions.all()
        if function.is_example and function.is_public
    ]
    assert examples
    for function in examples:
        assert function.name not in content
    assert EXAMPLE_MARK not in content
    # The published national numbers are shown and can be called.
    assert 'href="tel:11414"' in content and 'href="tel:1177"' in content


def test_a_number_is_shown_once_its_source_is_recorded(client):
    function = Party.objects.get(slug="krokom").contact_functions.first()
    function.phone = "0640-111 11"
    function.save()
    page = PartyPage.objects.get(locale__language_code="sv", party__slug="krokom")
    content = client.get(page.url).content.decode()
    assert "0640-111 11" not in content and function.name not in content
    function.source = ContactFunction.Source.PARTY
    function.verified_on = datetime.date(2026, 11, 26)
    function.is_example = False
    function.save()
    content = client.get(page.url + "?a=2").content.decode()
    assert "0640-111 11" in content and 'href="tel:064011111"' in content
    assert function.name in content
    # The party's other function is still example data: not there, and nothing marked.
    other = ContactFunction.objects.get(party__slug="krokom", is_example=True)
    assert other.name not in content and EXAMPLE_MARK not in content


def test_functions_for_professionals_stay_off_the_public_pages(client):
    consultation = ContactFunction.objects.get(
        audience="professionals", party__slug="centrum-mot-vald"
    )
    assert consultation.party.slug == "centrum-mot-vald"
    page = PartyPage.objects.get(locale__language_code="sv", party__slug="centrum-mot-vald")
    for content in [
        client.get(page.url).content.decode(),
        finder_result(client, "krokom"),
        client.get("/").content.decode(),
    ]:
        assert consultation.name not in content
    # The public function of the same party is there.
    public = page.party.public_contact_functions
    assert public and public[0].name in client.get(page.url).content.decode()


def test_the_staff_directory_shows_both_with_audience_and_source(client):
    client.force_login(make_user("las@example.org", role=roles.PROFESSIONAL))
    content = client.get(ContactDirectoryPage.objects.get().url).content.decode()
    consultation = ContactFunction.objects.get(
        audience="professionals", party__slug="centrum-mot-vald"
    )
    assert consultation.name in content
    assert "Endast för yrkesverksamma" in content
    assert "polisen.se/" in content  # a published source is named
    assert "Inte kontrollerad än" in content


@pytest.mark.parametrize(
    "fields, field",
    [
        ({"phone": "0640-123 45"}, "source"),
        ({"phone": "0640-123 45", "source": "published"}, "source_url"),
        ({"verified_on": datetime.date(2026, 1, 1)}, "verified_on"),
    ],
)
def test_a_number_without_a_source_is_refused(fields, field):
    function = ContactFunction(party=Party.objects.get(slug="berg"), name="Mottagning", **fields)
    with pytest.raises(ValidationError) as error:
        function.full_clean()
    assert field in error.value.message_dict


def test_the_admin_report_lists_the_oldest_check_first_and_flags_examples(client):
    client.force_login(make_user("red@example.org", role=roles.EDITOR))
    old = ContactFunction.objects.get(phone="1177")
    old.verified_on = datetime.date(2025, 1, 2)
    old.save()
    recent = ContactFunction.objects.filter(phone="114 14").first()
    recent.verified_on = datetime.date(2026, 11, 1)
    recent.save()
    response = client.get("/admin/reports/contact-functions/")
    assert response.status_code == 200
    content = response.content.decode()
    never = ContactFunction.objects.filter(verified_on=None).first()
    # Never checked first, then the oldest check, then the newest.
    assert content.index(never.name) < content.index(old.name) < content.index(recent.name)
    assert content.count("Exempeldata") >= ContactFunction.objects.filter(is_example=True).count()
    # Which the public pages leave out for want of a source (or show).
    functions = ContactFunction.objects.all()
    hidden = sum(not function.is_published for function in functions)
    assert hidden and content.count("Visas inte") == hidden
    assert content.count("Visas") - hidden == len(functions) - hidden
    # Each row links to the party's edit form, where functions are edited.
    assert f"/admin/snippets/organisations/party/edit/{old.party_id}/" in content
    # It is in the admin's reports menu.
    assert "/admin/reports/contact-functions/" in client.get("/admin/").content.decode()


def test_the_report_is_closed_to_roles_without_the_party_permission(client):
    client.force_login(make_user("las@example.org", role=roles.PROFESSIONAL))
    assert client.get("/admin/reports/contact-functions/").status_code != 200


def test_the_data_migration_marks_demo_numbers_and_keeps_national_ones():
    migration = importlib.import_module("guidance.migrations.0003_mark_example_data")
    party = Party.objects.get(slug="berg")
    ContactFunction.objects.filter(party=party).delete()
    local = ContactFunction.objects.create(
        party=party, name="Mottagning", phone="070-174 06 20", note=migration.EXAMPLE_NOTE
    )
    national = ContactFunction.objects.create(party=party, name="Vårdguiden", phone="1177")
    experts = ContactFunction.objects.create(
        party=party, name="Konsultation för yrkesverksamma", phone="070-174 06 41"
    )
    # The models as the migration knew them (in guidance then; organisations now).
    node = ("guidance", "0003_mark_example_data")
    historical = MigrationLoader(connection).project_state(node, at_end=False).apps
    migration.forwards(historical, None)
    local.refresh_from_db()
    national.refresh_from_db()
    experts.refresh_from_db()
    assert local.is_example and local.note == "" and not local.has_source
    assert not national.is_example and national.source_url == "https://www.1177.se/"
    assert experts.audience == "professionals" and experts.is_example


def test_the_loader_refuses_a_number_without_a_source():
    from demo.public import function_source

    assert function_source({"name": "Vårdguiden", "phone": "1177", "source_url": "https://x"})
    assert function_source({"name": "Exempel", "phone": "070-174 06 99", "example": True}) == ""
    with pytest.raises(ValueError, match="without its source"):
        function_source({"name": "Mottagning", "phone": "0640-123 45"})
