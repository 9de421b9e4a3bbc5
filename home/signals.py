"""Drop the anonymous page cache whenever something shown on public pages changes."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from guidance.models import ContactFunction, Party
from portal.cache import invalidate

from .models import SafetySettings

# A view restriction decides whether a page (and its menu link) is public at all; Wagtail's
# privacy dialog saves only the restriction, not the page.
SHOWN_ON_PUBLIC_PAGES = (Page, PageViewRestriction, Site, Party, ContactFunction, SafetySettings)


def invalidate_if_shown(sender, instance, **kwargs):
    if isinstance(instance, SHOWN_ON_PUBLIC_PAGES):
        invalidate()


def connect():
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(invalidate, dispatch_uid=f"page-cache-{id(signal)}")
    post_save.connect(invalidate_if_shown, dispatch_uid="page-cache-save")
    post_delete.connect(invalidate_if_shown, dispatch_uid="page-cache-delete")
