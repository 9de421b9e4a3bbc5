"""Editors translate: wagtail-localize's "submit for translation" permission for the
editor role (the translated pages' own edit permissions come from the page tree)."""

from django.db import migrations

from staff.grants import EDITOR, grant

SUBMIT = (
    "wagtail_localize",
    "translation",
    "submit_translation",
    "Can submit translations",
)


def grant_editors(apps, schema_editor):
    grant(apps, {EDITOR: [SUBMIT]})


def revoke_editors(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permission = Permission.objects.filter(
        content_type__app_label=SUBMIT[0], codename=SUBMIT[2]
    ).first()
    group = Group.objects.filter(name=EDITOR).first()
    if permission and group:
        group.permissions.remove(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("translations", "0001_translator_check"),
        ("staff", "0005_role_permissions"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]

    operations = [migrations.RunPython(grant_editors, revoke_editors)]
