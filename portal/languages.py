"""The site's languages, from one list of codes (settings PORTAL_LANGUAGES).

Adding a language is one code in that list plus its translations (README "Adding a
language"). Everything else is derived here: Django's LANGUAGES and Wagtail's content
languages, each language named in its own script, and the address prefixes of the
private and uncached paths in every language. Whether a language is written right to
left is Django's own setting, LANGUAGES_BIDI (ar, fa, he, ckb, ur, ...): templates/base.html
sets dir="rtl" from it.
"""

from django.conf import settings
from django.conf.locale import LANG_INFO

# Names in the language's own script where Django's table spells them otherwise
# (Django writes "svenska" in lower case and "العربيّة" with a shadda).
OWN_NAMES = {
    "sv": "Svenska",
    "ar": "العربية",
}


def own_name(code):
    """The language's name as its readers write it: Svenska, English, العربية."""
    if code in OWN_NAMES:
        return OWN_NAMES[code]
    info = LANG_INFO.get(code)
    if info is None:
        raise ValueError(f"Unknown language code {code!r}: add its name to OWN_NAMES.")
    name = info["name_local"]
    return name[:1].upper() + name[1:]


def language_choices(codes):
    """LANGUAGES for Django and Wagtail: (code, own name), the default language first."""
    if not codes:
        raise ValueError("PORTAL_LANGUAGES needs at least the default language.")
    return [(code, own_name(code)) for code in codes]


def prefixed(paths, codes):
    """The paths in every language: as given for the default language (no prefix, see
    portal/urls.py) and under /<code>/ for each of the others."""
    default, *others = codes
    return tuple(paths) + tuple(f"/{code}{path}" for code in others for path in paths)


def is_right_to_left(code):
    """The test Django's get_language_bidi() makes, for any language, not just the active one."""
    return code.split("-")[0] in settings.LANGUAGES_BIDI
