import time

from allauth.account.authentication import get_authentication_records
from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from .accounts import NO_PARTY, outside_every_county

# What a signed-in session that has not given a second factor may reach, by URL name.
# An account without one may set it up (allauth asks for the password first); an account
# with one may only give it (allauth's re-authentication by code) or leave. Anything else,
# the password re-authentication and the second-factor settings included, stays closed.
SETUP_URL_NAMES = {"mfa_activate_totp", "account_reauthenticate", "account_logout"}
VERIFY_URL_NAMES = {"mfa_reauthenticate", "account_logout"}


def passed_second_factor(records):
    """allauth records each way this session authenticated; "mfa" is a code or a key."""
    return any(record.get("method") == "mfa" for record in records)


def started_at(records):
    return min((record.get("at", 0) for record in records), default=None)


class SecondFactorRequiredMiddleware:
    """Every signed-in request has passed the second factor in this session.

    allauth has no setting that requires one, and a session may have been opened by a
    password alone (any login form but allauth's own); so this asks the session, not the
    account. It also ends sessions after SESSION_ABSOLUTE_SECONDS whatever the activity.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        user = request.user
        if not user.is_authenticated:
            return None
        records = get_authentication_records(request, user)
        started = started_at(records)
        if started is not None and time.time() - started > settings.SESSION_ABSOLUTE_SECONDS:
            logout(request)
            messages.info(request, _("You have been logged out after 12 hours. Log in again."))
            return redirect_to_login(request.get_full_path())
        if not settings.MFA_REQUIRED:
            return None
        url_name = request.resolver_match.url_name if request.resolver_match else None
        if is_mfa_enabled(user):
            if url_name in VERIFY_URL_NAMES or passed_second_factor(records):
                return None
            return redirect(
                reverse("mfa_reauthenticate") + "?" + urlencode({"next": request.get_full_path()})
            )
        # No second factor (yet, or no longer: one switched off must be set up again).
        if url_name in SETUP_URL_NAMES:
            return None
        messages.warning(
            request, _("Set up a second factor (an authenticator app) before you continue.")
        )
        return redirect(reverse("mfa_activate_totp"))


class PartyRequiredMiddleware:
    """A session whose account has no party (and so no county) is ended, with the reason:
    the administrator removed the party after the login, or the session was opened another
    way than allauth's login, which turns such accounts away (staff.adapters)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        if not outside_every_county(request.user):
            return None
        logout(request)
        messages.error(request, NO_PARTY)
        return redirect_to_login(request.get_full_path())


class PrivateResponseMiddleware:
    """Staff and account responses are never cached and never indexed.

    They also relax the site-wide "no-referrer" to "same-origin": under "no-referrer"
    browsers send "Origin: null" with form posts, which Django's CSRF check rejects.
    Other sites still learn nothing.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if request.path_info.startswith(settings.PRIVATE_PATH_PREFIXES) or (
            user is not None and user.is_authenticated
        ):
            response["Cache-Control"] = "no-store, private"
            response["X-Robots-Tag"] = "noindex, nofollow"
            response["Referrer-Policy"] = "same-origin"
        return response
