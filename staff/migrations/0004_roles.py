"""The portal's roles as groups. Editors edit pages, documents, parties and site settings;
professionals and coordinators get no admin permissions at all."""

from django.db import migrations

PROFESSIONAL = "Yrkesverksam"
COORDINATOR = "Samordnare"
EDITOR = "Redaktör"

PAGE_PERMISSIONS = ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"]
DOCUMENT_PERMISSIONS = ["add_document", "change_document", "choose_document", "delete_document"]
MODEL_PERMISSIONS = [
    ("wagtailadmin", "admin", "access_admin", "Can access Wagtail admin"),
    ("guidance", "party", "add_party", "Can add party"),
    ("guidance", "party", "change_party", "Can change party"),
    ("home", "safetysettings", "change_safetysettings", "Can change safety and help lines"),
]


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )[0]


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Page = apps.get_model("wagtailcore", "Page")
    Collection = apps.get_model("wagtailcore", "Collection")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore", "GroupCollectionPermission")

    Group.objects.get_or_create(name=PROFESSIONAL)
    Group.objects.get_or_create(name=COORDINATOR)
    editor, _ = Group.objects.get_or_create(name=EDITOR)

    for app_label, model, codename, name in MODEL_PERMISSIONS:
        editor.permissions.add(permission(apps, app_label, model, codename, name))
    root_page = Page.objects.filter(depth=1).first()
    if root_page is not None:
        for codename in PAGE_PERMISSIONS:
            GroupPagePermission.objects.get_or_create(
                group=editor,
                page=root_page,
                permission=permission(apps, "wagtailcore", "page", codename, codename),
            )
    root_collection = Collection.objects.filter(depth=1).first()
    if root_collection is not None:
        for codename in DOCUMENT_PERMISSIONS:
            GroupCollectionPermission.objects.get_or_create(
                group=editor,
                collection=root_collection,
                permission=permission(apps, "wagtaildocs", "document", codename, codename),
            )


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(
        name__in=[PROFESSIONAL, COORDINATOR, EDITOR]
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0003_staff_pages"),
        ("wagtailadmin", "0003_admin_managed"),
        ("guidance", "0001_initial"),
        ("home", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
