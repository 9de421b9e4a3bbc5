"""Where the page links in a page's rich text lead, read together once per request.

Wagtail's rewriter asks for the links of one text block at a time. With the content cache
empty (as after a publish) that cost three queries per block (the pages, the locale, their
translations): 15 of the English home page's 38. The page being rendered is remembered
(no query), and the first block's lookup reads the targets of every link in its body at
once, with their translations, in one query; where the menus are read first (the page's
head reads them), in their query (home/templatetags/navigation_tags.py).
"""

import re

from django.db.models import F, Q
from django.utils import translation
from wagtail.models import Page

from portal.cache import once_per_request

# A page link as the rich-text editor stores it, also inside the body's JSON.
PAGE_LINK = re.compile(r'linktype=\\?"page\\?" id=\\?"(\d+)')
RENDERED_PAGES = "rendered pages"
LINK_TARGETS = "page links"


def rendering(page):
    """Remember the page this request renders (no query)."""
    once_per_request(RENDERED_PAGES, list).append(page)


def rendered_pages():
    """The pages `rendering` remembered in this request."""
    return once_per_request(RENDERED_PAGES, list)


def rendered_site_id():
    """The id of the site of the page this request renders (from Wagtail's cached site root
    paths, no query), or None."""
    pages = rendered_pages()
    parts = pages[0].get_url_parts() if pages else None
    return parts[0] if parts else None


def body_link_ids(page):
    body = getattr(page, "body", None)
    return set(PAGE_LINK.findall(str(list(body.raw_data)))) if body else set()


def link_targets(ids):
    """{id: the live translation in the active language, else the page itself, else None}
    for page ids as the rich text gives them (strings)."""
    known = once_per_request(LINK_TARGETS, dict)
    missing = {id_ for id_ in ids if id_ not in known}
    if missing:
        if not known:
            missing |= rendered_link_ids()
        known.update(read_targets(missing))
    return {id_: known.get(id_) for id_ in ids}


def rendered_link_ids():
    """The ids of the pages that the bodies of the pages rendered in this request link to."""
    ids = set()
    for page in rendered_pages():
        ids |= body_link_ids(page)
    return ids


def targets_q(ids):
    """The pages `ids` name and their live translations in the active language: what
    resolve_targets needs, for a query of pages annotated with `language` (the code of
    each one's locale). Read together with the menus' pages (navigation_tags.py)."""
    numbers = [int(id_) for id_ in ids if id_ and id_.isdigit()]
    # By the language's code: no query for the locale first.
    keys = Page.objects.filter(id__in=numbers).values("translation_key")
    return Q(id__in=numbers) | Q(
        locale__language_code=translation.get_language(), live=True, translation_key__in=keys
    )


def with_language(pages):
    return pages.annotate(language=F("locale__language_code"))


def read_targets(ids):
    pages = with_language(Page.objects.filter(targets_q(ids))).defer_streamfields()
    return resolve_targets(ids, list(pages))


def remember_targets(ids, pages):
    """Keep for this request where the links `ids` lead, from `pages` read with targets_q."""
    once_per_request(LINK_TARGETS, dict).update(resolve_targets(ids, pages))


def resolve_targets(ids, pages):
    language = translation.get_language()
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
