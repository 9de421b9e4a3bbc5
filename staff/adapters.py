from types import SimpleNamespace
from urllib.parse import urlsplit

from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings

from portal.email_addresses import validate_mail_address

from .accounts import password_reset_url


class AccountAdapter(DefaultAccountAdapter):
    """Links and site names in account e-mail come from the configured base URL, never from
    the request's Host header or port, which a visitor chooses."""

    def is_open_for_signup(self, request):
        # Accounts are created by administrators only.
        return False

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
