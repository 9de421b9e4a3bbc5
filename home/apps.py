from django.apps import AppConfig


class HomeConfig(AppConfig):
    label = "home"
    name = "home"
    verbose_name = "Home"

    def ready(self):
        from . import signals

        signals.connect()
