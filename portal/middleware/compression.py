"""Gzip for public pages: the home page's 8,174 bytes of HTML go out as 3,118.

Compression is applied only where the page carries no secret: a compressed page whose
size an attacker can watch while putting text of their own into it (a search query, say)
gives away, byte by byte, any secret in the same page (the BREACH attack). So only
anonymous requests for public pages (no cookie: no session, no CSRF secret) whose
response sets no cookie, is not private and rendered no CSRF token are compressed; the
staff area, accounts, the admin and every form with a CSRF token go out uncompressed."""

from django.middleware.gzip import GZipMiddleware

from .public import is_anonymous_public_request, is_public_response


class PublicPageGZipMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, for public pages only. In settings.MIDDLEWARE it comes right
    after the page cache (so cached pages are stored compressed and a hit costs no
    compression) and before everything that sets cookies or renders the page (so it sees
    their cookies and the finished body)."""

    def process_response(self, request, response):
        if (
            is_anonymous_public_request(request)
            and is_public_response(response)
            # get_token() was called: the page holds a CSRF token (a secret) in a form.
            and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
        ):
            return super().process_response(request, response)
        return response
