"""What counts as an anonymous request for a public page, and a response that is the same
for every such visitor: only these are cached whole (page_cache.py) and compressed
(compression.py)."""

import re

from django.conf import settings

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
PUBLIC_CONTENT_TYPES = ("text/html", "application/xml", "text/plain")


def is_anonymous_public_request(request):
    return (
        request.method in ("GET", "HEAD")
        # A cookie may carry a session (a signed-in user) or a CSRF secret.
        and not request.COOKIES
        and not request.path_info.startswith(settings.PRIVATE_PATH_PREFIXES)
    )


def is_public_response(response):
    cache_control = response.get("Cache-Control", "")
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and response.get("Content-Type", "").startswith(PUBLIC_CONTENT_TYPES)
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def accepts_gzip(request):
    return bool(ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", "")))
