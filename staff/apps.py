from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class StaffConfig(AppConfig):
    # Two AppConfig classes live in this module: without `default`, Django would use a
    # plain AppConfig for "staff" and ready() (and so the signals) would never run.
    default = True
    label = "staff"
    name = "staff"
    verbose_name = _("Staff area")

    def ready(self):
        from . import signals  # noqa: F401


class StaffUsersAppConfig(WagtailUsersAppConfig):
    user_viewset = "staff.viewsets.UserViewSet"
