from django.db import migrations


class Migration(migrations.Migration):
    """The single ground of a record is now one row per party (0028 moved it)."""

    dependencies = [
        ("samrad", "0028_grounds_per_party"),
    ]

    operations = [
        migrations.RemoveField(
            model_name='samradrecord',
            name='ground',
        ),
        migrations.RemoveField(
            model_name='samradrecord',
            name='provision',
        ),
    ]
