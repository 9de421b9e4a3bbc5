from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    label = "outbox"
    name = "outbox"
    verbose_name = _("Mail outbox")
