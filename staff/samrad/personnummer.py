"""Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer).

Accepted single-value forms: YYMMDD-NNNN, YYMMDD+NNNN (100 years or older), YYMMDDNNNN,
YYYYMMDD-NNNN and YYYYMMDDNNNN. For a coordination number the day is the real day + 60.
The last digit is the Luhn check digit over the ten digits YYMMDDNNN(N).
"""

from __future__ import annotations

import re
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Only ASCII digits count: [0-9], never \d.
_VALUE_RE = re.compile(r"([0-9]{6}|[0-9]{8})([-+]?)([0-9]{4})")

# Free text: the number must not be glued to other digits. Zero-width (lookahead) matches so
# every start position is considered; each attempt does a bounded amount of work, so the scan
# is linear in the length of the text.
_TEXT_RE = re.compile(r"(?<![0-9])(?=([0-9]{6}(?:[0-9]{2})?)([-+ ]?)([0-9]{4})(?![0-9]))")

_CENTURIES = (18, 19, 20)


_DOUBLE = str.maketrans("0123456789", "0246813579")  # d -> digit sum of 2 * d


def _luhn_ok(digits: str) -> bool:
    """Luhn (mod 10) check over a 10-digit string whose last digit is the check digit."""
    return sum(map(int, digits[0::2].translate(_DOUBLE) + digits[1::2])) % 10 == 0


def _parse(date_part: str, sep: str, serial: str, today: date) -> str | None:
    """Validate the parts of a number; return YYYYMMDDNNNN or None.

    date_part has 6 or 8 ASCII digits, serial 4; sep is "", "-", "+" or " " (" " acts as "-").
    """
    if not _luhn_ok(date_part[-6:] + serial):
        return None
    month = int(date_part[-4:-2])
    day = int(date_part[-2:])
    real_day = day - 60 if day > 60 else day  # coordination number: day + 60
    if len(date_part) == 8:
        if int(date_part[:2]) not in _CENTURIES:
            return None
        year = int(date_part[:4])
    else:
        # Latest year ending in YY whose date is not after today (age 0-99);
        # "+" means a further 100 years back.
        yy = int(date_part[:2])
        year = today.year - (today.year - yy) % 100
        if (year, month, real_day) > (today.year, today.month, today.day):
            year -= 100
        if sep == "+":
            year -= 100
    try:
        born = date(year, month, real_day)
    except ValueError:
        return None
    if born > today:
        return None
    return f"{year:04d}{date_part[-4:]}{serial}"


def normalize(value: str, *, today: date | None = None) -> str | None:
    """Return the canonical 12-digit form YYYYMMDDNNNN, or None if the value is invalid."""
    if not isinstance(value, str):
        return None
    match = _VALUE_RE.fullmatch(value.strip())
    if match is None:
        return None
    date_part, sep, serial = match.groups()
    if sep == "+" and len(date_part) == 8:
        return None  # the century is explicit; "+" only belongs to the 10-digit form
    return _parse(date_part, sep, serial, today or date.today())


def is_valid(value: str, *, today: date | None = None) -> bool:
    return normalize(value, today=today) is not None


def contains_identity_number(text: str, *, today: date | None = None) -> bool:
    """True if the text contains a valid personnummer or samordningsnummer.

    Separators "-", "+", a single space, or none; 6- or 8-digit date part. Deliberately a
    little more lenient than normalize() ("+" and " " are allowed with an 8-digit date part).
    """
    if not isinstance(text, str):
        return False
    today = today or date.today()
    return any(_parse(*match.groups(), today) is not None for match in _TEXT_RE.finditer(text))


def validate_identity_number(value) -> None:
    """Django validator: a personnummer or samordningsnummer."""
    if not is_valid(value):
        raise ValidationError(
            _("Enter a valid personal identity number or coordination number, e.g. YYYYMMDD-NNNN."),
            code="invalid",
        )


def reject_identity_numbers(value) -> None:
    """Django validator: free text must not contain a personnummer or samordningsnummer."""
    if value and contains_identity_number(str(value)):
        raise ValidationError(
            _(
                "The text seems to contain a personal identity number. A de-identified request "
                "must not identify the person: remove the number (and anything else that "
                "identifies them)."
            ),
            code="identity_number",
        )
