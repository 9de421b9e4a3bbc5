from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.search import index

from portal.cache import cached

from .blocks import BaseStreamBlock, HelpLineBlock


def active_locale_id():
    """The id of the Locale of the active language (Wagtail reads it with a query on every
    call), cached until anything shown on public pages changes (home/signals.py)."""
    return cached("locale", lambda: Locale.get_active().pk, translation.get_language())


def restricted_paths():
    """The paths of the pages with a view restriction, and of the alias pages (whose
    source's restrictions apply): only at or below these can a page be restricted."""

    def build():
        return (
            tuple(PageViewRestriction.objects.values_list("page__path", flat=True)),
            tuple(Page.objects.filter(alias_of__isnull=False).values_list("path", flat=True)),
        )

    return cached("restricted-paths", build)


def public_q():
    """Pages outside every restricted section: Wagtail's PageQuerySet.public() without its
    query for the restrictions."""
    restricted, _aliases = restricted_paths()
    private = models.Q()
    for path in restricted:
        private |= models.Q(path__startswith=path)
    return ~private if private else models.Q()


def staff_only_content_types():
    """Page types that only signed-in staff may see (BasePage.staff_only): never listed on
    public pages, whatever view restrictions exist."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    models_ = [m for m in apps.get_models() if getattr(m, "staff_only", False)]
    return list(ContentType.objects.get_for_models(*models_).values())


class BasePage(Page):
    """Fields every content page on the site shares: a plain-text lead and a body."""

    # Staff page types set this; their privacy comes from their type (staff/wagtail_hooks.py).
    staff_only = False

    intro = models.TextField(_("introduction"), blank=True, max_length=600)
    body = StreamField(BaseStreamBlock(), blank=True, verbose_name=_("body"))

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    class Meta:
        abstract = True

    def route(self, request, path_components):
        # Wagtail finds each level of the path with two queries (the child, then its
        # specific page); public pages take it from the cache instead, dropped whenever
        # any page changes (home/signals.py). Staff pages are always read afresh.
        if not path_components or request.path_info.startswith(settings.PRIVATE_PATH_PREFIXES):
            return super().route(request, path_components)
        slug = path_components[0]
        child = cached("route", lambda: self.find_child(slug), self.pk, slug)
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # as Wagtail does: get_parent() needs no query
        return child.route(request, path_components[1:])

    @property
    def localized(self):
        # Wagtail looks up the active Locale and then the translation, two queries on
        # every page view; a page in the active language is its own translation.
        if self.locale_id == active_locale_id():
            return self
        return cached(
            "localized",
            lambda: super(BasePage, self).localized,
            self.pk,
            translation.get_language(),
        )

    def get_view_restrictions(self):
        # Wagtail reads the page's ancestors and then their restrictions on every view of
        # every page: two queries, although most pages have no restriction at or above
        # them. Those pages get none without a query; the others ask Wagtail.
        restricted, aliases = restricted_paths()
        if self.path.startswith(restricted + aliases):
            return super().get_view_restrictions()
        return PageViewRestriction.objects.none()

    def find_child(self, slug):
        child = self.get_children().filter(slug=slug).first()
        return child.specific if child else None


class HomePage(BasePage):
    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "guidance.PartyIndexPage",
        "guidance.FinderPage",
        "guidance.ArticlePage",
        "staff.StaffHomePage",
    ]

    class Meta:
        verbose_name = _("home page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # The municipality finder's form, right on the home page.
        context["finder"], context["municipalities"] = cached(
            "home-finder", self.finder_form, self.pk
        )
        return context

    def finder_form(self):
        from guidance.models import FinderPage

        finder = FinderPage.objects.live().filter(locale_id=self.locale_id).first()
        # Without a finder page the home page shows no form (templates/home/home_page.html).
        return finder, list(finder.municipalities()) if finder else []


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

    @classmethod
    def for_site(cls, site):
        # Read on every page: cached until anything shown on public pages changes
        # (saving these settings included, see home/signals.py).
        return cached(
            "safety-settings",
            lambda: super(SafetySettings, cls).for_site(site),
            site.pk if site else None,
        )
