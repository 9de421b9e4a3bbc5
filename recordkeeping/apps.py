from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RecordkeepingConfig(AppConfig):
    label = "recordkeeping"
    name = "recordkeeping"
    verbose_name = _("Records and data protection")
