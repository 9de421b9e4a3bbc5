from wagtail import hooks

from .rich_text import LocalizedPageLinkHandler


@hooks.register("register_rich_text_features", order=1)
def register_localized_page_links(features):
    # After Wagtail's own registration (order 0), so that this handler replaces it.
    features.register_link_type(LocalizedPageLinkHandler)


# The site search's answer to a place name (registers the "search_pointers" hook).
from . import search  # noqa: E402, F401
