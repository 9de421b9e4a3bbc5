"""Checks on what a person types into the samråd's fields, shared by the model fields
(samrad/fields.py) and the forms."""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Characters a person can type: line breaks and tabs, not other control characters.
ALLOWED_CONTROL = {"\n", "\r", "\t"}


def reject_control_characters(value):
    if any(unicodedata.category(ch) in {"Cc", "Cs"} and ch not in ALLOWED_CONTROL for ch in value):
        raise ValidationError(
            _("The text contains invisible control characters. Remove them and try again."),
            code="control_characters",
        )


def date_within(value, *, years_back, years_ahead):
    """Refuse a date outside a range a person means: a mistyped year (0001, 20266) would be
    stored, and year 1 breaks time-zone arithmetic in the database."""
    day = value.date() if hasattr(value, "date") else value
    today = timezone.localdate()
    earliest = today.replace(year=today.year - years_back, month=1, day=1)
    latest = today.replace(year=today.year + years_ahead, month=12, day=31)
    if not earliest <= day <= latest:
        raise ValidationError(
            _("Enter a date between %(earliest)s and %(latest)s."),
            code="out_of_range",
            params={"earliest": earliest.isoformat(), "latest": latest.isoformat()},
        )
    return value


def not_in_future(day):
    if day > timezone.localdate():
        raise ValidationError(_("The date cannot be in the future."), code="future")
    return day
