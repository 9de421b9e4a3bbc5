import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from .models import SearchSettings, content_types_outside_search
from .search import build_query, parse_synonyms, search_words, suggestion

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# The best matches only: a longer list helps no one, and counting them all costs a query.
MAX_RESULTS = 100


def search(request):
    """Search the live public pages of the visitor's language; restricted pages never show."""
    query = request.GET.get("q", "").strip()
    error = suggested = ""
    hits = []
    if len(query) > MAX_QUERY_LENGTH:
        error = _("The search text is too long. Use at most %(max)d characters.") % {
            "max": MAX_QUERY_LENGTH
        }
    elif terms := " ".join(search_words(query)):
        # The ids only: each result is shown from a cached fragment keyed on its id
        # (templates/home/search.html), and one more than is shown tells whether there are
        # more, without a query to count. Staff page types never show, whatever their
        # view restrictions, nor the easy-to-read versions of the pages found.
        results = (
            Page.objects.live()
            .public()
            .filter(locale=Locale.get_active())
            .exclude(content_type__in=content_types_outside_search())
        )
        synonyms = parse_synonyms(SearchSettings.for_request(request).synonyms)
        search_query = build_query(terms, synonyms)
        hits = list(results.only("id", "content_type").search(search_query)[: MAX_RESULTS + 1])
        if not hits:
            # A misspelling ("socialtjenst"): the closest words of the pages' titles.
            titles = results.values_list("title", flat=True)
            vocabulary = {word for title in titles for word in re.findall(r"\w+", title)}
            suggested = suggestion(terms, vocabulary)
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
            "suggestion": suggested,
            "results": page,
            "more": len(hits) > MAX_RESULTS,
            "max_results": MAX_RESULTS,
        },
    )


def robots_txt(request):
    return TemplateResponse(
        request, "home/robots.txt", {"host": request.get_host()}, content_type="text/plain"
    )
