"""Where the page links in a page's rich text lead, read together once per request.

Wagtail's rewriter asks for the links of one text block at a time. With the content cache
empty (as after a publish) that cost three queries per block (the pages, the locale, their
translations): 15 of the English home page's 38. The page being rendered is remembered
(no query), and the first block's lookup reads the targets of every link in its body at
once, with their translations, in one query.
"""

import re

from django.db.models import F, Q
from django.utils import translation
from wagtail.models import Page

from portal.cache import once_per_request

# A page link as the rich-text editor stores it, also inside the body's JSON.
PAGE_LINK = re.compile(r'linktype=\\?"page\\?" id=\\?"(\d+)')
RENDERED_PAGES = "rendered pages"


def rendering(page):
    """Remember the page this request renders (no query)."""
    once_per_request(RENDERED_PAGES, list).append(page)


def rendered_pages():
    """The pages `rendering` remembered in this request."""
    return once_per_request(RENDERED_PAGES, list)


def body_link_ids(page):
    body = getattr(page, "body", None)
    return set(PAGE_LINK.findall(str(list(body.raw_data)))) if body else set()


def link_targets(ids):
    """{id: the live translation in the active language, else the page itself, else None}
    for page ids as the rich text gives them (strings)."""
    known = once_per_request("page links", dict)
    missing = {id_ for id_ in ids if id_ not in known}
    if missing:
        if not known:
            for page in once_per_request(RENDERED_PAGES, list):
                missing |= body_link_ids(page)
        known.update(read_targets(missing))
    return {id_: known.get(id_) for id_ in ids}


def read_targets(ids):
    numbers = [int(id_) for id_ in ids if id_ and id_.isdigit()]
    # By the language's code: no query for the locale first.
    language = translation.get_language()
    keys = Page.objects.filter(id__in=numbers).values("translation_key")
    wanted = Q(id__in=numbers) | Q(
        locale__language_code=language, live=True, translation_key__in=keys
    )
    pages = list(
        Page.objects.filter(wanted)
        .annotate(language=F("locale__language_code"))
        .defer_streamfields()
    )
    by_id = {page.id: page for page in pages}
    translations = {
        page.translation_key: page for page in pages if page.language == language and page.live
    }
    targets = {}
    for id_ in ids:
        page = by_id.get(int(id_)) if id_ and id_.isdigit() else None
        if page is not None and page.language != language:
            page = translations.get(page.translation_key, page)
        targets[id_] = page
    return targets
