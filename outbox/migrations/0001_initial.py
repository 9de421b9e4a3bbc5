# The outbox's models as samrad left them (samrad/migrations/0017): the tables samrad
# created are kept (Meta.db_table), so nothing is done to the database here.

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("samrad", "0017_outbox_moved_out"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="Notification",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                        ("recipient", models.EmailField(max_length=254)),
                        (
                            "state",
                            models.CharField(
                                choices=[
                                    ("pending", "Waiting"),
                                    ("sending", "Being sent"),
                                    ("sent", "Sent"),
                                    ("failed", "Could not be sent"),
                                ],
                                db_index=True,
                                default="pending",
                                max_length=7,
                            ),
                        ),
                        ("claimed_at", models.DateTimeField(blank=True, null=True)),
                        ("subject", models.CharField(max_length=200)),
                        ("body", models.TextField()),
                        ("attempts", models.PositiveSmallIntegerField(default=0)),
                        ("sent_at", models.DateTimeField(blank=True, db_index=True, null=True)),
                        ("last_error", models.CharField(blank=True, max_length=200)),
                        ("calendar", models.TextField(blank=True)),
                        ("calendar_method", models.CharField(blank=True, max_length=10)),
                        (
                            "request",
                            models.ForeignKey(
                                null=True,
                                on_delete=django.db.models.deletion.SET_NULL,
                                related_name="notifications",
                                to="samrad.samradrequest",
                            ),
                        ),
                    ],
                    options={
                        "db_table": "samrad_notification",
                        "ordering": ["created_at"],
                    },
                ),
                migrations.CreateModel(
                    name="Reminder",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "subject",
                            models.CharField(
                                choices=[
                                    ("actions", "Actions due"),
                                    ("routines", "Routines due for review"),
                                ],
                                max_length=10,
                            ),
                        ),
                        ("key", models.CharField(max_length=254)),
                        ("sent_on", models.DateField()),
                        ("created_at", models.DateTimeField(auto_now_add=True)),
                    ],
                    options={
                        "verbose_name": "reminder",
                        "verbose_name_plural": "reminders",
                        "db_table": "samrad_reminder",
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("subject", "key", "sent_on"),
                                name="one_reminder_per_day",
                            )
                        ],
                    },
                ),
            ],
            database_operations=[],
        ),
    ]
