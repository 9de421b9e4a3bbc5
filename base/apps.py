from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    # The tables, content types, permissions and migration history are keyed by the label,
    # so it stays "home" and existing databases migrate without a data step.
    label = "home"
    name = "base"
    verbose_name = _("Site base")

    def ready(self):
        import portal.lookups  # noqa: F401  (registers the overflow-safe integer `in`)

        from . import editor_widgets, signals

        signals.connect()
        editor_widgets.register()
