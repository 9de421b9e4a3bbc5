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

from base.page_links import link_targets


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
        return [f'<a href="{escape(targets[id_].url)}">' if targets[id_] else "<a>" for id_ in ids]
