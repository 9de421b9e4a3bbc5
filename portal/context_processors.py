from functools import partial

from django.conf import settings

from portal.cache import content_version


def fragment_cache(request):
    """For {% wagtailcache %} and {% wagtailpagecache %} around the parts of public pages
    that are the same for every visitor (see portal/cache.py)."""
    return {
        "fragment_cache_seconds": settings.PAGE_CACHE_SECONDS,
        # A callable: templates call it, so pages without a cached fragment (staff pages)
        # never read the generation.
        "content_version": partial(content_version, request),
    }
