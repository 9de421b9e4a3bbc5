import ipaddress
from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect

from portal.email_addresses import validate_mail_address

from .accounts import NO_PARTY, outside_every_county, password_reset_url


class AccountAdapter(DefaultAccountAdapter):
    """Links and site names in account e-mail come from the configured base URL, never from
    the request's Host header or port, which a visitor chooses."""

    def get_client_ip(self, request):
        """The address the login limits count. X-Forwarded-For is believed only when the
        request came from a trusted proxy (TRUSTED_PROXIES, the addresses gunicorn's
        FORWARDED_ALLOW_IPS names) and only its entry written by the nearest trusted proxy:
        a client that reaches the app server directly, or writes its own header, is counted
        by its own address. An entry that is not an address is ignored, not a 403."""
        peer = request.META.get("REMOTE_ADDR", "")
        count = settings.ALLAUTH_TRUSTED_PROXY_COUNT
        if count and is_trusted_proxy(peer):
            entries = request.headers.get("x-forwarded-for", "").split(",")
            if len(entries) >= count and valid_address(entries[-count]):
                return entries[-count].strip()
        # A unix socket has no peer address: only the proxy on this machine can reach it.
        return peer or "unix-socket"

    def is_open_for_signup(self, request):
        # Accounts are created by administrators only.
        return False

    def pre_login(self, request, user, **kwargs):
        """An account without a party is turned away at the door, with the reason, before
        its second factor is asked for (staff.middleware.PartyRequiredMiddleware ends a
        session that lost its party later)."""
        response = super().pre_login(request, user, **kwargs)
        if response is None and outside_every_county(user):
            messages.error(request, NO_PARTY)
            return redirect(settings.LOGIN_URL)
        return response

    def clean_email(self, email):
        """An address added or changed on the account page gets samråd mail too."""
        email = super().clean_email(email)
        validate_mail_address(email)
        return email

    def get_reset_password_from_key_url(self, key):
        return password_reset_url(key)

    def send_mail(self, template_prefix, email, context):
        site = SimpleNamespace(
            name=settings.WAGTAIL_SITE_NAME,
            domain=urlsplit(settings.WAGTAILADMIN_BASE_URL).netloc,
        )
        super().send_mail(template_prefix, email, {"current_site": site, **context})


def valid_address(text):
    try:
        ipaddress.ip_address(text.strip())
    except ValueError:
        return False
    return True


def is_trusted_proxy(peer):
    """Whether the peer is one of TRUSTED_PROXIES (addresses or networks, "*" for any)."""
    if not peer or "*" in settings.TRUSTED_PROXIES:
        return True
    if not valid_address(peer):
        return False
    address = ipaddress.ip_address(peer)
    for entry in settings.TRUSTED_PROXIES:
        try:
            if address in ipaddress.ip_network(entry, strict=False):
                return True
        except ValueError:
            continue  # a misspelt entry trusts no one
    return False
