from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST


@login_required
def profile(request):
    """The signed-in user's own account: party, roles and links to security settings."""
    return TemplateResponse(
        request,
        "staff/profile.html",
        {"roles": request.user.groups.order_by("name"), "party": request.user.party},
    )


def to_account_login(request, *args, **kwargs):
    """Wagtail's login forms would take a password alone: allauth's login instead."""
    next_url = request.GET.get("next", "")
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = settings.LOGIN_REDIRECT_URL
    return redirect_to_login(next_url)


@never_cache
@require_POST
def keepalive(request):
    """Called by a staff form while someone types in it (staff/js/keep-session.js), so
    typing for 40 minutes loses nothing.

    It carries no content; the session's idle time restarts (SESSION_SAVE_EVERY_REQUEST),
    its absolute limit does not. A signed-out browser gets 401 and the page says so.
    """
    status = 204 if request.user.is_authenticated else 401
    return HttpResponse(status=status)
