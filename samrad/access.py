"""Who may do what with samråd requests. Editors and administrators never read requests."""

from functools import wraps

from staff import roles


def is_coordinator(user):
    return roles.has_own_perm(user, roles.COORDINATE_SAMRAD)


def may_send_requests(user):
    return roles.has_own_perm(user, roles.SEND_SAMRAD_REQUESTS)


def is_representative(user):
    """A samråd representative of a party: the role, held through a group, and a party to
    represent (an account without a party represents no one)."""
    return roles.has_own_perm(user, roles.REPRESENT_PARTY) and user.party_id is not None


def may_read_audit_log(user):
    # The log holds who did what, never content: administrators may read it too.
    return user.is_authenticated and user.has_perm(roles.READ_AUDIT_LOG)


def allowed_if(check):
    """Anonymous visitors go to the login page; signed-in users without the role get 403."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            return roles.refuse_unless(request, check) or view(request, *args, **kwargs)

        return wrapper

    return decorator
