from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class GuidanceConfig(AppConfig):
    label = "guidance"
    name = "guidance"
    verbose_name = _("Public guidance")
