import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from wagtail.models import Page, Site

from portal.cache import cached_many

from .models import active_locale_id, public_q, staff_only_content_types

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
        # One query, for the ids only (what the list shows comes from the cache below), and
        # one more than is shown tells whether there are more, without a query to count.
        results = (
            Page.objects.live()
            .filter(public_q(), locale_id=active_locale_id())
            .exclude(content_type__in=staff_only_content_types())
        )
        hits = list(results.only("id").search(terms)[: MAX_RESULTS + 1])
    paginator = Paginator(hits[:MAX_RESULTS], RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("sida", 1))
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1)
    site = Site.find_for_request(request)
    shown = cached_many(
        "search-result",
        lambda ids: search_results(ids, request),
        [hit.pk for hit in page],
        site.pk if site else 0,
    )
    return TemplateResponse(
        request,
        "home/search.html",
        {
            "query": query,
            "error": error,
            "results": page,
            "items": [shown[hit.pk] for hit in page if hit.pk in shown],
            "more": len(hits) > MAX_RESULTS,
            "max_results": MAX_RESULTS,
        },
    )


def search_results(ids, request):
    """Each page as the result list shows it: title, URL and the start of its introduction
    (one query per page type)."""
    pages = Page.objects.filter(pk__in=ids).defer_streamfields().specific()
    return {
        page.pk: (
            page.title,
            page.get_url(request),
            Truncator(getattr(page, "intro", "")).words(30, truncate=" …"),
        )
        for page in pages
    }


def robots_txt(request):
    return TemplateResponse(
        request, "home/robots.txt", {"host": request.get_host()}, content_type="text/plain"
    )
