"""Every URL pattern the resolver knows, as a concrete address to request."""

import itertools
import re
import uuid

from django.urls import URLPattern, URLResolver, get_resolver

# Route converters: a value of the right shape. Ids that exist are not needed: what is
# checked is who gets past the door, and a 404 behind it is a fine answer.
CONVERTER_VALUES = {"int": "1", "uuid": str(uuid.UUID(int=1)), "slug": "x", "str": "x", "path": "x"}
# The regex patterns the frameworks mount, each with an address it matches.
REGEX_VALUES = {
    r"^((?:[\w\-]+/)*)$": "",
    r"^(\d+)/(.*)$": "1/x.pdf",
    r"^confirm-email/(?P<key>[-:\w]+)/$": "confirm-email/x/",
    r"^password/reset/key/(?P<uidb36>[0-9A-Za-z]+)-(?P<key>.+)/$": "password/reset/key/1-x/",
    r"^.*$": "nowhere/",
    r"^admin/password_reset/": "admin/password_reset/",
    r"^admin/(?:documents|images)/chooser/chosen/(?![0-9]+/$)[^/]*/$": (
        "admin/documents/chooser/chosen/x/"
    ),
    r"^admin/snippets/choose/[^/]+/[^/]+/chosen/(?![0-9]+/$)[^/]*/$": (
        "admin/snippets/choose/guidance/party/chosen/x/"
    ),
    r"^documents/": "documents/",
    r"^images/": "images/",
    r"^pages/": "pages/",
}


CANDIDATES = ["1", "x", "live", "latest", "1-x", ""]


def regex_to_path(text):
    """An address the regex matches: each top-level group tried with a few candidates."""
    body = text.removeprefix("^").removesuffix("$")
    parts, depth, start = [], 0, 0
    for index, char in enumerate(body):
        if char == "(" and body[index - 1 : index] != "\\":
            if depth == 0:
                parts.append(body[start:index])
                start = index
            depth += 1
        elif char == ")" and body[index - 1 : index] != "\\":
            depth -= 1
            if depth == 0:
                parts.append(None)
                start = index + 1
    parts.append(body[start:])
    literals = [part.replace("\\", "") if part is not None else None for part in parts]
    for values in itertools.product(CANDIDATES, repeat=literals.count(None)):
        filled = iter(values)
        candidate = "".join(part if part is not None else next(filled) for part in literals)
        if re.search(text, candidate):
            return candidate
    raise ValueError(f"No sample address for the regex pattern {text!r}: add one to REGEX_VALUES.")


def route_to_path(route):
    return re.sub(r"<(?:(\w+):)?\w+>", lambda m: CONVERTER_VALUES[m.group(1) or "str"], route)


def pattern_to_path(pattern):
    text = str(pattern.pattern)
    if text in REGEX_VALUES:
        return REGEX_VALUES[text]
    return regex_to_path(text) if text.startswith("^") else route_to_path(text)


def inventory(resolver=None, prefix="", key_prefix=""):
    """(pattern key, address) for every pattern: the key is the pattern's text with its
    parents', as `manage.py show_urls` would print it."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        text = str(entry.pattern)
        if isinstance(entry, URLResolver):
            sub_prefix = prefix + (
                REGEX_VALUES.get(text, text.strip("^$"))
                if text.startswith("^")
                else route_to_path(text)
            )
            yield from inventory(entry, sub_prefix, key_prefix + text)
        elif isinstance(entry, URLPattern):
            yield key_prefix + text, "/" + prefix + pattern_to_path(entry)
