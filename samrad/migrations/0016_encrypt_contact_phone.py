"""The professional's phone is encrypted at rest, like the request's contents: the column
becomes an encrypted text column and the numbers stored in clear are encrypted in place."""

import samrad.fields
from django.db import migrations

# The column held at most 40 characters in clear; a Fernet token is never shorter than 100.
PLAIN_MAX = 40


def _rewrite(apps, schema_editor, change, wanted):
    """Apply change to every stored phone for which wanted(value) holds, by raw SQL: the
    model field would try to decrypt the clear text it reads."""
    table = schema_editor.quote_name(apps.get_model("samrad", "SamradRequest")._meta.db_table)
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(f"SELECT id, contact_phone FROM {table} WHERE contact_phone <> ''")  # noqa: S608
        rows = [(pk, value) for pk, value in cursor.fetchall() if wanted(value)]
        for pk, value in rows:
            cursor.execute(
                f"UPDATE {table} SET contact_phone = %s WHERE id = %s",  # noqa: S608
                [change(value), pk],
            )


def encrypt_stored_phones(apps, schema_editor):
    """Encrypt the phones stored in clear; a phone already encrypted is left as it is, so
    running this again changes nothing."""
    _rewrite(
        apps,
        schema_editor,
        samrad.fields.encrypt,
        lambda value: len(value) <= PLAIN_MAX,
    )


def decrypt_stored_phones(apps, schema_editor):
    """Back to clear text, for the column to become a 40-character column again."""
    _rewrite(
        apps,
        schema_editor,
        samrad.fields.decrypt,
        lambda value: len(value) > PLAIN_MAX,
    )


class Migration(migrations.Migration):
    dependencies = [
        ("samrad", "0015_notification_state"),
    ]

    operations = [
        migrations.AlterField(
            model_name="samradrequest",
            name="contact_phone",
            field=samrad.fields.EncryptedTextField(blank=True, verbose_name="your phone"),
        ),
        migrations.RunPython(encrypt_stored_phones, decrypt_stored_phones, elidable=False),
    ]
