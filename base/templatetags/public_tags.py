"""What the head and the first screen of public pages show: the meta description, the
canonical address and the page in each language (for search engines), and the help line
shown at the top of the home page."""

from urllib.parse import urlsplit

from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Page, Site

from .navigation_tags import live_translations

register = template.Library()

# Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = 160
EMERGENCY_NUMBER = "112"


def site_root_url(request):
    """The site's own address as configured in Wagtail (Settings → Sites), not the Host
    header the request came with."""
    site = Site.find_for_request(request)
    return site.root_url if site else request.build_absolute_uri("/").rstrip("/")


@register.simple_tag(takes_context=True)
def site_address(context):
    """The site's configured address, e.g. for robots.txt's sitemap line."""
    return site_root_url(context["request"])


def describe(text):
    """At most DESCRIPTION_LENGTH characters. Counted as search engines count them: Django's
    Truncator leaves combining marks out of its count (Arabic's shadda, ّ), and an Arabic
    description would come out longer than the limit."""
    text = " ".join((text or "").split())
    if len(text) <= DESCRIPTION_LENGTH:
        return text
    return text[: DESCRIPTION_LENGTH - 1] + "…"


def page_alternates(page, request):
    """(language code, full URL) of the live page in every language, in the order of
    settings.LANGUAGES, with the part of the path after the page's own URL (a routable
    page's sub-page, such as a municipality in the finder) kept in each language."""
    own_path = urlsplit(page.get_url(request) or "").path
    suffix = request.path[len(own_path) :] if request.path.startswith(own_path) else ""
    translations = {
        translated.locale.language_code: translated
        for translated in live_translations(page, request)
        if translated.is_public
    }
    return [
        (code, translations[code].get_full_url(request) + suffix)
        for code, _name in settings.LANGUAGES
        if code in translations
    ]


def view_alternates(request):
    """(language code, full URL) of a view outside the page tree (the search) in every
    language, without the query string."""
    root = site_root_url(request)
    return [(code, root + translate_url(request.path, code)) for code, _name in settings.LANGUAGES]


@register.inclusion_tag("tags/page_head.html", takes_context=True)
def page_head(context, page=None, description=None):
    """Meta description, canonical link and hreflang alternates (with x-default, the
    site's default language) for a public page, or for the current view when page is None."""
    request = context["request"]
    if isinstance(page, Page):
        alternates = page_alternates(page, request)
        if description is None:
            specific = page.specific_deferred if type(page) is Page else page
            description = specific.search_description or getattr(specific, "intro", "")
    else:
        alternates = view_alternates(request)
    current = translation.get_language()
    urls = dict(alternates)
    canonical = urls.get(current) or site_root_url(request) + request.path
    return {
        "description": describe(description),
        "canonical": canonical,
        "alternates": alternates if len(alternates) > 1 else [],
        "x_default": urls.get(settings.LANGUAGE_CODE),
    }


@register.simple_tag(takes_context=True)
def featured_help_line(context):
    """The first national help line after the emergency number (which the safety bar
    shows): editors choose it by its place in the site settings' list."""
    from base.models import SafetySettings

    safety = SafetySettings.for_request(context["request"])
    for block in safety.help_lines:
        if block.value["number"].replace(" ", "") != EMERGENCY_NUMBER:
            return block
    return None
