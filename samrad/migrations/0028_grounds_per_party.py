from django.db import migrations

SEPARATOR = " – "  # how a provision was shown, and recorded as text: "reference – title"


def grounds_per_party(apps, schema_editor):
    """Each record's single ground becomes one row for each party that took part, as it
    was recorded (never widened: a consent ground stays a consent ground). A provision
    named as text is linked to the provision with that reference where there is one,
    and its text is kept as recorded either way. The case's referring party is taken as
    the one that shared the information."""
    SamradRecord = apps.get_model("samrad", "SamradRecord")
    RecordGround = apps.get_model("samrad", "RecordGround")
    Provision = apps.get_model("samrad", "Provision")
    provisions = {provision.reference: provision for provision in Provision.objects.all()}
    records = SamradRecord.objects.select_related("request").prefetch_related("parties_present")
    for record in records.iterator(chunk_size=500):
        provision = None
        if record.ground == "provision" and record.provision:
            provision = provisions.get(record.provision.split(SEPARATOR)[0].strip())
        RecordGround.objects.bulk_create(
            RecordGround(
                record=record,
                party=party,
                ground=record.ground,
                provision=provision,
                provision_as_recorded=record.provision if record.ground == "provision" else "",
            )
            for party in record.parties_present.all()
        )
        if record.shared_by_id is None:
            record.shared_by_id = record.request.referring_party_id
            record.save(update_fields=["shared_by"])


def single_ground_back(apps, schema_editor):
    """Back to one ground per record: the first party's (they were all the same before)."""
    SamradRecord = apps.get_model("samrad", "SamradRecord")
    for record in SamradRecord.objects.prefetch_related("grounds__provision").iterator(
        chunk_size=500
    ):
        first = record.grounds.first()
        if first is None:
            continue
        record.ground = first.ground
        record.provision = first.provision_as_recorded or (
            f"{first.provision.reference}{SEPARATOR}{first.provision.title}"
            if first.provision
            else ""
        )
        record.save(update_fields=["ground", "provision"])


class Migration(migrations.Migration):
    dependencies = [
        ("samrad", "0027_record_grounds_and_minutes"),
    ]

    operations = [migrations.RunPython(grounds_per_party, single_ground_back)]
