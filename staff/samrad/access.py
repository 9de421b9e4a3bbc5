"""Who may do what with samråd requests. Editors and administrators never read requests."""

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied

from staff import roles
from staff.roles import in_group


def is_coordinator(user):
    return in_group(user, roles.COORDINATOR)


def may_send_requests(user):
    return in_group(user, roles.PROFESSIONAL, roles.COORDINATOR)


def may_read_audit_log(user):
    return is_coordinator(user) or (user.is_authenticated and user.is_superuser)


def allowed_if(check):
    """Anonymous visitors go to the login page; signed-in users without the role get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not check(request.user):
                raise PermissionDenied
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
