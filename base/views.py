import re

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from wagtail import hooks
from wagtail.models import Page, Site

from portal.cache import active_locale, once_per_generation, public

from .models import SearchSettings, content_types_outside_search
from .search import (
    Pointer,
    build_query,
    parse_pointers,
    parse_synonyms,
    pointed_targets,
    search_words,
    suggestion,
    title_first,
)
from .sites import in_request_site

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# The best matches only: a longer list helps no one, and counting them all costs a query.
MAX_RESULTS = 100


def search(request):
    """Search the live public pages of the visitor's language; restricted pages never show."""
    query = request.GET.get("q", "").strip()
    error = suggested = ""
    hits = []
    pointed = []
    if len(query) > MAX_QUERY_LENGTH:
        error = _("The search text is too long. Use at most %(max)d characters.") % {
            "max": MAX_QUERY_LENGTH
        }
    elif terms := " ".join(search_words(query)):
        search_settings = site_search_settings(request)
        # What the editors' lists point to comes first: the help in the municipality of a
        # place named (apps register "search_pointers" hooks), then the page for the
        # search as a whole.
        for hook in hooks.get_hooks("search_pointers"):
            pointed += hook(request, terms.split(), search_settings)
        pointed += pointed_pages(request, terms.split(), search_settings)
        # The ids only: each result is shown from a cached fragment keyed on its id
        # (templates/home/search.html), and one more than is shown tells whether there are
        # more, without a query to count. Staff page types never show, whatever their
        # view restrictions, nor the easy-to-read versions of the pages found.
        # The pages of this site only: each county's site has its own tree.
        results = (
            in_request_site(public(Page.objects.live()), request)
            .filter(locale=active_locale())
            .exclude(content_type__in=content_types_outside_search())
        )
        synonyms = parse_synonyms(search_settings.synonyms)
        search_query = build_query(terms, synonyms)
        pointed_ids = [pointer.page_id for pointer in pointed if pointer.page_id]
        found = results.exclude(pk__in=pointed_ids).only("id", "content_type", "title")
        hits = title_first(found.search(search_query)[: MAX_RESULTS + 1], terms.split())
        if not hits and not pointed:
            # A misspelling ("socialtjenst"): the closest words of the pages' titles.
            titles = results.values_list("title", flat=True)
            vocabulary = {word for title in titles for word in re.findall(r"\w+", title)}
            suggested = suggestion(terms, vocabulary)
    paginator = Paginator(hits[:MAX_RESULTS], RESULTS_PER_PAGE)
    try:
        page = paginator.page(request.GET.get("sida", 1))
    except (PageNotAnInteger, EmptyPage):
        page = paginator.page(1)
    page.object_list = ShownResults(page.object_list).hits
    return TemplateResponse(
        request,
        "home/search.html",
        {
            "query": query,
            "error": error,
            "suggestion": suggested,
            "results": page,
            # On the first page only, before the search's own results.
            "pointed": pointed if page.number == 1 else [],
            "total": len(pointed) + paginator.count,
            "more": len(hits) > MAX_RESULTS,
            "max_results": MAX_RESULTS,
        },
    )


def site_search_settings(request):
    """The request's site's SearchSettings, read once per content generation and process:
    saving them starts a new generation (base/signals.py)."""
    site = Site.find_for_request(request)
    return once_per_generation(
        ("search settings", site.pk if site else None), lambda: SearchSettings.for_request(request)
    )


class ShownResults:
    """The results on one page of the search. Each is shown from a cached fragment; where
    one is not cached, the pages of all the results shown are read together (one query per
    page type), not one by one."""

    def __init__(self, hits):
        self.ids = [hit.pk for hit in hits]
        self.pages = None
        self.hits = [ShownResult(pk, self) for pk in self.ids]

    def specific(self, pk):
        if self.pages is None:
            self.pages = Page.objects.filter(pk__in=self.ids).specific().in_bulk()
        return self.pages[pk]


class ShownResult:
    def __init__(self, pk, results):
        self.pk = pk
        self.results = results

    @property
    def specific(self):
        return self.results.specific(self.pk)


def pointed_pages(request, words, search_settings):
    """The pages the editors listed for this search as a whole (SearchSettings.pages), in
    the visitor's language: [Pointer]. An address is the Swedish page's, below the site's
    root; a page that is not live and public, or not translated, is left out."""
    targets = pointed_targets(words, parse_pointers(search_settings.pages))
    if not targets:
        return []
    site = Site.find_for_request(request)
    if site is None:
        return []
    root = site.root_page.url_path
    paths = [
        root + address.strip("/") + "/" if address.strip("/") else root for _, address in targets
    ]
    sources = dict(
        Page.objects.filter(url_path__in=paths).values_list("url_path", "translation_key")
    )
    keys = [sources[path] for path in paths if path in sources]
    translations = (
        public(Page.objects.live())
        .filter(locale=active_locale(), translation_key__in=keys)
        .specific()
    )
    pages = {page.translation_key: page for page in translations}
    return [
        Pointer(page.get_url(request), page.title, getattr(page, "intro", ""), page.pk)
        for page in (pages.get(key) for key in keys)
        if page is not None
    ]


def robots_txt(request):
    return TemplateResponse(
        request, "home/robots.txt", {"host": request.get_host()}, content_type="text/plain"
    )
