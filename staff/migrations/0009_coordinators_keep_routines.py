"""The coordinators keep the routines (the agreement makes them responsible for them):
they may use the admin, where they are given the routine index pages (staff/signals.py
gives each new index the same). Wagtail's own "Moderators" and "Editors" groups, which
the portal's roles replace, are removed while nobody is a member of them."""

from django.db import migrations

from staff.grants import COORDINATOR, grant, permission

ADMIN = ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
ROUTINE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]
WAGTAIL_DEFAULT_GROUPS = ["Moderators", "Editors"]


def coordinators_keep_routines(apps, schema_editor):
    grant(apps, {COORDINATOR: [ADMIN]})
    Group = apps.get_model("auth", "Group")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Page = apps.get_model("wagtailcore", "Page")
    coordinators = Group.objects.get(name=COORDINATOR)
    index_type = ContentType.objects.filter(app_label="staff", model="routineindexpage").first()
    for page in Page.objects.filter(content_type=index_type) if index_type else []:
        for codename in ROUTINE_PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=coordinators,
                page=page,
                permission=permission(apps, "wagtailcore", "page", codename, codename),
            )
    Group.objects.filter(name__in=WAGTAIL_DEFAULT_GROUPS, user__isnull=True).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0008_responsibility_block"),
    ]

    operations = [migrations.RunPython(coordinators_keep_routines, migrations.RunPython.noop)]
