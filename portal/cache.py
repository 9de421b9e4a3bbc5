"""The content generation: one counter that every cached public page and every cached
piece of navigation is keyed on. Publishing anything shown on public pages bumps it, so all
old entries become unreachable at once (they expire on their own) and several app servers
sharing one cache (Redis) agree on what is current.

The generation and whole pages live in the shared cache; what is cached under a generation
never changes, so each process keeps that in its own memory (CONTENT_CACHE_ALIAS)."""

import contextlib
import contextvars
import hashlib
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.utils import translation
from wagtail.models import Site

GENERATION_KEY = "page-cache:generation"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def content_cache():
    return caches[settings.CONTENT_CACHE_ALIAS]


def first_generation():
    # Never a number used before: when the shared cache is emptied (a Redis restart), the
    # processes' own copies of older generations must not match the new one.
    return time.time_ns() // 1000


# The generation of the request being served (portal.middleware.ContentGenerationMiddleware),
# so that it is read once and the same for all of the request, also in code that has no
# request at hand (model methods, settings). Unset outside requests.
_request_generation = contextvars.ContextVar("content_generation")


@contextlib.contextmanager
def one_generation():
    token = _request_generation.set(None)
    try:
        yield
    finally:
        _request_generation.reset(token)


def generation():
    """The current generation: read once per request, and on every call outside one."""
    try:
        value = _request_generation.get()
    except LookupError:  # not in a request: a task worker must not keep one for good
        return read_generation()
    if value is None:
        value = read_generation()
        _request_generation.set(value)
    return value


def read_generation():
    return page_cache().get_or_set(GENERATION_KEY, first_generation, timeout=None)


def _bump():
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, first_generation(), timeout=None)


def invalidate(**kwargs):
    """Drop every cached page and navigation entry (signal receiver)."""
    _bump()
    # A request that reads the new generation before this transaction commits would still
    # see the old content and cache it under the new generation: bump again after commit.
    transaction.on_commit(_bump)


def cached(name, build, *parts):
    """build(), cached for the current generation under name and parts.

    For data that is the same for every visitor (menus, breadcrumbs, language links, the
    site, its settings, the page a path leads to): nothing that depends on the user, the
    session or a permission may go into build(). None is never cached, so unknown hosts
    and paths cannot fill the cache."""
    key = content_key(name, parts)
    cache = content_cache()
    value = cache.get(key)
    if value is None:
        value = build()
        cache.set(key, value, settings.PAGE_CACHE_SECONDS)
    return value


def cached_many(name, build, ids, *parts):
    """{id: value} for several ids at once, as cached() is for one: build(missing ids)
    returns the values that are not in the cache, for one read and one write in all."""
    keys = {content_key(name, (pk, *parts)): pk for pk in ids}
    cache = content_cache()
    found = {keys[key]: value for key, value in cache.get_many(keys).items()}
    missing = [pk for pk in ids if pk not in found]
    if missing:
        built = build(missing)
        by_key = {key: built[pk] for key, pk in keys.items() if built.get(pk) is not None}
        cache.set_many(by_key, settings.PAGE_CACHE_SECONDS)
        found.update(built)
    return found


def content_key(name, parts):
    # Parts may come from the request (host, path): hashed, any text makes a valid key.
    digest = hashlib.sha256(repr(parts).encode()).hexdigest()
    return f"content:{generation()}:{name}:{digest}"


def content_version(request):
    """What a cached fragment of a public page varies on besides the page itself: the
    generation, the site (its settings and URLs) and the language (the interface text)."""
    site = Site.find_for_request(request)
    return f"{generation()}:{site.pk if site else 0}:{translation.get_language()}"
