from django.apps import AppConfig


class HomeConfig(AppConfig):
    label = "home"
    name = "home"
    verbose_name = "Home"
