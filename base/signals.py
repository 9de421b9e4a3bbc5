"""Drop the cached public pages when pages, their privacy, sites, locales or the site
settings (safety, responsibility, search) change (portal/cache.py). Connected in HomeConfig.ready()."""

from django.apps import apps
from django.db.models.signals import post_migrate
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from portal.cache import invalidate, invalidate_after_migrate, invalidate_on_change

from .models import ResponsibilitySettings, SafetySettings, SearchSettings

# A view restriction decides whether a page (and its menu link) is public at all; Wagtail's
# privacy dialog saves only the restriction, not the page. Locales decide which pages a
# language shows. The search settings are kept per generation (base/views.py).
SHOWN_ON_PUBLIC_PAGES = (
    Page,
    PageViewRestriction,
    Site,
    Locale,
    SafetySettings,
    ResponsibilitySettings,
    SearchSettings,
)


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"page-cache-{id(signal)}")
    invalidate_on_change(*SHOWN_ON_PUBLIC_PAGES, dispatch_uid="home-page-cache")
    post_migrate.connect(
        invalidate_after_migrate, sender=apps.get_app_config("home"), dispatch_uid="page-cache"
    )
