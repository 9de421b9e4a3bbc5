from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class StaffConfig(AppConfig):
    label = "staff"
    name = "staff"
    verbose_name = _("Staff area")

    def ready(self):
        from . import signals  # noqa: F401


class StaffUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "staff.viewsets.UserViewSet"
