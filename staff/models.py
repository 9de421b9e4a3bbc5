from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A staff account. Professionals and coordinators belong to one party."""

    # Added in migration 0002, as Wagtail's migrations (and so guidance's) need the user first.
    party = models.ForeignKey(
        "guidance.Party",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
        verbose_name=_("party"),
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
