"""The demo loader can be run again and again without changing or duplicating anything."""

import datetime

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision, Site

from base.models import SafetySettings
from organisations.models import ContactFunction, Party

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def snapshot():
    return {
        "pages": sorted(Page.objects.values_list("url_path", "locale__language_code", "live")),
        "revisions": Revision.objects.count(),
        "log": PageLogEntry.objects.count(),
        "parties": sorted(Party.objects.values_list("slug", "name", "kind")),
        "functions": ContactFunction.objects.count(),
        "sites": list(Site.objects.values_list("hostname", "root_page_id")),
        "settings": [
            (s.exit_url, list(s.help_lines.raw_data)) for s in SafetySettings.objects.all()
        ],
    }


def test_second_and_third_run_change_nothing():
    # The session fixture already ran the loader once on a fresh migrate.
    before = snapshot()
    call_command("load_demo_content", verbosity=0)
    call_command("load_demo_content", verbosity=0)
    assert snapshot() == before


def test_demo_content_is_complete():
    assert Party.objects.count() == 11
    assert Party.objects.filter(kind="municipality").count() == 8
    assert all(party.contact_functions.exists() for party in Party.objects.all())
    assert Site.objects.get().root_page.specific.__class__.__name__ == "HomePage"
    assert not Page.objects.filter(title__startswith="Welcome").exists()


def functions_as_stored():
    return list(
        ContactFunction.objects.order_by("pk").values_list(
            "party__slug",
            "name",
            "phone",
            "opening_hours",
            "note",
            "source_url",
            "verified_on",
            "is_example",
            "sort_order",
        )
    )


def test_the_loader_brings_a_former_run_s_functions_up_to_the_checked_sources():
    """A database a former run filled: Åre's intake as example data with a fictional
    number and no switchboard, Strömsund's intake under its former name and an older
    check. The loader updates those rows in place, creates what is missing, keeps what an
    editor checked later, and a further run changes nothing."""
    are = Party.objects.get(slug="are")
    are.contact_functions.all().delete()
    old_intake = ContactFunction.objects.create(
        party=are,
        name="Socialtjänstens mottagning för vuxna",
        phone="070-174 06 32",
        opening_hours="Vardagar kl. 8–16",
        url="https://www.are.se",
        is_example=True,
    )
    stromsund = ContactFunction.objects.get(party__slug="stromsund", phone="0670-163 20")
    stromsund.name = "Socialtjänstens mottagning för vuxna"
    stromsund.verified_on = datetime.date(2026, 11, 26)
    stromsund.note = "Expeditionen för individ- och familjeomsorg."
    stromsund.save()
    region = ContactFunction.objects.get(name="Region Jämtland Härjedalen, växel")
    region.verified_on = datetime.date(2027, 1, 15)
    region.note = "Kontrollerad per telefon."
    region.save()

    call_command("load_demo_content", verbosity=0)

    old_intake.refresh_from_db()
    assert old_intake.is_example and old_intake.phone == "" and old_intake.url == ""
    switchboard = ContactFunction.objects.get(party=are, phone="0647-161 00")
    assert switchboard.source_url == "https://are.se/corona"
    assert switchboard.verified_on == datetime.date(2026, 12, 6) and switchboard.is_published
    assert switchboard.sort_order < old_intake.sort_order
    stromsund.refresh_from_db()
    assert stromsund.name == "Socialtjänsten, individ- och familjeomsorgen"
    assert stromsund.verified_on == datetime.date(2026, 12, 6)
    assert stromsund.note == "Du får prata med en socialsekreterare som har tystnadsplikt."
    assert [item.value["name"] for item in stromsund.translations] == [
        "Social services, individual and family care",
        "الخدمات الاجتماعية، رعاية الأفراد والأسر",
    ]
    assert ContactFunction.objects.filter(party__slug="stromsund").count() == 3
    region.refresh_from_db()
    assert region.note == "Kontrollerad per telefon."
    assert region.verified_on == datetime.date(2027, 1, 15)

    stored = functions_as_stored()
    call_command("load_demo_content", verbosity=0)
    assert functions_as_stored() == stored
