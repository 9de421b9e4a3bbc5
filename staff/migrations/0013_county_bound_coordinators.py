"""The coordinators keep the routines of their own county only (staff/county_groups.py).
The role group "Samordnare" keeps its model permissions (the admin, the samråd) and loses
its page permissions on the routine indexes, which gave every county's coordinators every
county's routines (0009_coordinators_keep_routines.py). Each county gets its coordinators'
group ("Samordnare <slug>", as staff/county_groups.py makes it when a county is saved) with
the routine indexes on its site, in each language; coordinators with a party join their
county's group. A routine index on no county's site is left to the administrators."""

from django.db import migrations

from staff.grants import COORDINATOR, permission

ROUTINE_PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page"]


def routine_indexes(apps):
    Page = apps.get_model("wagtailcore", "Page")
    ContentType = apps.get_model("contenttypes", "ContentType")
    index_type = ContentType.objects.filter(app_label="staff", model="routineindexpage").first()
    return Page.objects.filter(content_type=index_type) if index_type else Page.objects.none()


def grant_indexes(apps, group, indexes):
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    perms = [permission(apps, "wagtailcore", "page", c, c) for c in ROUTINE_PAGE_PERMISSIONS]
    for index in indexes:
        for perm in perms:
            GroupPagePermission.objects.get_or_create(group=group, page=index, permission=perm)


def bind_coordinators_to_counties(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    County = apps.get_model("organisations", "County")
    Page = apps.get_model("wagtailcore", "Page")
    User = apps.get_model("staff", "User")
    coordinator = Group.objects.filter(name=COORDINATOR).first()
    if coordinator is None:
        return
    indexes = routine_indexes(apps)
    coordinator.page_permissions.filter(page__in=indexes).delete()
    for county in County.objects.select_related("site__root_page"):
        group, _created = Group.objects.get_or_create(name=f"{COORDINATOR} {county.slug}")
        if county.site_id:
            translation_key = county.site.root_page.translation_key
            for root in Page.objects.filter(translation_key=translation_key):
                grant_indexes(apps, group, indexes.filter(path__startswith=root.path))
        for user in User.objects.filter(groups=coordinator, party__county=county):
            user.groups.add(group)


def unbind(apps, schema_editor):
    """Back to one group for every county's routine indexes (0009)."""
    Group = apps.get_model("auth", "Group")
    coordinator = Group.objects.filter(name=COORDINATOR).first()
    if coordinator is not None:
        grant_indexes(apps, coordinator, routine_indexes(apps))


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0012_site_settings_per_county"),
    ]

    operations = [migrations.RunPython(bind_coordinators_to_counties, unbind)]
