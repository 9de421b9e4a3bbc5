"""Roles as permissions: every staff role may read the staff area. The private "Personal"
collection (restricted to those roles) and the collection for public documents exist from
the first deploy, without demo content."""

from django.db import migrations

from staff.grants import STAFF_ROLES, grant, revoke

STAFF_AREA = ("staff", "user", "access_staff_area", "Can read the staff area and its documents")
GRANTS = {role: [STAFF_AREA] for role in STAFF_ROLES}
PRIVATE_COLLECTION = "Personal"
PUBLIC_COLLECTION = "Offentliga dokument"


def grant_roles(apps, schema_editor):
    grant(apps, GRANTS)


def revoke_roles(apps, schema_editor):
    revoke(apps, GRANTS)


def add_child(Collection, root, name):
    """A child of the root collection, built as treebeard's materialised path does (the
    historical model has no add_child): four base-36 characters per level."""
    last = Collection.objects.filter(depth=root.depth + 1).order_by("-path").first()
    step = int(last.path[-4:], 36) + 1 if last else 1
    digits = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
    encoded = ""
    while step:
        step, rest = divmod(step, 36)
        encoded = digits[rest] + encoded
    child = Collection.objects.create(
        name=name, path=root.path + encoded.rjust(4, "0"), depth=root.depth + 1, numchild=0
    )
    root.numchild += 1
    root.save(update_fields=["numchild"])
    return child


def create_collections(apps, schema_editor):
    Collection = apps.get_model("wagtailcore", "Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore", "CollectionViewRestriction")
    Group = apps.get_model("auth", "Group")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    private = Collection.objects.filter(name=PRIVATE_COLLECTION).first()
    if private is None:
        private = add_child(Collection, root, PRIVATE_COLLECTION)
    if not CollectionViewRestriction.objects.filter(collection=private).exists():
        restriction = CollectionViewRestriction.objects.create(
            collection=private, restriction_type="groups"
        )
        restriction.groups.set(Group.objects.filter(name__in=STAFF_ROLES))
    if not Collection.objects.filter(name=PUBLIC_COLLECTION).exists():
        add_child(Collection, root, PUBLIC_COLLECTION)


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0004_roles"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.AlterModelOptions(
            name="user",
            options={
                "permissions": [
                    ("access_staff_area", "Can read the staff area and its documents")
                ],
                "verbose_name": "user",
                "verbose_name_plural": "users",
            },
        ),
        migrations.RunPython(grant_roles, revoke_roles),
        migrations.RunPython(create_collections, migrations.RunPython.noop),
    ]
