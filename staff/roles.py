"""The portal's roles: Django groups (created by staff/migrations/0004_roles.py) that are
granted permissions by migrations (staff/migrations/0005_role_permissions.py,
samrad/migrations/0002_role_permissions.py). Access is always checked with
has_perm, so renaming a group in the admin changes no one's access."""

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

PROFESSIONAL = "Yrkesverksam"
COORDINATOR = "Samordnare"
EDITOR = "Redaktör"
REPRESENTATIVE = "Samrådsrepresentant"

ACCESS_STAFF_AREA = "staff.access_staff_area"
SEND_SAMRAD_REQUESTS = "samrad.add_samradrequest"
COORDINATE_SAMRAD = "samrad.coordinate_samrad"
REPRESENT_PARTY = "samrad.represent_party"
READ_AUDIT_LOG = "samrad.view_auditentry"


def may_read_staff_area(user):
    """Administrators too: a superuser passes every has_perm."""
    return user.is_authenticated and user.has_perm(ACCESS_STAFF_AREA)


def has_own_perm(user, perm):
    """A permission the user holds through a role, not merely as a superuser.

    Request data is for the roles that need it: administrators and editors never read
    requests (least privilege), and a superuser passes every has_perm.
    """
    return user.is_authenticated and not user.is_superuser and user.has_perm(perm)


def staff_area_groups():
    """The groups whose members may read the staff area, for Wagtail's view restrictions."""
    return groups_holding(ACCESS_STAFF_AREA)


def groups_holding(perm):
    """The groups granted `perm` ("app_label.codename"): by permission, not by name."""
    from django.contrib.auth.models import Group

    app_label, codename = perm.split(".")
    return Group.objects.filter(
        permissions__content_type__app_label=app_label, permissions__codename=codename
    )


def refuse_unless(request, check):
    """Anonymous visitors go to the login page, signed-in users failing `check` get 403;
    None when the user may go on. Views (samrad.access.allowed_if) and serve hooks
    (staff/wagtail_hooks.py) answer the same way."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not check(request.user):
        raise PermissionDenied
    return None
