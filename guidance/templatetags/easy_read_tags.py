"""The header link between a page and its easy-to-read version (lättläst)."""

from django import template
from django.db.models import F, Q
from wagtail.models import Page

from base.sites import in_request_site
from base.templatetags.navigation_tags import sub_page_path
from guidance.models import EasyReadPage, MunicipalityFinderMixin

register = template.Library()

# A site's root (the home page) is at this depth; the easy-to-read page that simplifies it
# is the easy-to-read start page.
SITE_ROOT_DEPTH = 2


def easy_version(page, request):
    """The live easy-to-read page of the request's site that simplifies `page` (in any of
    its languages: the easy-to-read pages are Swedish), else the site's easy-to-read start
    page, else None: never another county's site's. One query."""
    wanted = Q(original__depth=SITE_ROOT_DEPTH)
    if isinstance(page, Page):
        wanted |= Q(original__translation_key=page.translation_key)
    candidates = list(
        in_request_site(EasyReadPage.objects.live(), request)
        .filter(wanted)
        .annotate(original_key=F("original__translation_key"))
        .order_by("path")
        .defer_streamfields()
    )
    key = page.translation_key if isinstance(page, Page) else None
    for candidate in candidates:
        if key is not None and candidate.original_key == key:
            return candidate
    return candidates[0] if candidates else None


@register.inclusion_tag("tags/easy_read_link.html", takes_context=True)
def easy_read_link(context, page=None):
    """On an ordinary page: "Lättläst", to its easy-to-read version or the easy-to-read
    start page. On an easy-to-read page: "Vanlig text", back to the page it simplifies.
    A municipality in the finder keeps its place either way."""
    request = context["request"]
    if isinstance(page, EasyReadPage):
        original = page.original
        if original is None or not original.live:
            return {}
        url = original.get_url(request)
        if isinstance(page, MunicipalityFinderMixin):
            url += sub_page_path(page, request)
        return {"url": url, "easy": False}
    easy = easy_version(page, request)
    if easy is None:
        return {}
    url = easy.get_url(request)
    if isinstance(page, MunicipalityFinderMixin) and easy.original_key == page.translation_key:
        url += sub_page_path(page, request)
    return {"url": url, "easy": True}
