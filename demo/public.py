"""Idempotent demo content: creates what is missing and leaves existing content alone.

The texts live in demo/content/public.toml so that editors of the demo can
read and correct the Swedish without reading code.
"""

import tomllib
from pathlib import Path

from django.db import transaction
from wagtail.models import Locale

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
# Articles that belong in the footer rather than the main menu.
FOOTER_ARTICLES = {"tillganglighet", "integritet"}


def read_content(path):
    with open(path, "rb") as file:
        return tomllib.load(file)


def stream(blocks):
    """Turn the content file's blocks into StreamField data for home.blocks.BaseStreamBlock."""
    data = []
    for block in blocks or []:
        if block["type"] == "heading":
            data.append({"type": "heading", "value": block["text"]})
        elif block["type"] == "paragraph":
            data.append({"type": "paragraph", "value": block["html"]})
        elif block["type"] == "notice":
            data.append(
                {"type": "notice", "value": {"title": block["title"], "text": block["html"]}}
            )
        else:
            raise ValueError(f"Unknown block type in demo content: {block['type']!r}")
    return data


def page_fields(text):
    return {
        "title": text["title"],
        "intro": text.get("intro", ""),
        "body": stream(text.get("body")),
    }


def ensure_translation(page, locale, text):
    """The translation of `page` into `locale`, created from `text` if missing."""
    existing = page.get_translations().filter(locale=locale).first()
    if existing is not None:
        return existing.specific
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in page_fields(text).items():
        setattr(translation, name, value)
    translation.save()
    return publish(translation)


def ensure_home_page(text):
    return setup.ensure_home_page(page_fields(text))


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
                    note=(
                        "Exempeluppgift i demoinnehållet – kontrollera och ersätt."
                        if function.get("example")
                        else ""
                    ),
                )
        result[item["key"]] = party
    return result


def ensure_settings(site, content):
    safety = SafetySettings.for_site(site)
    if not safety.help_lines:
        safety.exit_url = content["site"]["exit_url"]
        safety.help_lines = [{"type": "help_line", "value": line} for line in content["help_lines"]]
        safety.save()


@transaction.atomic
def load_public_content():
    content = read_content(CONTENT_DIR / "public.toml")
    english, _ = Locale.objects.get_or_create(language_code="en")

    site, home = ensure_home_page(content["home"]["sv"])
    ensure_translation(home, english, content["home"]["en"])
    ensure_settings(site, content)
    parties = ensure_parties(content["parties"])

    index = ensure_child(
        home,
        PartyIndexPage,
        "stod",
        show_in_menus=True,
        **page_fields(content["party_index"]["sv"]),
    )
    ensure_translation(index, english, content["party_index"]["en"])
    for item in content["parties"]:
        page = ensure_child(
            index, PartyPage, item["key"], party=parties[item["key"]], **page_fields(item["sv"])
        )
        ensure_translation(page, english, item["en"])

    finder = ensure_child(
        home, FinderPage, "hitta-hjalp", show_in_menus=True, **page_fields(content["finder"]["sv"])
    )
    ensure_translation(finder, english, content["finder"]["en"])

    for item in content["articles"]:
        article = ensure_child(
            home,
            ArticlePage,
            item["slug"],
            show_in_menus=item["key"] not in FOOTER_ARTICLES,
            **page_fields(item["sv"]),
        )
        if "en" in item:
            ensure_translation(article, english, item["en"])
    return site
