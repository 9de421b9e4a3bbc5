from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from .blocks import BaseStreamBlock, HelpLineBlock
from .page_links import rendering
from .routing import descendant_for


def content_types_outside_search():
    """Page types the site search never lists: the staff page types, and page types that
    say again what another page says (BasePage.in_site_search)."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    models_ = [
        m
        for m in apps.get_models()
        if getattr(m, "staff_only", False) or not getattr(m, "in_site_search", True)
    ]
    return list(ContentType.objects.get_for_models(*models_).values())


class BasePage(Page):
    """Fields every content page on the site shares: a plain-text lead and a body."""

    # Staff page types set this; their privacy comes from their type (staff/wagtail_hooks.py).
    staff_only = False
    # Page types that say again what another page says (the easy-to-read versions) set this
    # to False: the search lists the ordinary page, whose header leads to the other.
    in_site_search = True

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True

    def get_context(self, request, *args, **kwargs):
        # The links in the body are read together when the first is shown (page_links.py).
        rendering(self)
        return super().get_context(request, *args, **kwargs)

    def route(self, request, path_components):
        # One query for the page an address is for, not two per level (base/routing.py).
        found = descendant_for(self, path_components, PLAIN_ROUTES) if path_components else None
        if found is None:
            return super().route(request, path_components)
        page, remaining = found
        return page.route(request, remaining)


# The routes that only look for a child by its slug: routing may pass over the pages that
# have them (base/routing.py).
PLAIN_ROUTES = (Page.route, BasePage.route)


class HomePage(BasePage):
    """The root of a site in one language. Which page types may be placed below it is
    said by those types (their parent_page_types), so this base app names none of the
    apps built on it; tests/test_pages.py pins the resulting list."""

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")


@register_setting(icon="warning")
class SafetySettings(BaseSiteSetting):
    """What every public page shows for the visitor's safety."""

    exit_url = models.URLField(
        _("quick exit destination"),
        default="https://www.smhi.se/",
        help_text=_("A neutral site that the quick exit replaces the current page with."),
    )
    help_lines = StreamField(
        [("help_line", HelpLineBlock())],
        blank=True,
        verbose_name=_("national help lines"),
    )

    panels = [FieldPanel("exit_url"), FieldPanel("help_lines")]

    class Meta:
        verbose_name = _("safety and help lines")


@register_setting(icon="doc-full")
class ResponsibilitySettings(BaseSiteSetting):
    """What the parties decide about the website itself: who manages it and answers for
    its accessibility and the portal's personal data, where to write, how long the logs
    are kept. The accessibility statement and the privacy page show each fact through a
    "responsibility" block (base.blocks.ResponsibilityBlock) once it is filled in, and
    nothing while it is empty: a public page never shows an undecided answer."""

    website_manager = models.CharField(
        _("manager of the website"),
        max_length=120,
        blank=True,
        help_text=_(
            "The party that manages the website and is responsible for its accessibility, "
            "e.g. Östersunds kommun. Leave empty until the parties have decided."
        ),
    )
    accessibility_contact = models.EmailField(
        _("address for accessibility feedback"),
        blank=True,
        help_text=_("Where visitors send feedback on the website's accessibility."),
    )
    data_controller = models.CharField(
        _("data controller for the portal"),
        max_length=120,
        blank=True,
        help_text=_(
            "The party responsible for the personal data processed in the portal itself: "
            "the server logs and the coordinator's handling of requests."
        ),
    )
    privacy_contact = models.EmailField(
        _("address for questions about personal data"),
        blank=True,
        help_text=_("Where visitors send questions about personal data in the portal."),
    )
    log_retention_days = models.PositiveSmallIntegerField(
        _("days the server logs are kept"),
        null=True,
        blank=True,
        help_text=_("How many days the server logs and IP addresses are kept before deletion."),
    )

    panels = [
        FieldPanel("website_manager"),
        FieldPanel("accessibility_contact"),
        FieldPanel("data_controller"),
        FieldPanel("privacy_contact"),
        FieldPanel("log_retention_days"),
    ]

    class Meta:
        verbose_name = _("responsibility for the website")


DEFAULT_SYNONYMS = """misshandel, misshandlad, slår, slog, slagen, hot, hotar, hotad, kränker, kontrollerar = våld
hedersvåld, heder, hedersförtryck, tvångsgifte, tvångsäktenskap, bortgift = hedersrelaterat
hbtq, homosexuell, bisexuell, lesbisk, bög, transperson, queer, samkönad = hbtqi
våldsutövare, förövare = utövar
soc, socialen, socialkontoret, socialsekreterare = socialtjänst
polis, polisanmälan, anmäla, anmälan = polisen
skyddad identitet, skyddade personuppgifter, hemlig adress = kontaktförbud
prata med någon, samtalsstöd, kurator = stödsamtal
abuse, abused, abusive, beaten, beat, beating, hit, hits, hitting = violence"""
# Whole searches and the page that answers them best (base/search.py pointed_targets).
DEFAULT_PAGES = """kvinnojour, kvinnojourer, kvinnojouren, tjejjour, skyddat boende, skyddade boenden, skyddsboende, socialtjänst, socialtjänsten, soc, socialen, socialkontoret = /hitta-hjalp/
våld, våldet, misshandel, misshandlad, slår, slår mig, slog mig, slagen, hotar mig, abuse, abused, beaten, violence, is this abuse = /ar-det-har-vald/
säkerhetsplan, safety plan, fly hemifrån, lämna hemmet, leave home = /sakerhetsplan/
samtycke, samtycket, consent = /samtycke/
dölj spår, dölj mina spår, radera historiken, cover my tracks, delete history = /dolj-dina-spar/"""
# The towns and villages of each municipality in the county, and the municipality's part
# of the finder's address. Only names that are not everyday words ("Hallen", "Kall").
DEFAULT_PLACES = """Berg, Bergs kommun, Svenstavik, Myrviken, Hackås, Åsarna, Klövsjö, Rätan, Ljungdalen, Oviken = berg
Bräcke, Bräcke kommun, Kälarne, Gällö, Pilgrimstad, Stavre, Sundsjö = bracke
Härjedalen, Härjedalens kommun, Sveg, Funäsdalen, Hede, Vemdalen, Lofsdalen, Ytterhogdal, Lillhärdal, Tännäs, Bruksvallarna, Ljusnedal, Tänndalen, Linsell, Älvros, Överhogdal, Vemhån, Ramundberget = harjedalen
Krokom, Krokoms kommun, Föllinge, Nälden, Dvärsätt, Rödön, Aspås, Trångsviken, Ytterån, Offerdal, Alsen, Hotagen, Valsjöbyn, Änge, Laxsjö = krokom
Ragunda, Ragunda kommun, Hammarstrand, Stugun, Bispgården, Döviken, Krångede = ragunda
Strömsund, Strömsunds kommun, Hammerdal, Gäddede, Hoting, Rossön, Hallviken, Ulriksfors, Lidsjöberg, Jormvattnet = stromsund
Åre, Åre kommun, Järpen, Duved, Undersåker, Mörsil, Storlien, Vålådalen, Huså, Ottsjö, Edsåsdalen, Mattmar, Handöl = are
Östersund, Östersunds kommun, Frösön, Brunflo, Lit, Orrviken, Fåker, Tandsbyn, Marieby, Häggenås, Torvalla, Lockne = ostersund"""


@register_setting(icon="search")
class SearchSettings(BaseSiteSetting):
    """Words people search for that the pages say otherwise (base/search.py)."""

    synonyms = models.TextField(
        _("synonyms"),
        blank=True,
        default=DEFAULT_SYNONYMS,
        help_text=_(
            "One line per group: the words people may search for, separated by commas, then "
            "= and the word the pages use. Example: misshandel, slår, hot = våld"
        ),
    )

    pages = models.TextField(
        _("pages for whole searches"),
        blank=True,
        default=DEFAULT_PAGES,
        help_text=_(
            "One line per page: what people may search for, separated by commas, then = and "
            "the address of the Swedish page. A search of exactly those words lists the page "
            "first, in the visitor's language. Example: kvinnojour, skyddat boende = "
            "/hitta-hjalp/"
        ),
    )
    places = models.TextField(
        _("places"),
        blank=True,
        default=DEFAULT_PLACES,
        help_text=_(
            "One line per municipality: the towns and villages in it, separated by commas, "
            "then = and the municipality's part of the finder's address (krokom for "
            "/hitta-hjalp/krokom/). A search that names a place lists the help in its "
            "municipality first."
        ),
    )

    panels = [FieldPanel("synonyms"), FieldPanel("pages"), FieldPanel("places")]

    class Meta:
        verbose_name = _("search")
