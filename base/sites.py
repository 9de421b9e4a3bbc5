"""Each county has its own public site on the same installation (organisations.County):
what a public view lists must come from the tree of the site the request is for."""

from functools import reduce
from operator import or_

from django.db.models import Q
from wagtail.models import Page, Site

from portal.cache import once_per_generation


def site_tree_paths(request):
    """The tree paths of the request's site's root and of the root's translations (each
    translation of the root is a tree of its own): read from the database once per content
    generation and process (the answer changes only with the pages, which start a new
    generation). Which pages are public is never read from here."""
    site = Site.find_for_request(request)
    if site is None:
        return ()

    def read():
        root = Page.objects.filter(pk=site.root_page_id).values("translation_key")
        return tuple(Page.objects.filter(translation_key__in=root).values_list("path", flat=True))

    return once_per_generation(("site tree paths", site.pk, site.root_page_id), read)


def in_request_site(pages, request):
    """`pages` (a PageQuerySet) below the root of the request's site or below one of the
    root's translations, the roots included: Wagtail's `in_site` looks below the site's
    own root only. A filter on the tree path, which the search backends accept."""
    paths = site_tree_paths(request)
    if not paths:
        return pages.none()
    return pages.filter(reduce(or_, (Q(path__startswith=path) for path in paths)))
