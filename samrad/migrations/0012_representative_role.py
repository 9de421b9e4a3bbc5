"""The samråd representative: a role (functions, not people: a party's representative and
its substitute are two accounts with it) that reads the agendas of the meetings its party
is invited to, pseudonymised, and the actions given to its party, and marks them done."""

from django.db import migrations

from staff.grants import REPRESENTATIVE, grant, revoke

REPRESENT = ("samrad", "samradrequest", "represent_party", "Can represent a party at samråd")
GRANTS = {REPRESENTATIVE: [REPRESENT]}


def grant_role(apps, schema_editor):
    grant(apps, GRANTS)


def remove_role(apps, schema_editor):
    revoke(apps, GRANTS)
    apps.get_model("auth", "Group").objects.filter(name=REPRESENTATIVE).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("samrad", "0011_action_done_by_and_note"),
        ("staff", "0005_role_permissions"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="samradrequest",
            options={
                "ordering": ["-created_at"],
                "permissions": [
                    ("coordinate_samrad", "Can coordinate samråd: read every request"),
                    ("represent_party", "Can represent a party at samråd"),
                ],
                "verbose_name": "samråd request",
                "verbose_name_plural": "samråd requests",
            },
        ),
        migrations.RunPython(grant_role, remove_role),
    ]
