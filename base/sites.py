"""Each county has its own public site on the same installation (organisations.County):
what a public view lists must come from the tree of the site the request is for."""

from .templatetags.navigation_tags import localized_root


def in_request_site(pages, request):
    """`pages` (a PageQuerySet) below the request's site's root in the active language,
    the root included. Wagtail's `in_site` looks below the site's own root only, where a
    translation's pages are not: the root's translation is a tree of its own. The root is
    the one the menu reads (once per request), so this asks nothing more."""
    root = localized_root(request)
    if root is None:
        return pages.none()
    return pages.descendant_of(root, inclusive=True)
