"""Idempotent demo content: creates what is missing and leaves existing content alone.

The texts live in demo/content/public.toml so that editors of the demo can
read and correct the Swedish without reading code.
"""

import re
import tomllib
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale, Site

from demo.easy_read import load_easy_read_content
from guidance.models import (
    ArticlePage,
    ContactFunction,
    FinderPage,
    Party,
    PartyIndexPage,
    PartyPage,
)
from home import setup
from home.models import SafetySettings
from home.setup import ensure_child, publish

CONTENT_DIR = Path(__file__).resolve().parent / "content"
# The help pages (the forms of violence, a safety plan, ...) are listed in the footer
# and linked from the home page, so that the main menu stays short.
HELP_ARTICLES = {"ar-det-vald", "sakerhetsplan", "anhoriga", "efter-anmalan"}
# Articles that belong in the footer rather than the main menu.
FOOTER_ARTICLES = {"tillganglighet", "integritet", "ord"} | HELP_ARTICLES


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
    """Turn the content file's blocks into StreamField data for home.blocks.BaseStreamBlock."""
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
        else:
            raise ValueError(f"Unknown block type in demo content: {block['type']!r}")
    return data


def page_fields(text, links=NO_LINKS):
    return {
        "title": text["title"],
        "intro": text.get("intro", ""),
        "body": stream(text.get("body"), links),
    }


def ensure_translation(page, locale, text, links=NO_LINKS):
    """The translation of `page` into `locale`, created from `text` if missing."""
    existing = page.get_translations().filter(locale=locale).first()
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in page_fields(text, links).items():
        setattr(translation, name, value)
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


def ensure_parties(parties):
    result = {}
    for order, item in enumerate(parties, start=1):
        party, created = Party.objects.get_or_create(
            slug=item["key"],
            defaults={
                "name": item["name"],
                "short_name": item["short_name"],
                "kind": item["kind"],
                "sort_order": order * 10,
                # Demo mailboxes on a reserved domain: mail to them goes nowhere.
                "samrad_mailbox": f"samrad.{item['key']}@norrsken.example",
            },
        )
        if created:
            for position, function in enumerate(item.get("functions", [])):
                ContactFunction.objects.create(
                    party=party,
                    sort_order=position,
                    name=function["name"],
                    phone=function.get("phone", ""),
                    email=function.get("email", ""),
                    opening_hours=function.get("opening_hours", ""),
                    url=function.get("url", ""),
                    note=function.get("note", ""),
                    audience=function.get("audience", ContactFunction.Audience.PUBLIC),
                    source=function_source(function),
                    source_url=function.get("source_url", ""),
                    is_example=function.get("example", False),
                )
        result[item["key"]] = party
    return result


def ensure_settings(site, content):
    safety = SafetySettings.for_site(site)
    if not safety.help_lines:
        safety.exit_url = content["site"]["exit_url"]
        safety.help_lines = [{"type": "help_line", "value": line} for line in content["help_lines"]]
        safety.save()


class Loader:
    """Creates the pages that are missing and remembers what it wrote, for the links."""

    def __init__(self, english, keys):
        self.english = english
        self.links = PageLinks(keys)
        self.written = []

    def child(self, parent, model, slug, key, texts, **fields):
        existing = parent.get_children().filter(slug=slug).exists()
        page = ensure_child(parent, model, slug, **fields, **page_fields(texts["sv"], self.links))
        self.register(page, key, texts, existing)
        return page

    def register(self, page, key, texts, existing):
        self.links[key] = page
        if not existing:
            self.written.append((page, texts["sv"]))
        if "en" in texts:
            translated = page.get_translations().filter(locale=self.english).exists()
            translation = ensure_translation(page, self.english, texts["en"], self.links)
            if not translated:
                self.written.append((translation, texts["en"]))

    def finish(self):
        resolve_links(self.written, self.links)


@transaction.atomic
def load_public_content():
    content = read_content(CONTENT_DIR / "public.toml")
    english, _ = Locale.objects.get_or_create(language_code="en")
    keys = (
        {"home", "party_index", "finder"}
        | {item["key"] for item in content["parties"]}
        | {item["key"] for item in content["articles"]}
    )
    loader = Loader(english, keys)

    existing_home = Site.objects.filter(
        is_default_site=True, root_page__content_type__model="homepage"
    ).exists()
    site, home = ensure_home_page(content["home"]["sv"], loader.links)
    loader.register(home, "home", content["home"], existing_home)
    ensure_settings(site, content)
    parties = ensure_parties(content["parties"])

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
