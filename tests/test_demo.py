"""The demo loader can be run again and again without changing or duplicating anything."""

import pytest
from django.core.management import call_command
from wagtail.models import Page, PageLogEntry, Revision, Site

from guidance.models import ContactFunction, Party
from home.models import SafetySettings

pytestmark = pytest.mark.django_db


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
