"""The basis of the records the portal keeps: the disposal (gallring) decisions of the
authority whose official records they are, kept by administrators as data."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from organisations.models import Party


class RetentionDecision(models.Model):
    """An authority's decision on how long the samråd records are kept before they are
    disposed of. What the coordinator writes is an official record (allmän handling) of
    the authority that employs them: only its own decision lets the portal dispose of it."""

    authority = models.ForeignKey(
        Party,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("deciding authority"),
        help_text=_("The authority that employs the coordinator and whose records these are."),
    )
    reference = models.CharField(_("reference (diarienummer)"), max_length=100)
    decided_on = models.DateField(_("date of the decision"))
    retention_days = models.PositiveIntegerField(
        _("kept for (days)"),
        help_text=_(
            "Days after a case is closed, declined or withdrawn before its contents "
            "are disposed of."
        ),
    )
    covers = models.TextField(_("what the decision covers"))
    valid_from = models.DateField(_("valid from"))

    class Meta:
        ordering = ["-valid_from", "-decided_on"]
        verbose_name = _("retention decision")
        verbose_name_plural = _("retention decisions")

    def __str__(self):
        return f"{self.authority} {self.reference}"


def decisions_in_force(today=None):
    """Each authority's decision in force: its latest with a start on or before today (a
    newer decision replaces the older one). More than one means several authorities."""
    today = today or timezone.localdate()
    latest = {}
    current = RetentionDecision.objects.filter(valid_from__lte=today).select_related("authority")
    for decision in current.order_by("-valid_from", "-decided_on", "-pk"):
        latest.setdefault(decision.authority_id, decision)
    return list(latest.values())


class PrivacyNotice(models.Model):
    """The information GDPR Art. 13/14 requires, as a party gives it: one notice for its
    staff (their own data in the staff area), one for the person a samråd request is about.
    Set by an administrator; the portal never writes it."""

    class Audience(models.TextChoices):
        STAFF = "staff", _("Staff: their own data in the staff area")
        PERSON = "person", _("The person a samråd request is about")

    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="+", verbose_name=_("party")
    )
    audience = models.CharField(_("for whom"), max_length=10, choices=Audience.choices)
    controller = models.CharField(_("controller (personuppgiftsansvarig)"), max_length=300)
    purpose = models.TextField(_("purpose of the processing"))
    legal_basis = models.TextField(_("legal basis"))
    retention_decision = models.ForeignKey(
        RetentionDecision,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("retention decision"),
    )
    retention = models.TextField(
        _("how long the data is kept"),
        blank=True,
        help_text=_("Where no retention decision applies, or to explain it."),
    )
    rights = models.TextField(_("the person's rights"))
    contact = models.TextField(
        _("contact"), help_text=_("Whom to contact, including the data protection officer.")
    )

    class Meta:
        ordering = ["party__sort_order", "party__name", "audience"]
        constraints = [
            models.UniqueConstraint(
                fields=["party", "audience"], name="one_privacy_notice_per_party_and_audience"
            )
        ]
        verbose_name = _("privacy notice")
        verbose_name_plural = _("privacy notices")

    def __str__(self):
        return f"{self.party} – {self.get_audience_display()}"
