"""Site-wide response plumbing, one module per concern:

- security.py: the Content-Security-Policy and Permissions-Policy headers;
- page_cache.py: the content generation and the anonymous page cache (portal/cache.py);
- compression.py: gzip for public pages, never for a page that carries a secret;
- public.py: what counts as an anonymous request for a public page, for the two above.

The staff area's own middleware (second factor, no-store) is in staff/middleware.py."""
