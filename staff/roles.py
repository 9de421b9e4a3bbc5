"""The portal's roles, held as Django groups (created by migration 0003)."""

PROFESSIONAL = "Yrkesverksam"
COORDINATOR = "Samordnare"
EDITOR = "Redaktör"

# Who may read the staff area's pages and documents.
STAFF_AREA_GROUPS = (PROFESSIONAL, COORDINATOR, EDITOR)


def has_role(user, *roles):
    return user.is_authenticated and (
        user.is_superuser or user.groups.filter(name__in=roles).exists()
    )
