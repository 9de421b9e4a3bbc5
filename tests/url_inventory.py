"""Every URL pattern the resolver knows, as a concrete address to request, with the HTTP
methods its view says it accepts."""

import inspect
import itertools
import re
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.urls import URLPattern, URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern

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
    r"^.*/$": "nowhere/",
    r"^admin/password_reset/": "admin/password_reset/",
    r"^admin/(?:documents|images)/chooser/chosen/(?![0-9]+/$)[^/]*/$": (
        "admin/documents/chooser/chosen/x/"
    ),
    r"^admin/snippets/choose/[^/]+/[^/]+/chosen/(?![0-9]+/$)[^/]*/$": (
        "admin/snippets/choose/organisations/party/chosen/x/"
    ),
    r"^documents/": "documents/",
    r"^images/": "images/",
    r"^pages/": "pages/",
}

# Every method a view may answer: a view that does not restrict them answers each.
ALL_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})

CANDIDATES = ["1", "x", "live", "latest", "1-x", ""]


@dataclass(frozen=True)
class Entry:
    key: str  # the pattern's text with its parents', as `manage.py show_urls` prints it
    path: str  # an address it matches, without the leading slash or a language prefix
    view: object
    localized: bool  # mounted by i18n_patterns: answered under each language's prefix


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


def inventory(resolver=None, prefix="", key_prefix="", localized=False):
    """An Entry for every pattern, in the resolver's order (a later twin is shadowed)."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            if isinstance(entry.pattern, LocalePrefixPattern):
                yield from inventory(entry, prefix, key_prefix, localized=True)
                continue
            text = str(entry.pattern)
            sub_prefix = prefix + (
                REGEX_VALUES.get(text, text.strip("^$"))
                if text.startswith("^")
                else route_to_path(text)
            )
            yield from inventory(entry, sub_prefix, key_prefix + text, localized)
        elif isinstance(entry, URLPattern):
            yield Entry(
                key_prefix + str(entry.pattern),
                prefix + pattern_to_path(entry),
                entry.callback,
                localized,
            )


def language_prefixes(localized):
    """The prefixes an address is answered under: each language's for i18n_patterns (the
    default language has none, prefix_default_language=False)."""
    if not localized:
        return [""]
    return [
        "" if code == settings.LANGUAGE_CODE else f"{code}/" for code, _name in settings.LANGUAGES
    ]


def wrapped_views(view):
    """The view and what it wraps: decorators that keep `__wrapped__` (functools.wraps)
    and those that only hold the view in their closure (Wagtail's require_admin_access)."""
    seen = set()
    while view is not None and id(view) not in seen:
        seen.add(id(view))
        yield view
        inner = getattr(view, "__wrapped__", None)
        if inner is None and inspect.isfunction(view):
            closure = inspect.getclosurevars(view).nonlocals
            inner = next(
                (
                    closure[name]
                    for name in ("view_func", "func", "view")
                    if callable(closure.get(name))
                ),
                None,
            )
        view = inner


def accepted_methods(view):
    """The methods a view says it accepts: a REST framework viewset's actions, a class-based
    view's handlers (`http_method_names` it implements; HEAD with GET, as View.setup does),
    require_http_methods' list; ALL_METHODS for a function that does not restrict them."""
    for layer in wrapped_views(view):
        actions = getattr(layer, "actions", None)
        if actions:
            methods = {action.upper() for action in actions} | {"OPTIONS"}
            return frozenset(methods | ({"HEAD"} if "GET" in methods else set()))
        view_class = getattr(layer, "view_class", None) or getattr(layer, "cls", None)
        if view_class is not None:
            methods = {
                name.upper() for name in view_class.http_method_names if hasattr(view_class, name)
            }
            return frozenset(methods | ({"HEAD"} if "GET" in methods else set()))
        code = getattr(layer, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            return frozenset(inspect.getclosurevars(layer).nonlocals["request_method_list"])
    return ALL_METHODS
