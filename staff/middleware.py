from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

# What a signed-in user without a second factor may still reach: setting one up, and leaving.
SECOND_FACTOR_SETUP_PATHS = ("/accounts/2fa/", "/accounts/logout/", "/accounts/reauthenticate/")


class SecondFactorRequiredMiddleware:
    """allauth has no setting to require a second factor, so this holds users at set-up."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        if (
            settings.MFA_REQUIRED
            and user.is_authenticated
            and not request.path_info.startswith(SECOND_FACTOR_SETUP_PATHS)
            and not is_mfa_enabled(user)
        ):
            messages.warning(
                request,
                _("Set up a second factor (an authenticator app) before you continue."),
            )
            return redirect(reverse("mfa_activate_totp"))
        return self.get_response(request)


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
