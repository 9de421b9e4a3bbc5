"""A change to a translated text or to its Swedish source takes the translator's yes away.

wagtail-localize writes a StringTranslation for each translated string (the editor, a PO
import), a SegmentOverride for each overridden link or image, and updates the
TranslationSource when the Swedish page is synced again."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail_localize.models import (
    SegmentOverride,
    StringTranslation,
    TranslationContext,
    TranslationSource,
)

from .models import TranslatorCheck


def forget_checks(object_id_query, locale_id):
    TranslatorCheck.objects.filter(
        translation__source__object_id__in=object_id_query,
        translation__target_locale_id=locale_id,
    ).delete()


@receiver(post_save, sender=StringTranslation)
@receiver(post_delete, sender=StringTranslation)
@receiver(post_save, sender=SegmentOverride)
@receiver(post_delete, sender=SegmentOverride)
def text_changed(sender, instance, **kwargs):
    contexts = TranslationContext.objects.filter(pk=instance.context_id).values("object_id")
    forget_checks(contexts, instance.locale_id)


@receiver(post_save, sender=TranslationSource)
def source_synced(sender, instance, created, **kwargs):
    if not created:
        TranslatorCheck.objects.filter(translation__source=instance).delete()
