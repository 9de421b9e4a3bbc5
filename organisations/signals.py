"""Counties, parties and their contact functions are shown on the party pages and in the
municipality finder: a change drops the cached public pages (portal/cache.py). A county
saved gets its editors' group and document collection (editors.py), and so does a county
whose home page gets a new language: its editors edit the new language's pages too."""

from django.db.models.signals import post_save

from portal.cache import invalidate_on_change


def county_saved(sender, instance, raw=False, **kwargs):
    from .editors import ensure_county_editors

    if not raw:
        ensure_county_editors(instance)


def page_created(sender, instance, created, raw=False, **kwargs):
    """A new top-level page that translates a county's site root (wagtail-localize makes one
    for each new language)."""
    from wagtail.models import Page

    if raw or not created or not isinstance(instance, Page) or instance.depth != 2:
        return
    from .editors import ensure_county_editors
    from .models import County

    for county in County.objects.filter(site__root_page__translation_key=instance.translation_key):
        ensure_county_editors(county)


def connect():
    from .models import ContactFunction, County, Party

    # A county's site says which municipalities its finder lists (guidance/models.py).
    invalidate_on_change(County, Party, ContactFunction, dispatch_uid="organisations-page-cache")
    post_save.connect(county_saved, sender=County, dispatch_uid="organisations-county-editors")
    # Every page type may be a home page: no sender, the receiver looks at the page.
    post_save.connect(page_created, dispatch_uid="organisations-county-home-translations")
