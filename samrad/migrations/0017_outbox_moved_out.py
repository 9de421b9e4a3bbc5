# The outbox (Notification, Reminder) is its own app now (outbox/migrations/0001): the
# tables stay as they are, only Django's record of which app holds them moves.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("samrad", "0016_encrypt_contact_phone"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.RemoveField(model_name="notification", name="request"),
                migrations.DeleteModel(name="Reminder"),
                migrations.DeleteModel(name="Notification"),
            ],
            database_operations=[],
        ),
    ]
