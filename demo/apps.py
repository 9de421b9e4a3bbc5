from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo content loader (`manage.py load_demo_content`): the one app that may see
    every other app, so that none of them has to know the ones above it."""

    label = "demo"
    name = "demo"
    verbose_name = "Demo content"
