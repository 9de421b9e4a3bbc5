"""Long lists of requests, a page at a time: one count and one query of at most
PER_PAGE rows, whatever the number of requests."""

from django.core.paginator import Paginator

PER_PAGE = 50


def paginate(request, queryset, param="sida"):
    """The page named by ?<param>=; a missing, malformed or too large number gives the
    first or the last page, never an error."""
    return Paginator(queryset, PER_PAGE).get_page(request.GET.get(param))
