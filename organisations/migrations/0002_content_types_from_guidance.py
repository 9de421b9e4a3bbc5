"""The moved models' content types follow them: guidance.party and guidance.contactfunction
become organisations.party and organisations.contactfunction, the same rows. So the role
groups' permissions on them (staff 0004_roles grants the editors add_party and change_party),
Wagtail's log entries and the search and reference indexes that name them keep working.

Runs after guidance 0010, which runs after staff 0009 (its run_before) and so after staff
0004: on a new database the content types that migration creates are renamed here too."""

from django.db import migrations

MODELS = ("party", "contactfunction")


def move_content_types(apps, old_label, new_label):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    for model in MODELS:
        old = ContentType.objects.filter(app_label=old_label, model=model).first()
        if old is None:
            continue
        new = ContentType.objects.filter(app_label=new_label, model=model).first()
        if new is None:
            old.app_label = new_label
            old.save(update_fields=["app_label"])
            continue
        # Both exist (a migrate that stopped between the move and this step let Django
        # create the new one): the grants on the old permissions go to the new ones.
        for permission in Permission.objects.filter(content_type=old):
            twin = Permission.objects.filter(content_type=new, codename=permission.codename).first()
            if twin is None:
                permission.content_type = new
                permission.save(update_fields=["content_type"])
                continue
            twin.group_set.add(*permission.group_set.all())
            twin.user_set.add(*permission.user_set.all())


def forwards(apps, schema_editor):
    move_content_types(apps, "guidance", "organisations")


def backwards(apps, schema_editor):
    move_content_types(apps, "organisations", "guidance")


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("guidance", "0010_parties_moved_to_organisations"),
        ("organisations", "0001_initial"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
