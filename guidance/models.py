from functools import partial
from typing import NamedTuple

from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Site

from base.lix import EASY_READ_TARGET
from base.models import BasePage
from organisations.models import ContactFunction, County, Party
from portal.cache import once_per_generation, public

from .panels import ReadabilityPanel


class PartyContacts(NamedTuple):
    """A party and the contact functions the public pages show (published: sourced, never
    example data)."""

    party: Party
    functions: list


def party_contacts(parties):
    """The party of `parties` (a query of one party) with its published contact functions,
    or None. The functions bring their party along: one query where the party has any, a
    second for the party where it has none. Called inside cached fragments."""
    functions = list(ContactFunction.objects.filter(party__in=parties).select_related("party"))
    party = functions[0].party if functions else parties.first()
    if party is None:
        return None
    return PartyContacts(party, [function for function in functions if function.is_published])


class PartyIndexPage(BasePage):
    parent_page_types = ["home.HomePage"]
    subpage_types = ["guidance.PartyPage"]

    class Meta:
        verbose_name = _("party index page")

    def party_pages(self):
        # Called by the template inside the page's cached fragment
        # (templates/guidance/party_index_page.html): not run when the fragment is cached.
        return public(PartyPage.objects.child_of(self).live()).select_related("party")


class PartyPage(BasePage):
    party = models.ForeignKey(
        Party, on_delete=models.PROTECT, related_name="pages", verbose_name=_("party")
    )

    content_panels = (
        BasePage.content_panels[:1] + [FieldPanel("party")] + BasePage.content_panels[1:]
    )
    parent_page_types = ["guidance.PartyIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("party page")

    def contacts(self):
        """The page's party and its published contact functions, read together. Called by
        the template inside the page's cached fragment."""
        return party_contacts(Party.objects.filter(pk=self.party_id))


def site_municipalities(site):
    """The municipalities of the county of `site`, read once per content generation and
    process: every finder page, the finder's form under the home page's header and the
    search's place names ask for them. Public names only; saving a party or a county starts
    a new generation (organisations/signals.py)."""
    return once_per_generation(
        ("municipalities", site.pk),
        lambda: tuple(Party.objects.municipalities_of(County.objects.filter(site=site))),
    )


class MunicipalityFinderMixin(RoutablePageMixin):
    """Find help in your municipality: one shareable address per municipality below the
    page. Shared by the finder (FinderPage) and its easy-to-read version (EasyReadFinderPage),
    which differ in their templates only."""

    result_template = "guidance/finder_page_result.html"

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for municipality in self.municipalities(request):
            urls.append(
                {"location": base + self.reverse_subpage("municipality", args=[municipality.slug])}
            )
        return urls

    def municipalities(self, request=None):
        """The municipalities of the county whose site this is, not every county's, as a
        tuple: found through the request's site (which Wagtail's routing has read) where
        there is one, else through the page's ancestors."""
        if request is None:
            return tuple(Party.objects.municipalities_of(County.objects.of_page(self)))
        site = Site.find_for_request(request)
        # No site, no county: never the counties that have none.
        return site_municipalities(site) if site else ()

    @path("")
    def choose(self, request):
        # The form is a plain GET form, so it works without JavaScript; send the
        # visitor on to the shareable address of the municipality they chose, on the host
        # they are on (self.url names the site's own host and port where there are several).
        chosen = request.GET.get("kommun", "")
        if chosen and any(m.slug == chosen for m in self.municipalities(request)):
            address = self.get_url(request) + self.reverse_subpage("municipality", args=[chosen])
            return redirect(address)
        return self.render(
            request,
            context_overrides={
                "municipalities": self.municipalities(request),
                "invalid_choice": bool(chosen),
            },
        )

    @path("<slug:slug>/", name="municipality")
    def municipality(self, request, slug):
        municipalities = self.municipalities(request)
        municipality = next((m for m in municipalities if m.slug == slug), None)
        if municipality is None:
            raise Http404
        return self.render(
            request,
            context_overrides={
                "municipality": municipality,
                "municipalities": municipalities,
                # Lazy (a callable the template calls): run only when the page's cached
                # fragment (the result template) is not.
                "results": partial(self.help_in, municipality),
            },
            template=self.result_template,
        )

    def help_in(self, municipality):
        """Who helps in this municipality, with their contact functions and party pages:
        [(party, its party page or None)], the municipality first."""
        parties = Party.objects.filter(
            models.Q(pk=municipality.pk) | ~models.Q(kind=Party.Kind.MUNICIPALITY),
            county_id=municipality.county_id,
        ).prefetch_related("contact_functions")
        # The visitor's own municipality first, then the county-wide parties.
        parties = sorted(parties, key=lambda party: (party.pk != municipality.pk, party.sort_order))
        pages = {
            page.party_id: page
            for page in public(PartyPage.objects.live()).filter(
                locale_id=self.locale_id, party__county_id=municipality.county_id
            )
        }
        return [(party, pages.get(party.pk)) for party in parties]


class FinderPage(MunicipalityFinderMixin, BasePage):
    """Find help in your municipality: one shareable page per municipality."""

    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("municipality finder page")


class ArticlePage(BasePage):
    content_panels = BasePage.content_panels + [
        ReadabilityPanel(heading=_("Readability (LIX)")),
    ]
    parent_page_types = ["home.HomePage"]
    subpage_types = []

    class Meta:
        verbose_name = _("article page")


class EasyReadPage(BasePage):
    """A page in easy-to-read Swedish (lättläst): short sentences, everyday words. Written
    afresh, not translated, and linked to the ordinary page it simplifies, so that every
    public page's header can lead to it (guidance/templatetags/easy_read_tags.py). The
    easy-to-read start page is the one that simplifies the home page."""

    original = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("ordinary version"),
        help_text=_(
            "The page with ordinary text that this page says in easy-to-read Swedish. Its "
            "header links here, and this page links back to it."
        ),
    )

    content_panels = BasePage.content_panels + [
        FieldPanel("original"),
        ReadabilityPanel(target=EASY_READ_TARGET, heading=_("Readability (LIX)")),
    ]
    # The search lists the ordinary page; its header leads here. Not indexed at all: pages
    # that repeat the ordinary pages' words would change how PostgreSQL ranks those (a
    # search for "Centrum mot våld" put another page first).
    in_site_search = False
    search_fields = []
    parent_page_types = ["home.HomePage", "guidance.EasyReadPage"]
    subpage_types = ["guidance.EasyReadPage", "guidance.EasyReadFinderPage"]

    class Meta:
        verbose_name = _("easy-to-read page")

    def simplified_party(self):
        """The party whose page this page simplifies with its published contact functions
        (PartyContacts), or None. Called by the template inside the page's cached fragment.
        The page it simplifies is read for the header's link back already; its type
        (Wagtail's cached content types) says whether it is a party's page, so the other
        easy-to-read pages ask nothing more."""
        original = self.original
        if original is None or original.specific_class is not PartyPage:
            return None
        return party_contacts(Party.objects.filter(pages__pk=original.pk))


class EasyReadFinderPage(MunicipalityFinderMixin, EasyReadPage):
    """The municipality finder in easy-to-read Swedish: the finder's own routes and
    results, its own templates, and the easy-to-read party pages where there are any."""

    result_template = "guidance/easy_read_finder_page_result.html"

    parent_page_types = ["guidance.EasyReadPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("easy-to-read municipality finder page")

    def help_in(self, municipality):
        """As the finder's: [(party, page)], with each party's easy-to-read page where there
        is one, else its ordinary page."""
        results = super().help_in(municipality)
        ordinary = [page.pk for _party, page in results if page is not None]
        easy = {
            page.original_id: page
            for page in EasyReadPage.objects.live().public().filter(original_id__in=ordinary)
        }
        return [
            (party, easy.get(page.pk, page) if page is not None else None)
            for party, page in results
        ]
