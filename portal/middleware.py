"""Site-wide response plumbing: security headers and the anonymous page cache."""

import contextlib
import hashlib

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.db import DatabaseError
from wagtail.models import Site

from portal.cache import cached, generation, one_generation, page_cache


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """The strict policy everywhere; Wagtail's admin (editors with a second factor only)
    needs inline script and style, so it gets its own policy."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and request.path_info.startswith("/admin/"):
            parts.config = settings.ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class ContentGenerationMiddleware:
    """Read the content generation (portal/cache.py) once per request, so the whole request
    sees one, and not again for every cached menu, fragment or setting."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with one_generation():
            return self.get_response(request)


class PermissionsPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        return response


def find_site(request):
    site = Site._find_for_request(request)
    if site is not None:
        # Wagtail routes from site.root_page.specific: keep the specific page, so that
        # costs no query either.
        site.root_page = site.root_page.specific
    return site


class CachedSiteMiddleware:
    """Find the Wagtail site for the request's host from the cache.

    Wagtail looks the site up with one query per request and keeps it on the request as
    `_wagtail_site` (see Site.find_for_request); the query with its CASE expression costs
    several milliseconds of CPU, and sites change only when an administrator edits them
    (which bumps the content generation, home/signals.py)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not hasattr(request, "_wagtail_site"):
            # Without a database the views that need none (/healthz/ reports it as down)
            # still answer; the others fail on their own and get the 503 page.
            with contextlib.suppress(DatabaseError):
                request._wagtail_site = cached(
                    "site",
                    lambda: find_site(request),
                    request.META.get("HTTP_HOST", ""),
                    request.get_port(),
                )
        return self.get_response(request)


# --- The anonymous page cache -------------------------------------------------------


class AnonymousPageCacheMiddleware:
    """Answer anonymous GET requests for public pages from the cache.

    Never cached: requests that carry cookies (a session may be signed in), anything but
    GET/HEAD, private paths (staff, accounts, admin, documents), responses that set a
    cookie or say private/no-store, and anything but a plain 200 HTML page.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self.is_cacheable_request(request):
            return self.get_response(request)
        cache = page_cache()
        key = self.key(request, generation())
        response = cache.get(key)
        if response is not None:
            response["X-Cache"] = "hit"
            return response
        response = self.get_response(request)
        if self.is_cacheable_response(response):
            cache.set(key, response, settings.PAGE_CACHE_SECONDS)
            response["X-Cache"] = "miss"
        return response

    @staticmethod
    def is_cacheable_request(request):
        return (
            settings.PAGE_CACHE_SECONDS > 0
            and request.method == "GET"
            # Query strings are never cached: ?x=1, ?x=2 ... must not fill the cache.
            and not request.META.get("QUERY_STRING")
            and not request.COOKIES
            and not request.path_info.startswith(settings.PAGE_CACHE_EXCLUDED_PREFIXES)
        )

    @staticmethod
    def is_cacheable_response(response):
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and response.get("Content-Type", "").startswith(
                ("text/html", "application/xml", "text/plain")
            )
            and "private" not in cache_control
            and "no-store" not in cache_control
        )

    @staticmethod
    def key(request, generation):
        url = f"{request.get_host()}{request.get_full_path()}"
        return f"page-cache:{generation}:{hashlib.sha256(url.encode()).hexdigest()}"
