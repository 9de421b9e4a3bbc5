import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from .models import staff_only_content_types

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# The best matches only: a longer list helps no one, and counting them all costs a query.
MAX_RESULTS = 100
# Only words reach the search backend: quotes and operators break SQLite's full-text syntax.
NOT_A_WORD = re.compile(r"[^\w\s-]+")


def search(request):
    """Search the live public pages of the visitor's language; restricted pages never show."""
    query = request.GET.get("q", "").strip()
    error = ""
    hits = []
    if len(query) > MAX_QUERY_LENGTH:
        error = _("The search text is too long. Use at most %(max)d characters.") % {
            "max": MAX_QUERY_LENGTH
        }
    elif terms := " ".join(NOT_A_WORD.sub(" ", query).split()):
        # The ids only: each result is shown from a cached fragment keyed on its id
        # (templates/home/search.html), and one more than is shown tells whether there are
        # more, without a query to count. Staff page types never show, whatever their
        # view restrictions.
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .exclude(content_type__in=staff_only_content_types())
        )
        hits = list(results.only("id", "content_type").search(terms)[: MAX_RESULTS + 1])
    paginator = Paginator(hits[:MAX_RESULTS], RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("sida", 1))
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1)
    return TemplateResponse(
        request,
        "home/search.html",
        {
            "query": query,
            "error": error,
            "results": page,
            "more": len(hits) > MAX_RESULTS,
            "max_results": MAX_RESULTS,
        },
    )


def robots_txt(request):
    return TemplateResponse(
        request, "home/robots.txt", {"host": request.get_host()}, content_type="text/plain"
    )
