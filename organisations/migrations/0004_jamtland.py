"""The installation's first county: Jämtlands län, whose public site is the default site
and which every existing party belongs to (the portal knew one county until now)."""

from django.db import migrations


def forwards(apps, schema_editor):
    County = apps.get_model("organisations", "County")
    Party = apps.get_model("organisations", "Party")
    Site = apps.get_model("wagtailcore", "Site")
    county, _created = County.objects.get_or_create(
        slug="jamtland",
        defaults={"name": "Jämtlands län", "steering_group": "Tillsammans mot våld"},
    )
    if county.site_id is None:
        county.site = Site.objects.filter(is_default_site=True).first()
        county.save(update_fields=["site"])
    Party.objects.filter(county__isnull=True).update(county=county)


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0003_county"),
    ]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
