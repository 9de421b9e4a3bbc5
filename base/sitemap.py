from django.db.models import Q
from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Page


class TranslatedSitemap(Sitemap):
    """Wagtail's sitemap covers the default language only; list every translation of the site."""

    def items(self):
        root = self.get_wagtail_site().root_page
        in_any_translation = Q()
        for translated_root in Page.objects.filter(translation_key=root.translation_key):
            in_any_translation |= Q(path__startswith=translated_root.path)
        return (
            Page.objects.filter(in_any_translation)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
