"""Routing an address to its page with one query, not two per level of the path.

Wagtail's Page.route finds each level's child by its slug and then reads the child's
specific page: two queries per level, four for /stod/polisen/. Here the address of every
page (its url_path) with its id and type is read once per content generation and process
(portal/cache.py); a request then reads from the database only the page it is for. That
page's own route() decides whether it is live and what a routable page does with the rest
of the path, and Wagtail's hooks check its view restrictions after routing, so nothing that
decides access comes from the memo. Where the memo and the database disagree, Wagtail's own
routing answers."""

from types import MappingProxyType

from django.contrib.contenttypes.models import ContentType
from wagtail.models import Page

from portal.cache import once_per_generation


def page_addresses():
    """{url_path: (page id, content type id)} of every page, once per content generation
    (every page saved, moved or deleted starts a new one: base/signals.py)."""

    def read():
        rows = Page.objects.values_list("url_path", "pk", "content_type_id")
        return MappingProxyType({url_path: (pk, type_id) for url_path, pk, type_id in rows})

    return once_per_generation("page addresses", read)


def descendant_for(parent, path_components, plain_route):
    """(page, the path components left for it) for the deepest page below `parent` that
    Wagtail's routing would reach by slugs alone, read from the database; None where the
    memo does not know the first component or the database disagrees with it. It stops at
    a page whose type routes differently (a routable page: `plain_route` is the route of
    the types that only look for a child by slug)."""
    addresses = page_addresses()
    url_path = parent.url_path
    found = None
    for depth, slug in enumerate(path_components, start=1):
        url_path = f"{url_path}{slug}/"
        entry = addresses.get(url_path)
        if entry is None:
            break
        model = ContentType.objects.get_for_id(entry[1]).model_class()
        if model is None:
            return None
        found = (model, entry[0], url_path, depth)
        if getattr(model, "route", None) not in plain_route:
            break
    if found is None:
        return None
    model, pk, url_path, depth = found
    # By id and address together: a page moved since the memo was read is not this one.
    page = model.objects.filter(pk=pk, url_path=url_path).first()
    if page is None:
        return None
    return page, path_components[depth:]
