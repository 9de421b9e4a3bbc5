from django import template
from django.conf import settings
from django.utils import translation
from wagtail.models import Page, Site

register = template.Library()


def localized_root(request):
    site = Site.find_for_request(request)
    return site.root_page.localized if site else None


def menu_items(pages, current):
    """(page, aria-current value) pairs: "page" for the current page, "true" for its section."""
    path = current.path if isinstance(current, Page) else ""
    return [
        (item, "page" if path == item.path else "true" if path.startswith(item.path) else "")
        for item in pages
    ]


@register.inclusion_tag("tags/main_menu.html", takes_context=True)
def main_menu(context, current=None):
    root = localized_root(context["request"])
    pages = root.get_children().live().public().in_menu() if root else Page.objects.none()
    return {"items": menu_items(pages, current)}


@register.inclusion_tag("tags/footer_menu.html", takes_context=True)
def footer_menu(context):
    # Pages at the top level that are not in the main menu (accessibility and
    # privacy statements and the like) are listed in the footer.
    root = localized_root(context["request"])
    items = root.get_children().live().public().not_in_menu() if root else Page.objects.none()
    return {"items": items}


@register.inclusion_tag("tags/breadcrumbs.html")
def breadcrumbs(page):
    ancestors = page.get_ancestors().filter(depth__gt=1) if page else []
    return {"ancestors": ancestors, "page": page}


@register.inclusion_tag("tags/language_links.html", takes_context=True)
def language_links(context, page=None):
    """Links to this page in the other languages; the site root when there is none."""
    current = translation.get_language()
    source = page if isinstance(page, Page) else localized_root(context["request"])
    translations = source.get_translations().live().select_related("locale") if source else []
    names = dict(settings.LANGUAGES)
    return {
        "links": [
            (code, names.get(code, code), translated.url)
            for translated in translations
            if (code := translated.locale.language_code) != current
        ]
    }


@register.simple_tag
def quick_exit_fallback_url():
    """For pages that must render without the database (and so without site settings)."""
    return settings.QUICK_EXIT_FALLBACK_URL
