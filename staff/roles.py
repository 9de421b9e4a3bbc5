"""The portal's roles, held as Django groups (created by migration staff/migrations/0004_roles.py)."""

PROFESSIONAL = "Yrkesverksam"
COORDINATOR = "Samordnare"
EDITOR = "Redaktör"

# Who may read the staff area's pages and documents.
STAFF_AREA_GROUPS = (PROFESSIONAL, COORDINATOR, EDITOR)


def in_group(user, *names):
    return user.is_authenticated and user.groups.filter(name__in=names).exists()


def has_role(user, *roles):
    """In one of the groups, or an administrator (who may read the staff area)."""
    return user.is_authenticated and (user.is_superuser or in_group(user, *roles))
