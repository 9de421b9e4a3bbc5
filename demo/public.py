"""Idempotent demo content: creates what is missing and leaves existing content alone,
except the contact functions, which it brings up to the content file's newer checks
(`ensure_functions`).

The texts live in demo/content/public.toml so that editors of the demo can
read and correct the Swedish without reading code. The translations into another language
may live in a file of their own, demo/content/public_<code>.toml (public_ar.toml: Arabic),
with the same keys: `home`, `party_index`, `finder`, `parties.<key>` and `articles.<key>`,
and `party_names.<key>` for a party's own name in that language (Party.translations).
"""

import datetime
import re
import tomllib
from pathlib import Path

from django.conf import settings
from django.db import transaction
from wagtail.models import Locale, Site

from base import setup
from base.models import ResponsibilitySettings, SafetySettings, SearchSettings
from base.setup import ensure_child, publish
from demo.easy_read import load_easy_read_content
from guidance.models import ArticlePage, FinderPage, PartyIndexPage, PartyPage
from organisations.editors import ensure_county_editors
from organisations.models import ContactFunction, County, Party
from portal.languages import is_right_to_left
from translations.adopt import adopt

CONTENT_DIR = Path(__file__).resolve().parent / "content"
# The help pages (the forms of violence, a safety plan, ...) are listed in the footer
# and linked from the home page, so that the main menu stays short.
HELP_ARTICLES = {"ar-det-vald", "sakerhetsplan", "anhoriga", "efter-anmalan"}
# The pages for groups (children, men, LGBTQI people, ...) are linked from the home page,
# "Är det här våld?" and the relatives' page, and listed in the footer.
GROUP_ARTICLES = {"barn", "man", "hbtq", "heder", "aldre", "funktionsnedsattning", "sluta"}
# Articles that belong in the footer rather than the main menu.
FOOTER_ARTICLES = {"tillganglighet", "integritet", "ord"} | HELP_ARTICLES | GROUP_ARTICLES


def read_content(path):
    with open(path, "rb") as file:
        return tomllib.load(file)


# A link to another page in the content file: <a page="key">, where key is a page's key
# (a party, an article, "home", "party_index" or "finder"). The loader writes Wagtail's
# own page link, <a linktype="page" id="…">, so that links follow moves and renames and
# an English page links to the English translation.
PAGE_LINK = re.compile(r'<a page="([a-z0-9_-]+)">')
# Written while the page a link points to does not exist yet; replaced once it does.
UNRESOLVED_ID = "0"


class PageLinks:
    """The pages the content file's keys name, filled in as the loader creates them."""

    def __init__(self, keys=()):
        self.keys = set(keys)
        self.pages = {}

    def __setitem__(self, key, page):
        self.pages[key] = page

    def expand(self, html):
        def link(match):
            key = match.group(1)
            page = self.pages.get(key)
            if page is None and key not in self.keys:
                raise ValueError(f"Unknown page key in demo content: {key!r}")
            page_id = page.pk if page is not None else UNRESOLVED_ID
            return f'<a linktype="page" id="{page_id}">'

        return PAGE_LINK.sub(link, html)


NO_LINKS = PageLinks()


def stream(blocks, links=NO_LINKS):
    """Turn the content file's blocks into StreamField data for base.blocks.BaseStreamBlock."""
    data = []
    for block in blocks or []:
        if block["type"] == "heading":
            data.append({"type": "heading", "value": block["text"]})
        elif block["type"] == "paragraph":
            data.append({"type": "paragraph", "value": links.expand(block["html"])})
        elif block["type"] == "notice":
            data.append(
                {
                    "type": "notice",
                    "value": {"title": block["title"], "text": links.expand(block["html"])},
                }
            )
        elif block["type"] == "responsibility":
            # A fact the parties decide (base.models.ResponsibilitySettings): shown once
            # the setting is filled in. The demo leaves the settings empty.
            data.append({"type": "responsibility", "value": block["fact"]})
        else:
            raise ValueError(f"Unknown block type in demo content: {block['type']!r}")
    return data


def page_fields(text, links=NO_LINKS):
    return {
        "title": text["title"],
        "intro": text.get("intro", ""),
        "body": stream(text.get("body"), links),
    }


# A phone number or a law's number in groups ("114 14", "020-50 50 50", "2009:400"). In
# right-to-left text the spaces between the groups take the text's direction, and the
# groups would be shown in reverse order ("14 114"). Unicode's isolates (LRI ... PDI,
# invisible, and kept by the rich-text editor) keep such a number left to right as a whole.
GROUPED_NUMBER = re.compile(r"\+?\d+(?:[ \u00a0\-–:]\d+)+")
LEFT_TO_RIGHT_ISOLATE, POP_DIRECTIONAL_ISOLATE = "\u2066", "\u2069"
TEXT_BETWEEN_TAGS = re.compile(r"(^|>)([^<]*)")


def isolate_numbers(text):
    """`text` (plain or HTML; attributes are left alone) with each grouped number isolated."""

    def isolate(match):
        return LEFT_TO_RIGHT_ISOLATE + match.group(0) + POP_DIRECTIONAL_ISOLATE

    def in_text(match):
        return match.group(1) + GROUPED_NUMBER.sub(isolate, match.group(2))

    return TEXT_BETWEEN_TAGS.sub(in_text, text)


def for_language(text, language_code):
    """The content file's texts for a page, numbers isolated if the language is written
    right to left."""
    if not is_right_to_left(language_code):
        return text
    return {
        **text,
        "title": isolate_numbers(text["title"]),
        "intro": isolate_numbers(text.get("intro", "")),
        "body": [
            {
                name: isolate_numbers(value) if name in {"text", "title", "html"} else value
                for name, value in block.items()
            }
            for block in text.get("body") or []
        ],
    }


def ensure_translation(page, locale, text, links=NO_LINKS):
    """The translation of `page` into `locale`, created from `text` if missing."""
    existing = page.get_translations().filter(locale=locale).first()
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in page_fields(text, links).items():
        setattr(translation, name, value)
    if text.get("slug"):
        # A translation may have an address in its own language.
        translation.slug = text["slug"]
    translation.save()
    return publish(translation)


def has_unresolved_links(page):
    return f'linktype="page" id="{UNRESOLVED_ID}"' in repr(list(page.body.raw_data))


def resolve_links(written, links):
    """Second pass: pages created in this run that link to pages created after them get
    the real ids. Pages that existed before are left alone, as everywhere in the loader."""
    for page, text in written:
        # Fresh from the database: the objects in hand are stale (their tree fields
        # changed as children were added), and saving one would write the old values.
        page = page.specific_class.objects.get(pk=page.pk)
        if page.body and has_unresolved_links(page):
            page.body = stream(text.get("body"), links)
            publish(page)


def ensure_home_page(text, links=NO_LINKS):
    return setup.ensure_home_page(page_fields(text, links))


def function_source(function):
    """A function's source as the content file gives it: a published page's address, or
    `source = "party"` for details the party gave. Example data has none."""
    if function.get("source_url"):
        return ContactFunction.Source.PUBLISHED
    if function.get("source") == "party":
        return ContactFunction.Source.PARTY
    if (function.get("phone") or function.get("email")) and not function.get("example"):
        raise ValueError(f"A contact detail without its source: {function['name']!r}")
    return ""


def function_translations(function, texts):
    """The function's texts in each language of demo/content/function_texts.toml, in the
    form of ContactFunction.translations; a language without a name for it is left out."""
    fields = ("name", "opening_hours", "note")
    result = []
    for language, table in texts.items():
        if function["name"] not in table:
            continue
        value = {"language": language}
        value |= {field: table.get(function.get(field, ""), "") for field in fields}
        result.append(("translation", value))
    return result


def function_fields(function, texts, position):
    """A function of the content file as ContactFunction's fields."""
    verified_on = function.get("verified_on")
    if isinstance(verified_on, str):
        verified_on = datetime.date.fromisoformat(verified_on)
    return {
        "sort_order": position,
        "name": function["name"],
        "phone": function.get("phone", ""),
        "email": function.get("email", ""),
        "opening_hours": function.get("opening_hours", ""),
        "url": function.get("url", ""),
        "note": function.get("note", ""),
        "audience": function.get("audience", ContactFunction.Audience.PUBLIC),
        "source": function_source(function),
        "source_url": function.get("source_url", ""),
        "verified_on": verified_on,
        "is_example": function.get("example", False),
        "translations": function_translations(function, texts),
    }


def is_due(row, fields):
    """Whether the content file may bring an existing row up to date: the row is example
    data, or the file records a newer check than the row. A row an editor has checked
    since (a later date, or real data in place of an example) is left alone."""
    if row.is_example:
        return True
    newer = fields["verified_on"]
    return newer is not None and (row.verified_on is None or row.verified_on < newer)


def stored_value(row, name):
    value = getattr(row, name)
    if name == "translations":
        return [(item["type"], item["value"]) for item in value.raw_data]
    return value


def ensure_functions(party, functions, texts):
    """The party's contact functions as the content file gives them. A missing function is
    created; an existing one (found by its name or a former name in `replaces`) is updated
    when `is_due` and saved only when something differs, so that a second run changes
    nothing. Functions the file does not name are left alone."""
    rows = list(party.contact_functions.all())
    for position, function in enumerate(functions):
        fields = function_fields(function, texts, position)
        names = [function["name"], *function.get("replaces", [])]
        row = next((row for name in names for row in rows if row.name == name), None)
        if row is None:
            ContactFunction.objects.create(party=party, **fields)
            continue
        if not is_due(row, fields):
            continue
        changed = {name for name, value in fields.items() if stored_value(row, name) != value}
        if changed:
            for name in changed:
                setattr(row, name, fields[name])
            row.save()


def party_translations(item):
    """The party's names in other languages (a language file's [party_names]), in the form
    of Party.translations."""
    return [
        ("translation", {"language": language, **names})
        for language, names in item.get("names", {}).items()
    ]


def ensure_county(site, slug, name, steering_group):
    """The county (its migration creates Jämtland's), with the site given if it has none."""
    county, _created = County.objects.get_or_create(
        slug=slug, defaults={"name": name, "steering_group": steering_group, "site": site}
    )
    if county.site_id is None:
        county.site = site
        county.save(update_fields=["site"])
    # Made by migration, where no signal runs: its editors' group and collection.
    ensure_county_editors(county)
    return county


def ensure_parties(parties, texts, county):
    result = {}
    for order, item in enumerate(parties, start=1):
        party, _created = Party.objects.get_or_create(
            slug=item["key"],
            defaults={
                "name": item["name"],
                "short_name": item["short_name"],
                "kind": item["kind"],
                "county": county,
                "sort_order": order * 10,
                # Demo mailboxes on a reserved domain: mail to them goes nowhere.
                "samrad_mailbox": f"samrad.{item['key']}@norrsken.example",
            },
        )
        translations = party_translations(item)
        if translations and not party.translations:
            # Missing names are added; names an editor has given are left alone.
            party.translations = translations
            party.save()
        ensure_functions(party, item.get("functions", []), texts)
        result[item["key"]] = party
    return result


def ensure_settings(site, content):
    # What the parties decide about the website stays empty in the demo (nothing undecided
    # is shown); the row is created here so that the first page view does not create it.
    ResponsibilitySettings.for_site(site)
    # The search's synonyms, pages for whole searches and the county's places, from their
    # defaults (base.models), for editors to extend.
    SearchSettings.for_site(site)
    safety = SafetySettings.for_site(site)
    if not safety.help_lines:
        safety.exit_url = content["site"]["exit_url"]
        safety.help_lines = [{"type": "help_line", "value": line} for line in content["help_lines"]]
        safety.save()


class Loader:
    """Creates the pages that are missing and remembers what it wrote, for the links."""

    def __init__(self, locales, keys):
        # The site's other languages: {code: Locale}.
        self.locales = locales
        self.links = PageLinks(keys)
        self.written = []
        self.translated = []

    def child(self, parent, model, slug, key, texts, **fields):
        existing = parent.get_children().filter(slug=slug).exists()
        page = ensure_child(parent, model, slug, **fields, **page_fields(texts["sv"], self.links))
        self.register(page, key, texts, existing)
        return page

    def register(self, page, key, texts, existing):
        self.links[key] = page
        if not existing:
            self.written.append((page, texts["sv"]))
        for code, locale in self.locales.items():
            if code not in texts:
                continue
            text = for_language(texts[code], code)
            translated = page.get_translations().filter(locale=locale).exists()
            translation = ensure_translation(page, locale, text, self.links)
            if not translated:
                self.written.append((translation, text))
            self.translated.append((page, translation))

    def finish(self):
        resolve_links(self.written, self.links)
        # The English texts become wagtail-localize's translations of the Swedish ones, so
        # that the translators' workflow starts from them (README "Translating the portal").
        for page, translation in self.translated:
            adopt(fresh(page), fresh(translation))


def fresh(page):
    return page.specific_class.objects.get(pk=page.pk)


SINGLE_PAGES = ("home", "party_index", "finder")


def add_translations(content, code, translated):
    """Put the texts of a language's own file (public_<code>.toml) beside the others, as if
    public.toml held them: content["home"][code], a party's or an article's [code], a help
    line's translations, a party's names (item["names"][code]); and the contact functions'
    texts as function_texts.toml holds them (content["function_texts"][code])."""
    isolate = isolate_numbers if is_right_to_left(code) else str
    for key in SINGLE_PAGES:
        if key in translated:
            content[key][code] = translated[key]
    functions = translated.get("functions", {})
    content.setdefault("function_texts", {})[code] = {
        swedish: isolate(text) for swedish, text in functions.items()
    }
    lines = dict(translated.get("help_lines", {}))
    for line in content["help_lines"]:
        if line["name"] in lines:
            texts = {name: isolate(text) for name, text in lines.pop(line["name"]).items()}
            line.setdefault("translations", []).append({"language": code, **texts})
    if lines:
        raise ValueError(f"Unknown help lines in public_{code}.toml: {sorted(lines)}")
    names = dict(translated.get("party_names", {}))
    for item in content["parties"]:
        if item["key"] in names:
            item.setdefault("names", {})[code] = names.pop(item["key"])
    if names:
        raise ValueError(f"Unknown party_names in public_{code}.toml: {sorted(names)}")
    for section in ("parties", "articles"):
        texts = dict(translated.get(section, {}))
        for item in content[section]:
            if item["key"] in texts:
                item[code] = texts.pop(item["key"])
        if texts:
            raise ValueError(f"Unknown {section} in public_{code}.toml: {sorted(texts)}")


def site_locales(content):
    """The site's languages other than the default, with the texts of their own files added."""
    default = settings.LANGUAGE_CODE
    locales = {}
    for code, _name in settings.LANGUAGES:
        if code == default:
            continue
        path = CONTENT_DIR / f"public_{code}.toml"
        if path.exists():
            add_translations(content, code, read_content(path))
        locales[code], _ = Locale.objects.get_or_create(language_code=code)
    return locales


@transaction.atomic
def load_public_content():
    content = read_content(CONTENT_DIR / "public.toml")
    locales = site_locales(content)
    keys = (
        {"home", "party_index", "finder"}
        | {item["key"] for item in content["parties"]}
        | {item["key"] for item in content["articles"]}
    )
    loader = Loader(locales, keys)

    existing_home = Site.objects.filter(
        is_default_site=True, root_page__content_type__model="homepage"
    ).exists()
    site, home = ensure_home_page(content["home"]["sv"], loader.links)
    loader.register(home, "home", content["home"], existing_home)
    ensure_settings(site, content)
    function_texts = read_content(CONTENT_DIR / "function_texts.toml")
    for code, texts in content.get("function_texts", {}).items():
        function_texts.setdefault(code, {}).update(texts)
    county = ensure_county(site, "jamtland", "Jämtlands län", "Tillsammans mot våld")
    parties = ensure_parties(content["parties"], function_texts, county)

    index = loader.child(
        home, PartyIndexPage, "stod", "party_index", content["party_index"], show_in_menus=True
    )
    for item in content["parties"]:
        loader.child(index, PartyPage, item["key"], item["key"], item, party=parties[item["key"]])

    loader.child(home, FinderPage, "hitta-hjalp", "finder", content["finder"], show_in_menus=True)

    for item in content["articles"]:
        loader.child(
            home,
            ArticlePage,
            item["slug"],
            item["key"],
            item,
            show_in_menus=item["key"] not in FOOTER_ARTICLES,
        )
    # Easy-to-read Swedish (lättläst): its own content file, linked to the pages above.
    load_easy_read_content(loader, home)
    loader.finish()
    return site
