"""The samråd's own model and form fields.

Encryption at rest for sensitive columns, with keys kept outside the database.

FIELD_ENCRYPTION_KEYS holds Fernet keys, newest first: new values are encrypted with
the first, old values can still be read with any of them (MultiFernet), and the
`reencrypt_samrad_requests` command moves everything to the newest key.
"""

from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django import forms
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models
from django.utils.translation import gettext_lazy as _

from .validators import date_within, not_in_future


@cache
def _fernet(keys):
    if not keys:
        raise ImproperlyConfigured("FIELD_ENCRYPTION_KEYS must hold at least one Fernet key.")
    return MultiFernet([Fernet(key) for key in keys])


def fernet():
    return _fernet(tuple(settings.FIELD_ENCRYPTION_KEYS))


def encrypt(text):
    return fernet().encrypt(text.encode()).decode()


def decrypt(token):
    try:
        return fernet().decrypt(token.encode()).decode()
    except InvalidToken as error:
        # Never fall back to showing the stored token: it is not the content.
        raise ImproperlyConfigured(
            "An encrypted value cannot be read with FIELD_ENCRYPTION_KEYS."
        ) from error


class EncryptedTextField(models.TextField):
    """Text stored as a Fernet token; the empty string stays empty (nothing to hide).

    Its form field is a text area of `rows` lines, or one line without `rows`, checked with
    the field's own validators as it is typed."""

    def __init__(self, *args, rows=None, **kwargs):
        self.rows = rows
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        if self.rows:
            kwargs["rows"] = self.rows
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        if not self.choices:
            widget = forms.Textarea(attrs={"rows": self.rows}) if self.rows else forms.TextInput
            kwargs = {"widget": widget, "validators": self.validators, **kwargs}
        return super().formfield(**kwargs)

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return encrypt(value)


def date_input():
    """The samråd's one date widget. A text field, not type="date": Chromium's date field
    shows no focus ring on its inner parts, and the forms must be usable by keyboard alone
    (e2e keyboard journey)."""
    return forms.DateInput(attrs={"inputmode": "numeric", "autocomplete": "off"})


class DateFormField(forms.DateField):
    """A date typed as YYYY-MM-DD, within `years_back` years before this year and
    `years_ahead` after it: year 1 or 20266 is refused with a message, never stored."""

    def __init__(self, *, years_back, years_ahead, **kwargs):
        self.years_back = years_back
        self.years_ahead = years_ahead
        kwargs.setdefault("widget", date_input())
        kwargs["help_text"] = kwargs.get("help_text") or _("YYYY-MM-DD")
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value not in self.empty_values:
            date_within(value, years_back=self.years_back, years_ahead=self.years_ahead)


class PastDateFormField(DateFormField):
    """A date that has happened: not after today ("The date cannot be in the future.")."""

    def __init__(self, *, years_back=2, **kwargs):
        super().__init__(years_back=years_back, years_ahead=0, **kwargs)

    def validate(self, value):
        # A date after today is told as such, before the range (2099 is "in the future").
        if value not in self.empty_values:
            not_in_future(value)
        super().validate(value)


class PastDateField(models.DateField):
    """A date that has happened (an assessment, a consent, a samråd held): its form field
    carries the date widget and refuses a date in the future or more than `years_back`
    years before this year."""

    def __init__(self, *args, years_back=2, **kwargs):
        self.years_back = years_back
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, path, args, kwargs = super().deconstruct()
        kwargs["years_back"] = self.years_back
        return name, path, args, kwargs

    def formfield(self, **kwargs):
        return super().formfield(
            **{"form_class": PastDateFormField, "years_back": self.years_back, **kwargs}
        )
