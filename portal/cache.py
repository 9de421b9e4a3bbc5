"""The content generation: one counter that every cached public page and every cached
piece of navigation is keyed on. Publishing anything shown on public pages bumps it, so all
old entries become unreachable at once (they expire on their own) and several app servers
sharing one cache (Redis) agree on what is current."""

import hashlib

from django.conf import settings
from django.core.cache import caches
from django.db import transaction

GENERATION_KEY = "page-cache:generation"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def generation(request=None):
    """The current generation, read once per request."""
    value = getattr(request, "_content_generation", None)
    if value is None:
        value = page_cache().get_or_set(GENERATION_KEY, 1, timeout=None)
        if request is not None:
            request._content_generation = value
    return value


def _bump():
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 2, timeout=None)


def invalidate(**kwargs):
    """Drop every cached page and navigation entry (signal receiver)."""
    _bump()
    # A request that reads the new generation before this transaction commits would still
    # see the old content and cache it under the new generation: bump again after commit.
    transaction.on_commit(_bump)


def cached(request, name, build, *parts):
    """build(), cached for the current generation under name and parts.

    For data that is the same for every visitor (menus, breadcrumbs, language links, the
    site, its settings, the page a path leads to): nothing that depends on the user, the
    session or a permission may go into build(). None is never cached, so unknown hosts
    and paths cannot fill the cache."""
    # Parts may come from the request (host, path): hashed, any text makes a valid key.
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    key = f"content:{generation(request)}:{name}:{digest}"
    cache = page_cache()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    return value
