"""Where a page translation stands: behind its Swedish source or not, checked or not.

wagtail-localize keeps a snapshot of the source page (TranslationSource, taken when the
translation was made and at each "Sync translated pages") and the translated strings. A
translation is behind its source when the Swedish page was published after the snapshot
(the translation does not know the change yet) or when strings of the snapshot have no
translation (the page shows the Swedish text in their place)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_localize.models import Translation

from .models import TranslatorCheck

CURRENT = _("Current")
BEHIND = _("Behind its source")


@dataclass(frozen=True)
class TranslationStatus:
    translation: Translation
    page: Page
    source_page: Page
    total_strings: int
    translated_strings: int

    @property
    def source_changed(self):
        """The Swedish page was published after the translation last took it in."""
        published = self.source_page.last_published_at
        return published is not None and published > self.translation.source.last_updated_at

    @property
    def untranslated(self):
        return self.total_strings - self.translated_strings

    @property
    def behind(self):
        return self.source_changed or self.untranslated > 0

    @property
    def label(self):
        return BEHIND if self.behind else CURRENT

    @property
    def check(self):
        try:
            return self.translation.translator_check
        except TranslatorCheck.DoesNotExist:
            return None

    @property
    def checked(self):
        return self.check is not None


def page_translations():
    """The enabled translations of pages, with their source for the status."""
    return (
        Translation.objects.filter(enabled=True)
        .select_related("source", "target_locale", "translator_check__checked_by")
        .order_by("source__object_repr", "target_locale__language_code")
    )


def statuses(translations):
    """The status of each translation of a page (translations of snippets are left out)."""
    translations = list(translations)
    keys = {translation.source.object_id for translation in translations}
    pages = {
        (page.translation_key, page.locale_id): page
        for page in Page.objects.filter(translation_key__in=keys).select_related("locale")
    }
    found = []
    for translation in translations:
        source_key = (translation.source.object_id, translation.source.locale_id)
        target_key = (translation.source.object_id, translation.target_locale_id)
        if source_key in pages and target_key in pages:
            total, done = translation.get_progress()
            found.append(
                TranslationStatus(translation, pages[target_key], pages[source_key], total, done)
            )
    return found


def status_of_page(page):
    """The status of `page` as a translation made with wagtail-localize, or None."""
    translation = (
        page_translations()
        .filter(source__object_id=page.translation_key, target_locale_id=page.locale_id)
        .exclude(source__locale_id=page.locale_id)
        .first()
    )
    if translation is None:
        return None
    found = statuses([translation])
    return found[0] if found else None
