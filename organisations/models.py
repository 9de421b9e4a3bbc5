"""The organisations behind the portal: the parties to the Operation Norrsken agreement
and their contact functions. Public content, the staff area and samråd all build on them."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail import blocks
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from base.blocks import TranslationBlock, in_active_language
from portal.email_addresses import validate_mail_address


class CountyQuerySet(models.QuerySet):
    def of_page(self, page):
        """The county whose public site holds the page, as a subquery (no extra round trip
        on the page's request): the site's root page, or its translation in the page's
        language, is one of the page's ancestors, whose tree paths begin the page's own."""
        step = page.steplen
        paths = [page.path[:end] for end in range(step, len(page.path) + 1, step)]
        ancestors = Page.objects.filter(path__in=paths).values("translation_key")
        return self.filter(site__root_page__translation_key__in=ancestors)


class County(models.Model):
    """A county whose parties work together on the same installation: its parties, the
    leadership group its yearly report goes to, and the public site it has."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    steering_group = models.CharField(
        _("leadership group"),
        max_length=120,
        help_text=_("The group the yearly samråd report is addressed to."),
    )
    site = models.OneToOneField(
        "wagtailcore.Site",
        verbose_name=_("public site"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="county",
        help_text=_("The public site that tells the county's residents where to find help."),
    )
    # The collection whose documents anyone may download (staff/wagtail_hooks.py): made
    # with the county's editors (editors.py), not chosen in a form.
    public_documents = models.OneToOneField(
        "wagtailcore.Collection",
        verbose_name=_("public documents"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="public_documents_of",
    )

    objects = CountyQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("steering_group"),
        FieldPanel("site"),
    ]

    class Meta:
        ordering = ["name"]
        verbose_name = _("county")
        verbose_name_plural = _("counties")

    def __str__(self):
        return self.name

    def municipalities(self):
        return Party.objects.municipalities_of(self)


class PartyQuerySet(models.QuerySet):
    def municipalities_of(self, county):
        """The municipalities of a county: the one answer to "which municipalities are in
        the county" (a home municipality outside them is "outside the county"). No county,
        no municipalities."""
        if county is None:
            return self.none()
        # A county, or a query of counties (County.objects.of_page) kept as a subquery.
        counties = county if isinstance(county, models.QuerySet) else [county]
        return self.filter(county__in=counties, kind=Party.Kind.MUNICIPALITY)


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
    # A municipality is a municipality of its county; the police area and the region are
    # the county's too. Protected: a county with parties cannot be deleted.
    county = models.ForeignKey(
        County,
        verbose_name=_("county"),
        on_delete=models.PROTECT,
        related_name="parties",
    )
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
        FieldPanel("county"),
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
        index.FilterField("county"),
        index.FilterField("sort_order"),
    ]

    objects = PartyQuerySet.as_manager()

    class Meta:
        # The table kept its name when the model moved here from guidance.
        db_table = "guidance_party"
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
        db_table = "guidance_contactfunction"
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
