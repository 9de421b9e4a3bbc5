"""Parties and their contact functions are shown on the party pages and in the municipality
finder: a change drops the cached public pages (portal/cache.py)."""

from portal.cache import invalidate_on_change


def connect():
    from .models import ContactFunction, Party

    invalidate_on_change(Party, ContactFunction, dispatch_uid="organisations-page-cache")
