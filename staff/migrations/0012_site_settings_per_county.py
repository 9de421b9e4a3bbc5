"""The editor role's site settings (the quick exit and help lines, staff/migrations/
0004_roles.py) held on every site moves to each county's editors on their county's site
(organisations/editors.py does the same for a county saved later): a county's editors no
longer change another county's quick exit."""

from django.db import migrations

from staff.grants import EDITOR, permission

SAFETY_SETTINGS = ("home", "safetysettings", "change_safetysettings", "Can change safety settings")


def per_site(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    County = apps.get_model("organisations", "County")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    change = permission(apps, *SAFETY_SETTINGS)
    editor = Group.objects.filter(name=EDITOR).first()
    if editor is not None:
        editor.permissions.remove(change)
    for county in County.objects.exclude(site=None):
        group, _created = Group.objects.get_or_create(name=f"{EDITOR} {county.slug}")
        GroupSitePermission.objects.get_or_create(group=group, site=county.site, permission=change)


def on_every_site(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    GroupSitePermission = apps.get_model("wagtailcore", "GroupSitePermission")
    change = permission(apps, *SAFETY_SETTINGS)
    GroupSitePermission.objects.filter(permission=change).delete()
    editor = Group.objects.filter(name=EDITOR).first()
    if editor is not None:
        editor.permissions.add(change)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0011_county_bound_editors"),
        ("wagtailcore", "0095_groupsitepermission"),
    ]

    operations = [migrations.RunPython(per_site, on_every_site)]
