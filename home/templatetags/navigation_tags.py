from urllib.parse import urlencode, urlsplit

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

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
    site = Site.find_for_request(request)
    return site.root_page.localized if site else None


def menu_items(links, current):
    """(title, url, aria-current value): "page" for the current page, "true" for its section."""
    path = current.path if isinstance(current, Page) else ""
    return [
        (title, url, "page" if path == item_path else "true" if path.startswith(item_path) else "")
        for title, url, item_path in links
    ]


def top_level_pages(request, in_menu):
    root = localized_root(request)
    if root is None:
        return []
    return list(root.get_children().live().public().filter(show_in_menus=in_menu))


def menu_pages(request):
    """The pages of the main menu, read once per request and language: the help under the
    header (guidance/templatetags/finder_tags.py) finds the finder among them."""
    cached = getattr(request, "_norrsken_menu_pages", None)
    language = translation.get_language()
    if cached is None or cached[0] != language:
        cached = request._norrsken_menu_pages = (language, top_level_pages(request, in_menu=True))
    return cached[1]


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


@register.inclusion_tag("tags/breadcrumbs.html", takes_context=True)
def breadcrumbs(context, page):
    request = context["request"]
    # The site's root page (depth 2) is shown as "Home" in the current language.
    ancestors = [
        (None if ancestor.depth == 2 else ancestor.title, ancestor.get_url(request))
        for ancestor in page.get_ancestors().filter(depth__gt=1)
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
    translations = source.get_translations().live().select_related("locale") if source else []
    urls = {
        translated.locale.language_code: translated.get_url(request) for translated in translations
    }
    place = sub_page_path(page, request) if isinstance(page, Page) else ""
    return {
        "links": [
            language_link(code, name, urls[code] + place)
            for code, name in settings.LANGUAGES
            if code != current and code in urls
        ]
    }


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
