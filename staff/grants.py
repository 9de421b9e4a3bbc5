"""Helpers for the data migrations that give the role groups their permissions.

They take the migration's historical `apps`, so they work at any point of the schema."""

PROFESSIONAL = "Yrkesverksam"
COORDINATOR = "Samordnare"
EDITOR = "Redaktör"
REPRESENTATIVE = "Samrådsrepresentant"
STAFF_ROLES = (PROFESSIONAL, COORDINATOR, EDITOR)


def permission(apps, app_label, model, codename, name):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
    return Permission.objects.get_or_create(
        content_type=content_type, codename=codename, defaults={"name": name}
    )[0]


def grant(apps, grants):
    """grants: {group name: [(app_label, model, codename, name), ...]}"""
    Group = apps.get_model("auth", "Group")
    for group_name, permissions in grants.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(*(permission(apps, *spec) for spec in permissions))


def revoke(apps, grants):
    Permission = apps.get_model("auth", "Permission")
    for permissions in grants.values():
        for app_label, model, codename, _name in permissions:
            Permission.objects.filter(
                content_type__app_label=app_label, content_type__model=model, codename=codename
            ).delete()
