from django.apps import AppConfig


class HomeConfig(AppConfig):
    label = "home"
    name = "home"
    verbose_name = "Home"

    def ready(self):
        from . import editor_widgets, signals

        signals.connect()
        editor_widgets.register()
