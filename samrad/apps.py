from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SamradConfig(AppConfig):
    label = "samrad"
    name = "samrad"
    verbose_name = _("Samråd requests")
