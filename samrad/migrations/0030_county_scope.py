"""Each row of case data belongs to a county (samrad.scope): a request to its referring
party's, a meeting to its coordinator's, an audit entry to its request's or its user's.
Where neither tells (an installation with one county), the one county."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def fill_counties(apps, schema_editor):
    County = apps.get_model("organisations", "County")
    Party = apps.get_model("organisations", "Party")
    SamradRequest = apps.get_model("samrad", "SamradRequest")
    Meeting = apps.get_model("samrad", "Meeting")
    AuditEntry = apps.get_model("samrad", "AuditEntry")
    User = apps.get_model("staff", "User")

    def party_county(party_field):
        return Subquery(Party.objects.filter(pk=OuterRef(party_field)).values("county_id")[:1])

    def user_county(user_field):
        return Subquery(User.objects.filter(pk=OuterRef(user_field)).values("party__county_id")[:1])

    SamradRequest.objects.update(county_id=party_county("referring_party_id"))
    Meeting.objects.update(county_id=user_county("created_by_id"))
    AuditEntry.objects.filter(request__isnull=False).update(
        county_id=Subquery(
            SamradRequest.objects.filter(pk=OuterRef("request_id")).values("county_id")[:1]
        )
    )
    AuditEntry.objects.filter(request__isnull=True).update(county_id=user_county("user_id"))
    counties = list(County.objects.values_list("pk", flat=True)[:2])
    if len(counties) == 1:
        Meeting.objects.filter(county__isnull=True).update(county_id=counties[0])
        AuditEntry.objects.filter(county__isnull=True).update(county_id=counties[0])


def county(null):
    return models.ForeignKey(
        editable=False,
        null=null,
        on_delete=django.db.models.deletion.PROTECT,
        related_name="+",
        to="organisations.county",
        verbose_name="county",
    )


class Migration(migrations.Migration):
    dependencies = [
        ("organisations", "0005_party_county_required"),
        ("staff", "0010_party_from_organisations"),
        ("samrad", "0029_single_ground_removed"),
    ]

    operations = [
        migrations.AddField(model_name="samradrequest", name="county", field=county(True)),
        migrations.AddField(model_name="meeting", name="county", field=county(True)),
        migrations.AddField(model_name="auditentry", name="county", field=county(True)),
        migrations.RunPython(fill_counties, migrations.RunPython.noop),
        migrations.AlterField(model_name="samradrequest", name="county", field=county(False)),
    ]
