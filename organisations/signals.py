"""Parties and their contact functions are shown on the party pages and in the municipality
finder: a change drops the cached public pages (portal/cache.py). A county saved gets its
editors' group and document collection (editors.py)."""

from django.db.models.signals import post_save

from portal.cache import invalidate_on_change


def county_saved(sender, instance, raw=False, **kwargs):
    from .editors import ensure_county_editors

    if not raw:
        ensure_county_editors(instance)


def connect():
    from .models import ContactFunction, County, Party

    invalidate_on_change(Party, ContactFunction, dispatch_uid="organisations-page-cache")
    post_save.connect(county_saved, sender=County, dispatch_uid="organisations-county-editors")
