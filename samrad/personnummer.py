"""Swedish personal identity numbers (personnummer) and coordination numbers (samordningsnummer).

Accepted single-value forms: YYMMDD-NNNN, YYMMDD+NNNN (100 years or older), YYMMDDNNNN,
YYYYMMDD-NNNN and YYYYMMDDNNNN. For a coordination number the day is the real day + 60.
The last digit is the Luhn check digit over the ten digits YYMMDDNNN(N).

Text is first brought to one spelling (canonical_text): word processors and phones write
en dashes, no-break spaces, soft hyphens, zero-width spaces and full-width or other
scripts' digits, and a number in any of those spellings is still the number.

Free text is searched for anything with the shape of a number (contains_identity_number),
valid check digit or not: a mistyped number still identifies the person. The search reads
the text once and does a bounded amount of work per group of digits: it is linear in the
length of the text, whatever the text (no regular expression that can backtrack).
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

# Every dash a keyboard or word processor makes, as "-".
_DASHES = dict.fromkeys(
    map(ord, "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"), "-"
)


@functools.cache
def _digit_table():
    """Every decimal digit of every script as its ASCII digit, and every format character
    (category Cf: soft hyphen, zero-width space, word joiner, ...) removed: they are
    invisible, so "800101\u200b1231" reads as 8001011231. Built once, on first use."""
    table = dict(_DASHES)
    for code in range(128, sys.maxunicode + 1):
        char = chr(code)
        if char.isdecimal():
            table[code] = str(unicodedata.decimal(char))
        elif unicodedata.category(char) == "Cf":
            table[code] = None
    return table


def canonical_text(text: str) -> str:
    """NFKC (full-width forms, no-break and thin spaces), then ASCII digits and "-", and no
    invisible format characters."""
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


# A run of digit groups: digits, then any separators and digits again. A separator is any
# character that is neither a letter nor a digit (spaces, line breaks, control characters,
# dashes, punctuation, "+", "_"); a letter ends the run. The two classes are disjoint, so
# the expression cannot backtrack.
_RUN_RE = re.compile(r"[0-9]+(?:[\W_]+[0-9]+)*")
_SEPARATORS_RE = re.compile(r"([\W_]+)")
# A country code ("+46", not the "+" of 811218+9876) begins a phone number: it ends the
# digits before it and belongs to no number. "+46 11 12 34 56" is Norrköping (011), though
# 461112 is a real date.
_COUNTRY_CODE_RE = re.compile(r"(?<![0-9])\+[0-9]{1,3}(?![0-9])")

# The groups a date part may be written in: whole, or in its parts as people write a date
# (80 01 01, 1980-01-01, 19 80 01 01, 19 800101). A six-digit date split elsewhere is the
# shape of a phone number, not of a date: 0910-12 34 56 (area code, then pairs).
_DATE_SHAPES = {(6,), (2, 2, 2), (8,), (2, 6), (4, 2, 2), (2, 2, 2, 2)}
_FIRST_SIZES = {size for shape in _DATE_SHAPES for size in shape[:1]} | {10, 12}


def contains_identity_number(text: str, *, today: date | None = None) -> bool:
    """True if the text contains something with the shape of a personnummer or
    samordningsnummer, with or without a valid check digit.

    That is 10 or 12 digits, in groups separated by any run of separators (see _RUN_RE),
    whose first 6 or 8 digits are a real date (day + 60 for a samordningsnummer; a 12-digit
    date from the years 1800-today) and whose last 4 follow the date; the number must not be
    glued to other digits. See _shaped_like_a_number for what is not read as a number
    (phone numbers, periods, times).
    """
    if not isinstance(text, str):
        return False
    today = today or date.today()
    text = _COUNTRY_CODE_RE.sub("x", canonical_text(text))
    for run in _RUN_RE.finditer(text):
        parts = _SEPARATORS_RE.split(run.group())
        groups, separators = parts[0::2], parts[1::2]
        kind_of = {separator: _kind(separator) for separator in set(separators)}
        kinds = [kind_of[separator] for separator in separators]
        # The digit count at the end of each group: a window of whole groups with 10 or 12
        # digits, and where its date ends, are looked up, so each group costs the same.
        ends, count = {}, 0
        for index, group in enumerate(groups):
            count += len(group)
            ends[count] = index
        count = 0
        for first, group in enumerate(groups):
            if len(group) in _FIRST_SIZES:
                for length in (10, 12):
                    last = ends.get(count + length)
                    date_end = ends.get(count + length - 4)
                    if last is not None and _shaped_like_a_number(
                        groups, separators, kinds, first, date_end, last, today
                    ):
                        return True
            count += len(group)
    return False


def _shaped_like_a_number(groups, separators, kinds, first, date_end, last, today):
    """Whether groups[first..last] read as a number whose date part ends with
    groups[date_end] (None: no group ends there). kinds are the separators' _kind.

    Trade-offs, so that ordinary text is not refused:
    - The date part is written whole or in its parts (_DATE_SHAPES), year, month and day
      separated alike, and apart from the last four digits. A Swedish phone number has 10
      digits (070-123 45 67, 010-123 45 67, 0910-12 34 56) and "070123" is a real date
      (2007-01-23), but an area code splits the digits where no date is split.
    - The last four digits may only be split by spaces (not a line break): "2024-05-01
      12:30" and "... 12.30" are a date and a time.
    - Four digits that begin or end a date are a year: "2024-05-01–2024-06-01" and
      "01.05.2024–01.06.2024" are periods, not numbers with the serial 2024 or born
      2024-01-06.
    - Ten digits written without any separator and starting with 0 are how a phone number is
      typed into a phone field (0701234567); they count only when the check digit is valid
      too. Such a number (born 2000-2009, short form, no hyphen) with a mistyped check digit
      gets through: the price of not refusing the 55 % of 070 and 010 numbers typed without
      spaces whose first six digits are a real date (with the check digit, about 1 in 20 of
      them is still refused, and the message says to add a hyphen after the area code).
    """
    if first == last:
        digits = groups[first]
        if len(digits) == 10 and digits[0] == "0" and not _luhn_ok(digits):
            return False
        return _real_date(digits[:-4], today)
    if date_end is None or date_end >= last:
        return False
    shape = tuple(map(len, groups[first : date_end + 1]))
    if shape not in _DATE_SHAPES:
        return False
    if any(kind != " " for kind in kinds[date_end + 1 : last]):
        return False
    # Year, month and day are separated alike ("80-01-01", "80 01 01"; the century may
    # stand apart): "..., 08-01 00 00" is the end of one phone number and another.
    if len(shape) >= 3 and kinds[date_end - 2] != kinds[date_end - 1]:
        return False
    return (
        _real_date("".join(groups[first : date_end + 1]), today)
        and not _starts_a_date(groups, separators, last)
        and not _ends_a_date(groups, separators, first)
    )


def _kind(separator):
    """A separator as it reads: its visible characters, or a line break, or a space."""
    visible = "".join(separator.split())
    return visible or ("\n" if len(f"x{separator}x".splitlines()) > 1 else " ")


def _starts_a_date(groups, separators, index):
    """groups[index] is the year of a date written YYYY-MM-DD (any one separator, twice)."""
    if index + 2 >= len(groups) or len(groups[index]) != 4:
        return False
    return _month_and_day(
        groups[index + 1], groups[index + 2], separators[index], separators[index + 1]
    )


def _ends_a_date(groups, separators, index):
    """groups[index] is the year of a date written DD.MM.YYYY (any one separator, twice)."""
    if index < 2 or len(groups[index]) != 4:
        return False
    return _month_and_day(
        groups[index - 1], groups[index - 2], separators[index - 2], separators[index - 1]
    )


def _month_and_day(month, day, separator, other):
    return (
        len(separator) == 1
        and not separator.isspace()
        and other == separator
        and len(month) == len(day) == 2
        and 1 <= int(month) <= 12
        and 1 <= int(day) <= 31
    )


def _real_date(date_part: str, today: date) -> bool:
    """YYMMDD or YYYYMMDD (day + 60 for a samordningsnummer) is a day that has been."""
    month = int(date_part[-4:-2])
    day = int(date_part[-2:])
    if day > 60:
        day -= 60
    if len(date_part) == 8:
        if int(date_part[:2]) not in _CENTURIES:
            return False
        year = int(date_part[:4])
    else:
        # The century is not written. 2000 + YY has the leap years of the latest past year
        # ending in YY (19YY and 20YY differ only for 00, and 2000 has been).
        year = 2000 + int(date_part[:2])
    try:
        born = date(year, month, day)
    except ValueError:
        return False
    return len(date_part) == 6 or born <= today


def validate_identity_number(value) -> None:
    """Django validator: a personnummer or samordningsnummer."""
    if not is_valid(value):
        raise ValidationError(
            _("Enter a valid personal identity number or coordination number, e.g. YYYYMMDD-NNNN."),
            code="invalid",
        )


def reject_identity_numbers(value) -> None:
    """Django validator: text must not contain a personnummer or samordningsnummer.

    Declared once and given to every text field of the samråd except the identity field
    itself (forms.text_field): the number has one place, the identity field of a request
    with consent, encrypted and never shown to the parties' representatives."""
    if value and contains_identity_number(str(value)):
        raise ValidationError(
            _(
                "The text seems to contain a personal identity number or coordination number "
                "(also when a digit is wrong). It may only be written in the identity number "
                "field of a request with consent: remove it here, and anything else that "
                "identifies the person. If it is a phone number, write a hyphen after the "
                "area code."
            ),
            code="identity_number",
        )
