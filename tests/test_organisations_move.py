"""The parties moved from guidance to organisations with their rows and their content types:
the editors' permissions on them keep working, on a new database and on one migrated before
the move (organisations/migrations/0002_content_types_from_guidance.py)."""

import importlib

import pytest
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType

from staff import roles

from .helpers import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

MIGRATION = "organisations.migrations.0002_content_types_from_guidance"


def test_editors_may_change_parties_on_a_new_database(client):
    editor = make_user("red@example.org", role=roles.EDITOR)
    assert editor.has_perm("organisations.change_party")
    assert not ContentType.objects.filter(app_label="guidance", model="party").exists()
    client.force_login(editor)
    assert client.get("/admin/snippets/organisations/party/").status_code == 200


def test_a_database_from_before_the_move_keeps_its_grants():
    # As on main before the move: the content types (and their permissions) under guidance.
    ContentType.objects.filter(app_label="organisations").update(app_label="guidance")
    ContentType.objects.clear_cache()
    importlib.import_module(MIGRATION).forwards(django_apps, None)
    ContentType.objects.clear_cache()
    party = ContentType.objects.get(app_label="organisations", model="party")
    function = ContentType.objects.get(app_label="organisations", model="contactfunction")
    assert not ContentType.objects.filter(
        app_label="guidance", model__in=["party", "contactfunction"]
    )
    assert function.pk != party.pk
    editor = make_user("red@example.org", role=roles.EDITOR)
    assert editor.has_perm("organisations.change_party")
    assert editor.has_perm("organisations.add_party")


def test_grants_on_a_leftover_content_type_go_to_the_new_one():
    # A migrate that stopped between the move and the renaming: both content types exist.
    stale = ContentType.objects.create(app_label="guidance", model="party")
    old_delete = Permission.objects.create(
        content_type=stale, codename="delete_party", name="Can delete party"
    )
    group = Group.objects.create(name="Partiadministratörer")
    group.permissions.add(old_delete)
    importlib.import_module(MIGRATION).forwards(django_apps, None)
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert ("organisations", "delete_party") in granted
