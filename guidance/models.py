from functools import partial

from django.core.exceptions import ValidationError
from django.db import models
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable
from wagtail.search import index

from home.blocks import TranslationBlock, in_active_language
from home.lix import EASY_READ_TARGET
from home.models import BasePage
from portal.cache import public
from portal.email_addresses import validate_mail_address

from .panels import ReadabilityPanel


class PartyTextBlock(TranslationBlock):
    name = blocks.CharBlock(label=_("Name"), max_length=120)
    short_name = blocks.CharBlock(label=_("Short name"), max_length=60, required=False)

    class Meta:
        icon = "globe"
        label = _("Translation")


class Party(index.Indexed, ClusterableModel):
    """A party to the Operation Norrsken agreement (or Centrum mot våld).

    The one model behind the public party pages, the municipality finder, staff
    members' organisations and the routing of samråd requests.
    """

    class Kind(models.TextChoices):
        POLICE = "police", _("Police")
        REGION = "region", _("Region")
        MUNICIPALITY = "municipality", _("Municipality")
        CENTRE = "cmv", _("Centrum mot våld")

    name = models.CharField(_("name"), max_length=120, unique=True)
    short_name = models.CharField(_("short name"), max_length=60)
    slug = models.SlugField(
        _("slug"),
        unique=True,
        help_text=_("Used in addresses, e.g. /hitta-hjalp/krokom/."),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    sort_order = models.PositiveSmallIntegerField(_("sort order"), default=0)
    # Samråd mail (invitations, changes, reminders) goes to a function, never a person.
    samrad_mailbox = models.EmailField(
        _("functional mailbox for samråd"),
        blank=True,
        validators=[validate_mail_address],
        help_text=_(
            "The party's shared mailbox that receives samråd invitations, changes and "
            "reminders. Never a named person's address."
        ),
    )

    # A name in another language where the Swedish one would read wrongly there: the
    # municipalities keep their place name and say "municipality" in the reader's
    # language ("بلدية Krokom" for "Krokoms kommun"). Without one the Swedish name is used.
    translations = StreamField(
        [("translation", PartyTextBlock())],
        blank=True,
        verbose_name=_("translations"),
        help_text=_("The name and short name in the site's other languages."),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("translations"),
        FieldPanel("slug"),
        FieldPanel("kind"),
        FieldPanel("sort_order"),
        FieldPanel("samrad_mailbox"),
        InlinePanel("contact_functions", label=_("Contact functions")),
    ]
    # The admin's party list searches, filters by kind and sorts by order and name: the
    # search backend can filter and sort only on the fields listed here.
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.FilterField("name"),
        index.FilterField("kind"),
        index.FilterField("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("party")
        verbose_name_plural = _("parties")

    def __str__(self):
        return self.name

    @property
    def text(self):
        """Name and short name in the active language (Swedish where untranslated)."""
        return in_active_language(self.translations, name=self.name, short_name=self.short_name)

    @property
    def public_contact_functions(self):
        """The functions the public pages show, read from the prefetched list: meant for
        the public and with a recorded source. Example data and functions without a source
        are left out altogether (the staff directory and the admin report show them)."""
        return [function for function in self.contact_functions.all() if function.is_published]

    @property
    def callable_contact_functions(self):
        """The public functions with a number to call."""
        return [function for function in self.public_contact_functions if function.phone]


class ContactFunctionTextBlock(TranslationBlock):
    name = blocks.CharBlock(label=_("Function"), max_length=120)
    opening_hours = blocks.CharBlock(label=_("Opening hours"), max_length=200, required=False)
    note = blocks.CharBlock(label=_("Note"), max_length=200, required=False)

    class Meta:
        icon = "globe"
        label = _("Translation")


class ContactFunction(Orderable):
    """A way to reach a party: a function (role mailbox or phone), never a named person.

    A number shown to a person in danger must be one the party gave or a published page
    gives: each function records where its details came from and when someone last
    checked them. Without a source the number is never shown (`shows_details`), and the
    function is not on the public pages at all (`is_published`).
    """

    class Source(models.TextChoices):
        PUBLISHED = "published", _("A published web page (give its address)")
        PARTY = "party", _("Information from the party")

    class Audience(models.TextChoices):
        PUBLIC = "public", _("The public")
        PROFESSIONALS = "professionals", _("Professionals only")

    party = ParentalKey(Party, on_delete=models.CASCADE, related_name="contact_functions")
    name = models.CharField(_("function"), max_length=120)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    opening_hours = models.CharField(_("opening hours"), max_length=200, blank=True)
    url = models.URLField(_("web address"), blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)
    translations = StreamField(
        [("translation", ContactFunctionTextBlock())],
        blank=True,
        verbose_name=_("translations"),
        help_text=_("The function's name, opening hours and note in the site's other languages."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=20,
        choices=Audience.choices,
        default=Audience.PUBLIC,
        help_text=_(
            "Functions for professionals are shown only in the staff directory, "
            "never on the public pages."
        ),
    )
    source = models.CharField(
        _("source"),
        max_length=20,
        choices=Source.choices,
        blank=True,
        help_text=_("Where the phone number and e-mail address come from."),
    )
    source_url = models.URLField(
        _("source address"),
        blank=True,
        help_text=_("The address of the published page the details were taken from."),
    )
    verified_on = models.DateField(
        _("verified on"),
        null=True,
        blank=True,
        help_text=_("The day someone last checked the details against the source."),
    )
    is_example = models.BooleanField(
        _("example data, replace"),
        default=False,
        help_text=_(
            "Demo data that is not a real contact detail. The public pages leave the "
            "function out until it is replaced and its source recorded."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("audience"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("opening_hours"),
        FieldPanel("url"),
        FieldPanel("note"),
        FieldPanel("translations"),
        MultiFieldPanel(
            [
                FieldPanel("source"),
                FieldPanel("source_url"),
                FieldPanel("verified_on"),
                FieldPanel("is_example"),
            ],
            heading=_("Source and verification"),
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("contact function")
        verbose_name_plural = _("contact functions")

    def __str__(self):
        return f"{self.party}: {self.name}"

    def clean(self):
        super().clean()
        errors = {}
        if self.source == self.Source.PUBLISHED and not self.source_url:
            errors["source_url"] = _("Give the address of the page the details came from.")
        if self.source_url and not self.source:
            self.source = self.Source.PUBLISHED
        if (self.phone or self.email) and not self.has_source and not self.is_example:
            errors["source"] = _(
                "A phone number or e-mail address needs its source: a published page "
                "or information from the party."
            )
        if self.verified_on and not self.has_source:
            errors["verified_on"] = _("Record the source that was checked.")
        if errors:
            raise ValidationError(errors)

    @property
    def has_source(self):
        return self.source == self.Source.PARTY or (
            self.source == self.Source.PUBLISHED and bool(self.source_url)
        )

    @property
    def source_label(self):
        return self.source_url or self.get_source_display() or "–"

    @property
    def shows_details(self):
        """Whether the phone number, e-mail and web address may be shown."""
        return self.has_source

    @property
    def is_public(self):
        return self.audience == self.Audience.PUBLIC

    @property
    def is_published(self):
        """Whether the public pages show the function: meant for the public, with its
        source recorded, and not example data. A person in danger sees only what a party
        or a published page gives, never a name without a way to reach it."""
        return self.is_public and self.has_source and not self.is_example

    @property
    def text(self):
        """Name, opening hours and note in the active language (Swedish where untranslated)."""
        return in_active_language(
            self.translations, name=self.name, opening_hours=self.opening_hours, note=self.note
        )

    @property
    def phone_uri(self):
        return "tel:" + "".join(ch for ch in self.phone if ch.isdigit() or ch == "+")


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


class MunicipalityFinderMixin(RoutablePageMixin):
    """Find help in your municipality: one shareable address per municipality below the
    page. Shared by the finder (FinderPage) and its easy-to-read version (EasyReadFinderPage),
    which differ in their templates only."""

    result_template = "guidance/finder_page_result.html"

    def get_sitemap_urls(self, request=None):
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        for municipality in self.municipalities():
            urls.append(
                {"location": base + self.reverse_subpage("municipality", args=[municipality.slug])}
            )
        return urls

    def municipalities(self):
        return Party.objects.filter(kind=Party.Kind.MUNICIPALITY)

    @path("")
    def choose(self, request):
        # The form is a plain GET form, so it works without JavaScript; send the
        # visitor on to the shareable address of the municipality they chose.
        chosen = request.GET.get("kommun", "")
        if chosen and self.municipalities().filter(slug=chosen).exists():
            return redirect(self.url + self.reverse_subpage("municipality", args=[chosen]))
        return self.render(
            request,
            context_overrides={
                "municipalities": self.municipalities(),
                "invalid_choice": bool(chosen),
            },
        )

    @path("<slug:slug>/", name="municipality")
    def municipality(self, request, slug):
        # One query for the municipality and the form's list of them.
        municipalities = list(self.municipalities())
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
            models.Q(pk=municipality.pk) | ~models.Q(kind=Party.Kind.MUNICIPALITY)
        ).prefetch_related("contact_functions")
        # The visitor's own municipality first, then the county-wide parties.
        parties = sorted(parties, key=lambda party: (party.pk != municipality.pk, party.sort_order))
        pages = {
            page.party_id: page
            for page in public(PartyPage.objects.live()).filter(locale_id=self.locale_id)
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
        """The party whose page this page simplifies, with its contact functions, or None.
        Called by the template inside the page's cached fragment."""
        if self.original_id is None:
            return None
        return (
            Party.objects.filter(pages__pk=self.original_id)
            .prefetch_related("contact_functions")
            .first()
        )


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
