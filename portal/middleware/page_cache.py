"""The content generation and the anonymous page cache (see portal/cache.py)."""

import hashlib

from django.conf import settings

from portal.cache import generation, one_generation, page_cache, page_copies

from .public import accepts_gzip, is_anonymous_public_request, is_public_response

# How long a process keeps its copy of a page: a page may change behind the signals' back
# (a bulk update), and no copy may outlive the shared entry by more than this. Then the
# page is read from the shared cache again, once per page and process.
COPY_SECONDS = 10


class ContentGenerationMiddleware:
    """Read the content generation (portal/cache.py) once per request, so the whole request
    sees one, and not again for every cached fragment."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with one_generation():
            return self.get_response(request)


class AnonymousPageCacheMiddleware:
    """Answer anonymous GET requests for public pages from the cache.

    Never cached: requests that carry cookies (a session may be signed in), anything but
    GET, query strings, private paths (staff, accounts, admin, documents), search, responses
    that set a cookie or say private/no-store, and anything but a plain 200 HTML, XML or
    text page. Pages are stored as sent, compressed or not (compression.py), so the key
    says which the client accepts.

    A page is kept in the shared cache (for the other processes and app servers) and, for
    COPY_SECONDS, in this process's memory (page_copies()): under its generation a page
    never changes, so most hits read only the generation from the shared cache, not the
    page (one round trip to Redis or one file read fewer per hit).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        key = self.key(request, generation())
        copies = page_copies()
        copy_seconds = min(COPY_SECONDS, settings.PAGE_CACHE_SECONDS)
        response = copies.get(key)
        if response is None:
            response = page_cache().get(key)
            if response is not None:
                copies.set(key, response, copy_seconds)
        if response is not None:
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if is_public_response(response):
            page_cache().set(key, response, settings.PAGE_CACHE_SECONDS)
            copies.set(key, response, copy_seconds)
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def is_cacheable_request(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method == "GET"
            and is_anonymous_public_request(request)
            # Query strings are never cached: ?x=1, ?x=2 ... must not fill the cache.
            and not request.META.get("QUERY_STRING")
            and not request.path_info.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES)
        )

    @staticmethod
    def key(request, generation):
        url = f"{request.get_host()}{request.get_full_path()}"
        encoding = "gzip" if accepts_gzip(request) else "identity"
        digest = hashlib.sha256(url.encode()).hexdigest()
        return f"page-cache:{generation}:{encoding}:{digest}"
