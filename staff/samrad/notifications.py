"""E-mail about samråd requests. No personal data and no free text: only that something
happened, the party, the kind and urgency, a date, and a link to log in and read more."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.models import Site

from staff import roles

from .models import Notification, SamradSettings
from .tasks import send_after_commit


def absolute(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def render(template, context):
    with translation.override(settings.LANGUAGE_CODE):
        subject = render_to_string(f"samrad/email/{template}_subject.txt", context).strip()
        body = render_to_string(f"samrad/email/{template}_message.txt", context)
    return " ".join(subject.split()), body


def coordinator_addresses():
    users = get_user_model().objects.with_perm(
        roles.COORDINATE_SAMRAD,
        include_superusers=False,
        backend="django.contrib.auth.backends.ModelBackend",
    )
    addresses = [user.email for user in users if user.email]
    site = Site.objects.filter(is_default_site=True).first()
    mailbox = SamradSettings.for_site(site).coordinator_mailbox if site else ""
    if mailbox:
        addresses.append(mailbox)
    return sorted(set(addresses))


def queue(recipients, template, context, samrad_request):
    subject, body = render(template, context)
    Notification.objects.bulk_create(
        Notification(recipient=address, subject=subject, body=body, request=samrad_request)
        for address in recipients
    )
    send_after_commit()


def new_request(samrad_request):
    context = {
        "request_obj": samrad_request,
        "url": absolute(reverse("samrad:detail", args=[samrad_request.pk])),
    }
    queue(coordinator_addresses(), "new_request", context, samrad_request)


def request_planned(samrad_request):
    context = {
        "request_obj": samrad_request,
        "meeting": samrad_request.meeting,
        "url": absolute(reverse("samrad:mine_detail", args=[samrad_request.pk])),
    }
    queue([samrad_request.contact_email], "planned", context, samrad_request)


def tell_coordinators(samrad_request, what):
    """Something the coordinator must know about a request (withdrawn, consent withdrawn):
    what happened in a few words, never the content."""
    context = {
        "request_obj": samrad_request,
        "what": what,
        "url": absolute(reverse("samrad:detail", args=[samrad_request.pk])),
    }
    queue(coordinator_addresses(), "changed", context, samrad_request)


def request_withdrawn(samrad_request):
    with translation.override(settings.LANGUAGE_CODE):
        tell_coordinators(samrad_request, str(_("withdrawn by the professional")))


def consent_withdrawn(samrad_request):
    with translation.override(settings.LANGUAGE_CODE):
        tell_coordinators(samrad_request, str(_("the consent has been withdrawn")))


def information_added(samrad_request):
    with translation.override(settings.LANGUAGE_CODE):
        tell_coordinators(samrad_request, str(_("the professional has added information")))
