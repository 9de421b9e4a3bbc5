"""Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer).

Accepted single-value forms: YYMMDD-NNNN, YYMMDD+NNNN (100 years or older), YYMMDDNNNN,
YYYYMMDD-NNNN and YYYYMMDDNNNN. For a coordination number the day is the real day + 60.
The last digit is the Luhn check digit over the ten digits YYMMDDNNN(N).

Text is first brought to one spelling (canonical_text): word processors and phones write
en dashes, no-break spaces and full-width or other scripts' digits, and a number in any of
those spellings is still the number.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from datetime import date

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# After canonical_text only ASCII digits remain: [0-9], never \d.
_VALUE_RE = re.compile(r"([0-9]{6}|[0-9]{8})([-+]?)([0-9]{4})")

# Free text: a space may stand between any two digits ("12 12 12-12 12") and around the
# separator ("121212 - 1212"); the number must not be glued to other digits. Zero-width
# (lookahead) matches so every start position is considered; each attempt does a bounded
# amount of work, so the scan is linear in the length of the text. The 8- and 6-digit
# date parts are scanned separately so that neither hides the other.
_GAP = "[ \t]?"
_SEP = "[ \t]{0,3}([-+]?)[ \t]{0,3}"


def _digits(count):
    return "[0-9]" + f"(?:{_GAP}[0-9])" * (count - 1)


_TEXT_RES = [
    re.compile(rf"(?<![0-9])(?=({_digits(length)}){_SEP}({_digits(4)})(?![0-9]))")
    for length in (8, 6)
]

# Every dash a keyboard or word processor makes, as "-".
_DASHES = dict.fromkeys(
    map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-"
)


@functools.cache
def _digit_table():
    """Every decimal digit of every script, as its ASCII digit (built once, on first use)."""
    table = dict(_DASHES)
    for code in range(128, sys.maxunicode + 1):
        char = chr(code)
        if char.isdecimal():
            table[code] = str(unicodedata.decimal(char))
    return table


def canonical_text(text: str) -> str:
    """NFKC (full-width forms, no-break and thin spaces), then ASCII digits and "-"."""
    text = unicodedata.normalize("NFKC", text)
    return text if text.isascii() else text.translate(_digit_table())


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
    compact = re.sub(r"\s+", "", canonical_text(value))
    match = _VALUE_RE.fullmatch(compact)
    if match is None:
        return None
    date_part, sep, serial = match.groups()
    if sep == "+" and len(date_part) == 8:
        return None  # the century is explicit; "+" only belongs to the 10-digit form
    return _parse(date_part, sep, serial, today or date.today())


def birth_date(canonical: str) -> date:
    """The birth date in a canonical YYYYMMDDNNNN (a coordination number's day less 60)."""
    day = int(canonical[6:8])
    return date(int(canonical[:4]), int(canonical[4:6]), day - 60 if day > 60 else day)


def age_on(canonical: str, today: date) -> int:
    born = birth_date(canonical)
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))


def is_valid(value: str, *, today: date | None = None) -> bool:
    return normalize(value, today=today) is not None


def contains_identity_number(text: str, *, today: date | None = None) -> bool:
    """True if the text contains a valid personnummer or samordningsnummer.

    Separators "-" (any dash), "+", spaces, or none; spaces between digits; 6- or 8-digit
    date part; any script's digits. Deliberately a little more lenient than normalize()
    ("+" is allowed with an 8-digit date part).
    """
    if not isinstance(text, str):
        return False
    today = today or date.today()
    text = canonical_text(text)
    return any(
        _parse(_without_gaps(date_part), sep, _without_gaps(serial), today) is not None
        for pattern in _TEXT_RES
        for date_part, sep, serial in (match.groups() for match in pattern.finditer(text))
    )


def _without_gaps(digits: str) -> str:
    return digits.replace(" ", "").replace("\t", "")


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
