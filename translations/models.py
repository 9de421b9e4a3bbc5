"""What wagtail-localize does not record: that a person checked a translation."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TranslatorCheck(models.Model):
    """'Checked by a translator: yes' for one translation (a page in one language).

    No row means no. A row is written only when a person ticks the box in the admin
    (translations.views), and deleted whenever the translated text or its Swedish
    source changes (translations.signals, translations.po_files): a yes always means
    that a person has read the text as it stands."""

    translation = models.OneToOneField(
        "wagtail_localize.Translation",
        on_delete=models.CASCADE,
        related_name="translator_check",
        verbose_name=_("translation"),
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("checked by"),
    )
    checked_at = models.DateTimeField(_("checked at"), default=timezone.now)

    class Meta:
        verbose_name = _("translator's check")
        verbose_name_plural = _("translator's checks")
