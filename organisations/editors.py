"""Each county's editors: a group that edits the pages of the county's public site, its
site settings and the documents of the county's own collection and of its public one
(served to anyone), and nothing of another county's (Wagtail's page, site and collection
permissions). Made whenever a county is saved (signals.py), so that a county an
administrator adds in the admin has its group and collections without code; running it
again changes nothing. An account with the editor role is placed in its county's group by
staff/county_groups.py."""

from django.conf import settings
from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    GroupSitePermission,
)

# What the editor role may do with pages (staff/migrations/0004_roles.py): not delete.
PAGE_PERMISSIONS = ("add_page", "change_page", "publish_page", "lock_page", "unlock_page")
DOCUMENT_PERMISSIONS = ("add_document", "change_document", "choose_document")
# The site settings editors keep, on their county's site only (Wagtail's site settings
# views ask for a GroupSitePermission): the quick exit and the help lines.
SITE_SETTINGS_PERMISSIONS = (("home", "change_safetysettings"),)


def editor_group_name(county):
    # By the slug, which stays when the county's name is corrected.
    return f"Redaktör {county.slug}"


def model_permissions(app_label, codenames):
    """The permissions named by their codenames in one app (for the county groups here and
    in staff/county_groups.py)."""
    return Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)


def county_collection(county):
    root = Collection.get_first_root_node()
    collection = root.get_children().filter(name=county.name).first()
    return collection or root.add_child(name=county.name)


def public_collection(county, collection):
    """The county's public documents: a collection below its own (so its editors' document
    permissions reach it) unless the county already has one (Jämtland's is the top-level
    "Offentliga dokument" from before counties, organisations/migrations/0006)."""
    if county.public_documents_id is None:
        public = collection.add_child(name=settings.PUBLIC_DOCUMENT_COLLECTION)
        # An update, not save(): saving the county would run this again (signals.py).
        type(county).objects.filter(pk=county.pk).update(public_documents=public)
        county.public_documents = public
    return county.public_documents


def ensure_county_editors(county):
    """The county's editor group and document collection, with their permissions: the
    pages of the county's site (in each of its languages) once it has one."""
    group, _created = Group.objects.get_or_create(name=editor_group_name(county))
    group.permissions.add(*model_permissions("wagtailadmin", ["access_admin"]))
    collection = county_collection(county)
    for each in (collection, public_collection(county, collection)):
        for permission in model_permissions("wagtaildocs", DOCUMENT_PERMISSIONS):
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=each, permission=permission
            )
    if county.site_id:
        for app_label, codename in SITE_SETTINGS_PERMISSIONS:
            for permission in model_permissions(app_label, [codename]):
                GroupSitePermission.objects.get_or_create(
                    group=group, site=county.site, permission=permission
                )
        roots = county.site.root_page.get_translations(inclusive=True)
        for page in roots:
            for permission in model_permissions("wagtailcore", PAGE_PERMISSIONS):
                GroupPagePermission.objects.get_or_create(
                    group=group, page=page, permission=permission
                )
    return group, collection
