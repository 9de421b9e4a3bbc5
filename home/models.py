from django.conf import settings
from django.db import models
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.cache import cached

from .blocks import BaseStreamBlock, HelpLineBlock


class BasePage(Page):
    """Fields every content page on the site shares: a plain-text lead and a body."""

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
        child = cached(request, "route", lambda: self.find_child(slug), self.pk, slug)
        if child is None:
            raise Http404
        child._cached_parent_obj = self  # as Wagtail does: get_parent() needs no query
        return child.route(request, path_components[1:])

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
            request, "home-finder", self.finder_form, self.pk
        )
        return context

    def finder_form(self):
        from guidance.models import FinderPage, Party

        finder = FinderPage.objects.live().filter(locale_id=self.locale_id).first()
        return finder, list(Party.objects.filter(kind=Party.Kind.MUNICIPALITY))


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
            None,
            "safety-settings",
            lambda: super(SafetySettings, cls).for_site(site),
            site.pk if site else None,
        )
