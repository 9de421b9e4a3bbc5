from urllib.parse import urlencode, urlsplit

from django import template
from django.conf import settings
from django.db.models import BooleanField, Case, ExpressionWrapper, Q, Value, When
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from base.page_links import (
    remember_targets,
    rendered_link_ids,
    rendered_pages,
    targets_q,
    with_language,
)
from portal.cache import once_per_request, private_q, public
from portal.languages import is_right_to_left

register = template.Library()

# Views outside the page tree whose language links lead to the same view in the other
# language, with these parameters of the address kept (the search words).
PLACE_KEEPING_VIEWS = {"search"}
KEPT_PARAMETERS = ("q",)

# Navigation is the same for every visitor: templates/base.html renders each of these tags
# inside a {% wagtailcache %} fragment keyed on the content generation (portal/cache.py), so
# they query the database once per generation, page and language, not on every view.


def link(page, request):
    return (page.title, page.get_url(request), page.path)


def localized_root(request):
    """The site's root page in the active language (else the root itself)."""
    return root_and_top_level(request)[0]


def root_and_top_level(request):
    """(the site's root page in the active language, the live public pages below it), read
    together in one query once per request and language: for the main menu, the footer,
    the breadcrumbs and the help under the header (guidance/templatetags/finder_tags.py).
    By the language's code, without reading the locale first."""

    def read():
        site = Site.find_for_request(request)
        if site is None:
            return None, []
        source = site.root_page
        language = translation.get_language()
        # In the same query: the page being rendered in every language (live_translations).
        rendered = {page.translation_key: page for page in rendered_pages()}
        levels = Q(depth__in=(source.depth, source.depth + 1), locale__language_code=language)
        wanted = Q(live=True) & ((levels & ~private_q()) | Q(translation_key__in=rendered))
        # In the same query: where the links in the rendered page's body lead (page_links.py).
        link_ids = rendered_link_ids()
        if link_ids:
            wanted |= targets_q(link_ids)
        found = list(with_language(with_public_flag(Page.objects.filter(wanted))).order_by("path"))
        if link_ids:
            remember_targets(link_ids, found)
            found = [page for page in found if page.live]
        for key, page in rendered.items():
            translations = [other for other in found if other.translation_key == key]
            once_per_request(("translations", page.pk), lambda found=translations: found)
        pages = [
            page
            for page in found
            if page.is_public
            and page.locale.language_code == language
            and page.depth in (source.depth, source.depth + 1)
        ]
        root = next(
            (
                page
                for page in pages
                if page.depth == source.depth and page.translation_key == source.translation_key
            ),
            None,
        )
        if root is None:  # not translated: the site's own root and its pages
            return source, list(public(source.get_children().live()))
        return root, [page for page in pages if page.path.startswith(root.path) and page != root]

    return once_per_request(("root and top level", translation.get_language()), read)


def menu_items(links, current):
    """(title, url, aria-current value): "page" for the current page, "true" for its section."""
    path = current.path if isinstance(current, Page) else ""
    return [
        (title, url, "page" if path == item_path else "true" if path.startswith(item_path) else "")
        for title, url, item_path in links
    ]


def top_level_pages(request, in_menu):
    """The live public pages below the site's root in the active language, in the main menu
    or not."""
    pages = root_and_top_level(request)[1]
    return [page for page in pages if page.show_in_menus == in_menu]


def menu_pages(request):
    """The pages of the main menu."""
    return top_level_pages(request, in_menu=True)


def top_level_links(request, in_menu):
    pages = menu_pages(request) if in_menu else top_level_pages(request, in_menu=False)
    return [link(page, request) for page in pages]


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context, current=None):
    request = context["request"]
    return {"items": menu_items(top_level_links(request, in_menu=True), current)}


@register.inclusion_tag("tags/footer_menu.html", takes_context=True)
def footer_menu(context):
    # Pages at the top level that are not in the main menu (accessibility and
    # privacy statements and the like) are listed in the footer.
    return {"items": top_level_links(context["request"], in_menu=False)}


def known_ancestors(request, page):
    """The page's ancestors below the tree's root from what the menus read in this request
    (the site's root and the pages below it), or None where one of them is not there."""
    pages = {known.path: known for known in [localized_root(request)] if known}
    pages |= {known.path: known for known in top_level_pages(request, in_menu=True)}
    pages |= {known.path: known for known in top_level_pages(request, in_menu=False)}
    paths = [page.path[: Page.steplen * depth] for depth in range(2, page.depth)]
    if not all(path in pages for path in paths):
        return None
    return [pages[path] for path in paths]


@register.inclusion_tag("tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    request = context["request"]
    known = known_ancestors(request, page)
    # The site's root page (depth 2) is shown as "Home" in the current language.
    ancestors = [
        (None if ancestor.depth == 2 else ancestor.title, ancestor.get_url(request))
        for ancestor in (known if known is not None else page.get_ancestors().filter(depth__gt=1))
    ]
    return {"ancestors": ancestors, "page": page}


@register.inclusion_tag("tags/language_links.html", takes_context=True)
def language_links(context, page=None):
    """Links to this page in the other languages; the site root when there is none. The
    place is kept: a routable page's sub-page (a municipality in the finder), and for the
    search its words."""
    request = context["request"]
    current = translation.get_language()
    match = request.resolver_match
    if not isinstance(page, Page) and match and match.url_name in PLACE_KEEPING_VIEWS:
        return {"links": view_language_links(request, current)}
    source = page if isinstance(page, Page) else localized_root(request)
    translations = live_translations(source, request) if source else []
    urls = {
        translated.locale.language_code: translated.get_url(request)
        for translated in translations
        if translated.pk != source.pk
    }
    place = sub_page_path(page, request) if isinstance(page, Page) else ""
    return {
        "links": [
            language_link(code, name, urls[code] + place)
            for code, name in settings.LANGUAGES
            if code != current and code in urls
        ]
    }


def with_public_flag(pages):
    """The pages with their locales, each with `is_public`: outside every private section."""
    public_flag = Case(When(private_q(), then=Value(False)), default=Value(True))
    flag = ExpressionWrapper(public_flag, output_field=BooleanField())
    return pages.annotate(is_public=flag).select_related("locale")


def live_translations(page, request):
    """The page in each language it is live in, itself included, with their locales and
    `is_public`: read once per request for the head's alternates (the public ones) and the
    language links, with the menus' pages where it is the page being rendered."""
    root_and_top_level(request)
    return once_per_request(
        ("translations", page.pk),
        lambda: list(with_public_flag(page.get_translations(inclusive=True).live())),
    )


def language_link(code, name, url):
    """(code, the language's own name, url, right to left?) for templates/tags/language_links.html."""
    return (code, name, url, is_right_to_left(code))


def sub_page_path(page, request):
    """What the path adds to the page's own URL: a routable page's sub-page, such as a
    municipality in the finder (the same in every language)."""
    own_path = urlsplit(page.get_url(request) or "").path
    return request.path[len(own_path) :] if own_path and request.path.startswith(own_path) else ""


def view_language_links(request, current):
    """The same view (outside the page tree, so in every language) with the same words."""
    query = urlencode(
        {name: request.GET[name] for name in KEPT_PARAMETERS if request.GET.get(name)}
    )
    return [
        language_link(
            code, name, translate_url(request.path, code) + (f"?{query}" if query else "")
        )
        for code, name in settings.LANGUAGES
        if code != current
    ]


@register.simple_tag
def quick_exit_fallback_url():
    """For pages that must render without the database (and so without site settings)."""
    return settings.QUICK_EXIT_FALLBACK_URL
