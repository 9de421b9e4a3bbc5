"""Account set-up: administrators create accounts, the user chooses a password by e-mail link."""

from urllib.parse import quote

from allauth.account.forms import default_token_generator
from allauth.account.models import EmailAddress
from allauth.account.utils import user_pk_to_url_str
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# Shown at the login and when an open session is ended for the same reason.
NO_PARTY = _(
    "Your account does not belong to any party, so it cannot be used in the staff area. "
    "Ask the administrator to choose your party on your account."
)


def outside_every_county(user):
    """A signed-in account with no party, and so no county (User.county_id): it may not use
    the staff area. The installation's superuser is the one exception: it runs the whole
    installation, and reaches no case data without a party in any case (samrad.scope)."""
    return user.is_authenticated and not user.is_superuser and not user.party_id


def confirm_email_address(user):
    """The administrator vouches for the address; allauth needs it verified to allow a second factor."""
    if not user.email:
        return
    EmailAddress.objects.filter(user=user).exclude(email__iexact=user.email).delete()
    EmailAddress.objects.update_or_create(
        user=user,
        email__iexact=user.email,
        defaults={"email": user.email.lower(), "verified": True, "primary": True},
    )


def password_setup_url(user):
    """allauth's one-time password link: it stops working once a password is set."""
    token = default_token_generator.make_token(user)
    return password_reset_url(f"{user_pk_to_url_str(user)}-{token}")


def password_reset_url(key):
    """allauth's password link for a key ("<uidb36>-<token>") at the configured base URL;
    the admin's welcome mail and allauth's reset mail (staff.adapters) both use it."""
    path = reverse("account_reset_password_from_key", kwargs={"uidb36": "UID", "key": "KEY"})
    return absolute_url(path.replace("UID-KEY", quote(key)))


def absolute_url(path):
    """An address on the site for e-mail: the configured base URL, not the request's host."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def send_account_created_email(user):
    with translation.override(settings.LANGUAGE_CODE):
        context = {"user": user, "url": password_setup_url(user)}
        subject = render_to_string("staff/email/account_created_subject.txt", context).strip()
        body = render_to_string("staff/email/account_created_message.txt", context)
    send_mail(subject, body, None, [user.email])
