"""Page links in rich text, resolved with a fixed number of queries per text block.

Wagtail's own handler looks up the active locale once per link (`Page.localized`), and
the demo texts link a lot (up to 17 links on a page): measured with the caches off,
/om-operation-norrsken/ took 40 queries, 17 of them the same locale lookup. This handler
gives the same result (the live translation in the active language, else the page
itself) with one query for all the links of the page being rendered (base/page_links.py).
"""

from django.utils.html import escape
from wagtail.models import Page
from wagtail.rich_text.pages import PageLinkHandler

from base.page_links import link_targets, rendered_site_id


class LocalizedPageLinkHandler(PageLinkHandler):
    @classmethod
    def get_many(cls, attrs_list):
        # The base page is enough for its address; no query per page type.
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = {
            str(page.id): page for page in Page.objects.filter(id__in=ids).defer_streamfields()
        }
        return [pages.get(str(id_)) for id_ in ids]

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        ids = [str(attrs.get("id", "")) for attrs in attrs_list]
        targets = link_targets(ids)
        here = rendered_site_id()
        addresses = [link_address(targets[id_], here) if targets[id_] else None for id_ in ids]
        return [f'<a href="{escape(address)}">' if address else "<a>" for address in addresses]


def link_address(page, site_id):
    """The page's address from a page of the site `site_id`: the path alone where it is in
    that site, so the link stays on the host and port the visitor uses (Wagtail's page.url
    names the site's own host and port wherever there are several sites: `make run` serves
    on 8000, the demo's sites say 80). None when the page has no address."""
    if site_id is None:
        return page.url
    parts = page.get_url_parts()
    if parts is None or parts[2] is None:
        return None
    page_site_id, root_url, path = parts
    return path if page_site_id == site_id else root_url + path
