# A mail names the case it is about by its reference instead of a link to the samråd
# request, so that the outbox needs nothing of samrad. The references are copied first.

from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_references(apps, schema_editor):
    Notification = apps.get_model("outbox", "Notification")
    SamradRequest = apps.get_model("samrad", "SamradRequest")
    Notification.objects.filter(request__isnull=False).update(
        reference=Subquery(
            SamradRequest.objects.filter(pk=OuterRef("request_id")).values("reference")[:1]
        )
    )


def copy_links(apps, schema_editor):
    Notification = apps.get_model("outbox", "Notification")
    SamradRequest = apps.get_model("samrad", "SamradRequest")
    Notification.objects.exclude(reference="").update(
        request=Subquery(
            SamradRequest.objects.filter(reference=OuterRef("reference")).values("pk")[:1]
        )
    )


class Migration(migrations.Migration):
    dependencies = [
        ("outbox", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="notification",
            name="reference",
            field=models.CharField(blank=True, max_length=20),
        ),
        migrations.RunPython(copy_references, copy_links, elidable=True),
        migrations.RemoveField(
            model_name="notification",
            name="request",
        ),
        # Each producer of reminders names its own subject (outbox.reminders): no choices.
        migrations.AlterField(
            model_name="reminder",
            name="subject",
            field=models.CharField(max_length=10),
        ),
    ]
