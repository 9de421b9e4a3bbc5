"""The editor role is bound to a county (staff/county_groups.py). The group "Redaktör" keeps
its model permissions (the admin, parties, settings, translations) and loses its page and
collection permissions, which gave every county's editors every county's pages and
documents. Each county gets its editors' group ("Redaktör <slug>", as organisations/
editors.py makes it when a county is saved) with the pages of its site in each language;
the county whose site is the default site, the installation's first, also gets the
collections that existed before counties ("Personal", "Offentliga dokument"): its staff
documents and public documents. (A county's own collection is made by organisations/
editors.py when the county is next saved: a historical Collection cannot keep Wagtail's
order by name.) Editors with a party join their county's group; an editor without one
edits nothing until given a party."""

from django.db import migrations

from staff.grants import EDITOR, permission

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
# What the role held on every collection (0004_roles.py), kept on the first county's.
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document", "delete_document"]


def page_permissions(apps):
    return [permission(apps, "wagtailcore", "page", c, c) for c in PAGE_PERMISSIONS]


def document_permissions(apps, codenames):
    return [permission(apps, "wagtaildocs", "document", c, c) for c in codenames]


def grant_collection(apps, group, collection, codenames):
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")
    for perm in document_permissions(apps, codenames):
        GroupCollectionPermission.objects.get_or_create(
            group=group, collection=collection, permission=perm
        )


def county_editors(apps, county):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    group, _created = Group.objects.get_or_create(name=f"{EDITOR} {county.slug}")
    group.permissions.add(
        permission(apps, "wagtailadmin", "admin", "access_admin", "Can access Wagtail admin")
    )
    if county.site_id:
        root = county.site.root_page
        for page in Page.objects.filter(translation_key=root.translation_key):
            for perm in page_permissions(apps):
                GroupPagePermission.objects.get_or_create(group=group, page=page, permission=perm)
    return group


def bind_editors_to_counties(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    County = apps.get_model("organisations", "County")
    Collection = apps.get_model("wagtailcore", "Collection")
    User = apps.get_model("staff", "User")
    editor = Group.objects.filter(name=EDITOR).first()
    if editor is None:
        return
    editor.page_permissions.all().delete()
    editor.collection_permissions.all().delete()
    counties = list(County.objects.select_related("site"))
    county_names = [county.name for county in counties]
    for county in counties:
        group = county_editors(apps, county)
        if county.site_id and county.site.is_default_site:
            for collection in Collection.objects.filter(depth=2).exclude(name__in=county_names):
                grant_collection(apps, group, collection, DOCUMENT_PERMISSIONS)
        for user in User.objects.filter(groups=editor, party__county=county):
            user.groups.add(group)


def unbind(apps, schema_editor):
    """Back to one group for every county's pages and documents (0004_roles.py)."""
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    editor = Group.objects.filter(name=EDITOR).first()
    root_page = Page.objects.filter(depth=1).first()
    root_collection = Collection.objects.filter(depth=1).first()
    if editor is None:
        return
    if root_page is not None:
        for perm in page_permissions(apps):
            GroupPagePermission.objects.get_or_create(group=editor, page=root_page, permission=perm)
    if root_collection is not None:
        grant_collection(apps, editor, root_collection, DOCUMENT_PERMISSIONS)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0010_party_from_organisations"),
        ("organisations", "0005_party_county_required"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]

    operations = [migrations.RunPython(bind_editors_to_counties, unbind)]
