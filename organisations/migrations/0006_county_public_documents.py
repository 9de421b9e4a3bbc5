"""Each county has a public document collection (organisations/editors.py makes one when a
county is saved). Jämtland's, the county of the default site, is the collection that was
public before counties: "Offentliga dokument" (staff/migrations/0005_role_permissions.py),
so its documents stay where they are and stay public."""

import django.db.models.deletion
from django.db import migrations, models

PUBLIC_COLLECTION = "Offentliga dokument"


def link_the_first_countys(apps, schema_editor):
    County = apps.get_model("organisations", "County")
    Collection = apps.get_model("wagtailcore", "Collection")
    public = Collection.objects.filter(name=PUBLIC_COLLECTION, depth=2).first()
    county = County.objects.filter(site__is_default_site=True, public_documents=None).first()
    if public is not None and county is not None:
        county.public_documents = public
        county.save(update_fields=["public_documents"])


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_party_county_required"),
        ("staff", "0005_role_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AddField(
            model_name="county",
            name="public_documents",
            field=models.OneToOneField(
                blank=True,
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="public_documents_of",
                to="wagtailcore.collection",
                verbose_name="public documents",
            ),
        ),
        migrations.RunPython(link_the_first_countys, migrations.RunPython.noop),
    ]
