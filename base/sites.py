"""Each county has its own public site on the same installation (organisations.County):
what a public view lists must come from the tree of the site the request is for."""

from django.db.models import Exists, OuterRef
from django.db.models.functions import Length, Substr
from wagtail.models import Page, Site


def in_request_site(pages, request):
    """`pages` (a PageQuerySet) below the root of the request's site or below one of the
    root's translations, the roots included. Wagtail's `in_site` looks below the site's own
    root only, where its translations' pages are not: each translation of the root is a
    tree of its own. As a subquery of the pages' own query: the site (read once per
    request) gives the root's id, so this asks the database nothing more."""
    site = Site.find_for_request(request)
    if site is None:
        return pages.none()
    root = Page.objects.filter(pk=site.root_page_id).values("translation_key")
    # A root of the site whose tree path begins the page's own: an ancestor, or the page.
    roots = Page.objects.filter(
        translation_key__in=root, path=Substr(OuterRef("path"), 1, Length("path"))
    )
    # By id: Wagtail's search backends accept a filter on a field, not an expression.
    return pages.filter(pk__in=Page.objects.filter(Exists(roots)).values("pk"))
