from django.apps import AppConfig


class HomeConfig(AppConfig):
    label = "home"
    name = "home"
    verbose_name = "Home"

    def ready(self):
        import portal.lookups  # noqa: F401  (registers the overflow-safe integer `in`)

        from . import editor_widgets, signals

        signals.connect()
        editor_widgets.register()
