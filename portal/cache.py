"""The content generation: one counter that every cached public page and every cached
fragment of a public page is keyed on. Publishing anything shown on public pages bumps it,
so all old entries become unreachable at once (they expire on their own) and several app
servers sharing one cache (Redis) agree on what is current. On one machine with the
file-based cache, the generation has a file of its own (portal/generation_file.py).

Three things are keyed on it, and nothing else is cached:

- the anonymous page cache (portal/middleware/page_cache.py): whole public pages, in the
  shared cache, and for 10 seconds in each process's memory ("page_copies");
- Wagtail's {% wagtailpagecache %} and {% wagtailcache %} fragments of public pages
  (portal/context_processors.py), in each process's memory ("template_fragments");
- what public pages read on every request and that changes only with the content, in each
  process's memory (once_per_generation): the tree paths of each site's root and its
  translations (base/sites.py), the address of every page for routing (base/routing.py),
  the active locale, the search settings and each site's municipalities (guidance/models.py).

Nothing that decides access (view restrictions, roles, whether a page is live) is read from
any of them: a page the page cache does not answer is checked by Wagtail against the
database.

No Wagtail method is overridden for speed but Page.route, which Wagtail documents for
custom routing (base/routing.py). A page the page cache does not answer still costs what
Wagtail reads on every request (the site, the locale, the site's root page and the view
restrictions), which is private to Wagtail or decides access. Measurements:
docs/benchmarks.md."""

import contextlib
import contextvars
import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils import translation
from wagtail.models import Locale, Page, Site

from .generation_file import generation_file

GENERATION_KEY = "page-cache:generation"


def page_cache():
    return caches[settings.PAGE_CACHE_ALIAS]


def page_copies():
    """This process's copies of the page cache's pages (see page_cache.py)."""
    return caches[settings.PAGE_COPIES_ALIAS]


def first_generation():
    # Never a number used before: when the shared cache is emptied (a Redis restart), the
    # processes' own copies of older generations must not match the new one.
    return time.time_ns() // 1000


# The generation of the request being served (ContentGenerationMiddleware), so that it is
# read once and the same for all of the request. Unset outside requests.
_request_generation = contextvars.ContextVar("content_generation")
# What a public page reads several times while it renders (the view restrictions, the site's
# root in the visitor's language, the pages its text links to): read once per request.
# Never what decides access. Unset outside requests.
_request_memo = contextvars.ContextVar("request_memo")


@contextlib.contextmanager
def one_generation():
    token = _request_generation.set(None)
    memo_token = _request_memo.set({})
    try:
        yield
    finally:
        _request_memo.reset(memo_token)
        _request_generation.reset(token)


def once_per_request(key, compute):
    """compute() the first time `key` is asked for in this request, the same value after;
    compute() on every call outside a request."""
    try:
        memo = _request_memo.get()
    except LookupError:
        return compute()
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def private_q():
    """Wagtail's condition for the pages in a private section (PageQuerySet.private_q),
    with the view restrictions read once per request rather than once per queryset. Read
    from the database in every request, never from a cache."""
    return once_per_request("private pages", lambda: Page.objects.all().private_q())


def public(pages):
    """`pages.public()`, with the view restrictions read once per request."""
    return pages.exclude(private_q())


def active_locale():
    """Wagtail's active locale (Locale.get_active), read once per content generation,
    process and language: a locale saved or deleted starts a new generation (base/signals.py)."""
    return once_per_generation(("locale", translation.get_language()), Locale.get_active)


# (generation, {key: value}): what once_per_generation() keeps, for one generation only.
# The pair is replaced as a whole when the generation changes, so no thread reads one
# generation's values under another's number; within a generation a value is added by one
# dict assignment.
_generation_memo = (None, {})


def once_per_generation(key, compute):
    """compute() once per content generation and process, the same value after, for what
    public pages read on every request and what changes only with content that bumps the
    generation. Never for what decides access. Values are shared by every request (and
    thread) of the process: return what no caller changes (tuples, not lists)."""
    global _generation_memo
    current = generation()
    memo_generation, memo = _generation_memo
    if memo_generation != current:
        memo = {}
        _generation_memo = (current, memo)
    try:
        return memo[key]
    except KeyError:
        value = memo[key] = compute()
        return value


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
    file = own_generation_file()
    if file is not None:
        return file.read(first_generation)
    return page_cache().get_or_set(GENERATION_KEY, first_generation, timeout=None)


def _bump():
    file = own_generation_file()
    if file is not None:
        file.bump(first_generation)
        return
    cache = page_cache()
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, first_generation(), timeout=None)


def own_generation_file():
    """With the file-based page cache (one machine), the generation's own file in the
    cache's directory (portal/generation_file.py); else None: it is kept in the shared
    cache (Redis), or the process's own (tests)."""
    config = settings.CACHES[settings.PAGE_CACHE_ALIAS]
    if config["BACKEND"] != "django.core.cache.backends.filebased.FileBasedCache":
        return None
    return generation_file(config["LOCATION"])


def invalidate(**kwargs):
    """Drop every cached page and fragment (a signal receiver)."""
    _bump()
    # A request that reads the new generation before this transaction commits would still
    # see the old content and cache it under the new generation: bump again after commit.
    transaction.on_commit(_bump)


def invalidate_after_migrate(**kwargs):
    # Every deploy migrates before the new code serves (README "Deployment"): new code may
    # render pages and fragments differently, so nothing cached by the old code is used.
    try:
        invalidate()
    except Exception:  # the cache server may not be up yet; then nothing is cached either
        logging.getLogger(__name__).warning("Could not drop the page cache after migrating.")


def invalidate_on_change(*models, dispatch_uid):
    """Drop the cached pages whenever an instance of one of `models` (or of a subclass: each
    page type is its own sender) is saved or deleted. Each app calls this in its
    AppConfig.ready() for the models of its own that public pages show."""

    def receiver(sender, instance, **kwargs):
        if isinstance(instance, models):
            invalidate()

    post_save.connect(receiver, weak=False, dispatch_uid=f"{dispatch_uid}-save")
    post_delete.connect(receiver, weak=False, dispatch_uid=f"{dispatch_uid}-delete")


def content_version(request):
    """What a cached fragment of a public page varies on besides the page itself: the
    generation, the site (its settings and URLs) and the language (the interface text)."""
    site = Site.find_for_request(request)
    return f"{generation()}:{site.pk if site else 0}:{translation.get_language()}"
