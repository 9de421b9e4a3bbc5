from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    label = "organisations"
    name = "organisations"
    verbose_name = _("Organisations")

    def ready(self):
        from . import signals

        signals.connect()
