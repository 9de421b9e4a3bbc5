import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200
# Only words reach the search backend: quotes and operators break SQLite's full-text syntax.
NOT_A_WORD = re.compile(r"[^\w\s-]+")


def search(request):
    """Search the live public pages of the visitor's language; restricted pages never show."""
    query = request.GET.get("q", "").strip()
    error = ""
    results = Page.objects.none()
    if len(query) > MAX_QUERY_LENGTH:
        error = _("The search text is too long. Use at most %(max)d characters.") % {
            "max": MAX_QUERY_LENGTH
        }
    elif terms := " ".join(NOT_A_WORD.sub(" ", query).split()):
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .defer_streamfields()
            .specific()
            .search(terms)
        )
    paginator = Paginator(results, 10)
    try:
        page = paginator.page(request.GET.get("sida", 1))
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1)
    return TemplateResponse(
        request,
        "home/search.html",
        {"query": query, "results": page, "error": error},
    )


def robots_txt(request):
    return TemplateResponse(
        request, "home/robots.txt", {"host": request.get_host()}, content_type="text/plain"
    )
