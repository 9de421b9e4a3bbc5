"""Roles as permissions for samråd: professionals and coordinators send requests (and read
their own); coordinators read every request and the audit log."""

from django.db import migrations

from staff.grants import COORDINATOR, PROFESSIONAL, grant, revoke

SEND = ("samrad", "samradrequest", "add_samradrequest", "Can add samråd request")
COORDINATE = (
    "samrad",
    "samradrequest",
    "coordinate_samrad",
    "Can coordinate samråd: read every request",
)
AUDIT_LOG = ("samrad", "auditentry", "view_auditentry", "Can view audit entry")
GRANTS = {PROFESSIONAL: [SEND], COORDINATOR: [SEND, COORDINATE, AUDIT_LOG]}


def grant_roles(apps, schema_editor):
    grant(apps, GRANTS)


def revoke_roles(apps, schema_editor):
    revoke(apps, {COORDINATOR: [COORDINATE]})


class Migration(migrations.Migration):
    dependencies = [
        ("samrad", "0001_initial"),
        ("staff", "0005_role_permissions"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="samradrequest",
            options={
                "ordering": ["-created_at"],
                "permissions": [
                    ("coordinate_samrad", "Can coordinate samråd: read every request")
                ],
                "verbose_name": "samråd request",
                "verbose_name_plural": "samråd requests",
            },
        ),
        migrations.RunPython(grant_roles, revoke_roles),
    ]
