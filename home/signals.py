"""Drop the anonymous page cache whenever something shown on public pages changes."""

import logging

from django.apps import apps
from django.db.models.signals import post_delete, post_migrate, post_save
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from guidance.models import ContactFunction, Party
from portal.cache import invalidate

from .models import SafetySettings

# A view restriction decides whether a page (and its menu link) is public at all; Wagtail's
# privacy dialog saves only the restriction, not the page. Locales decide which pages a
# language shows.
SHOWN_ON_PUBLIC_PAGES = (
    Page,
    PageViewRestriction,
    Site,
    Locale,
    Party,
    ContactFunction,
    SafetySettings,
)


def invalidate_if_shown(sender, instance, **kwargs):
    if isinstance(instance, SHOWN_ON_PUBLIC_PAGES):
        invalidate()


def invalidate_after_migrate(**kwargs):
    # Every deploy migrates before the new code serves (README "Deployment"): new code may
    # render pages and fragments differently, or cache other shapes of data, so nothing
    # cached by the old code is used again.
    try:
        invalidate()
    except Exception:  # the cache server may not be up yet; then nothing is cached either
        logging.getLogger(__name__).warning("Could not drop the page cache after migrating.")


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"page-cache-{id(signal)}")
    post_save.connect(invalidate_if_shown, dispatch_uid="page-cache-save")
    post_delete.connect(invalidate_if_shown, dispatch_uid="page-cache-delete")
    post_migrate.connect(
        invalidate_after_migrate, sender=apps.get_app_config("home"), dispatch_uid="page-cache"
    )
