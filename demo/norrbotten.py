"""A second county beside Jämtland, for the developer's machine: Norrbottens län with its
parties and a public site of its own with one home page.

Norrbotten's political leadership group proposed the same kind of portal (seed 004: the
leadership group for "Samverkan mot våld", Luleå). Nothing here is a contact detail: no
page or party of Norrbotten's has given one to the project (shared/facts/contacts.md), so
the parties have no contact functions and no samråd mailbox. The home page's only numbers
are the national help lines, each with its published source.

Its staff area (demo/content/staff_norrbotten.toml) is its own, at /personal/ on its host;
the national law in its secrecy guide is the same as Jämtland's, nothing else is copied.

The sites are told apart by host name: `localhost` serves Norrbotten and `127.0.0.1`
Jämtland (the default site, which also answers every other name)."""

from django.db import transaction
from wagtail.models import Page, Site

from base.models import HomePage
from base.setup import ensure_child
from organisations.editors import ensure_county_editors
from organisations.models import County, Party
from samrad.models import SamradSettings
from staff import roles

from .public import CONTENT_DIR, ensure_settings, page_fields, read_content
from .staff import load_county_staff_content

NORRBOTTEN_HOST = "localhost"
JAMTLAND_HOST = "127.0.0.1"

# (slug, name, short name): the official names of the county's 14 municipalities.
MUNICIPALITIES = [
    ("arjeplog", "Arjeplogs kommun", "Arjeplog"),
    ("arvidsjaur", "Arvidsjaurs kommun", "Arvidsjaur"),
    ("boden", "Bodens kommun", "Boden"),
    ("gallivare", "Gällivare kommun", "Gällivare"),
    ("haparanda", "Haparanda kommun", "Haparanda"),
    ("jokkmokk", "Jokkmokks kommun", "Jokkmokk"),
    ("kalix", "Kalix kommun", "Kalix"),
    ("kiruna", "Kiruna kommun", "Kiruna"),
    ("lulea", "Luleå kommun", "Luleå"),
    ("pajala", "Pajala kommun", "Pajala"),
    ("pitea", "Piteå kommun", "Piteå"),
    ("alvsbyn", "Älvsbyns kommun", "Älvsbyn"),
    ("overkalix", "Överkalix kommun", "Överkalix"),
    ("overtornea", "Övertorneå kommun", "Övertorneå"),
]
COUNTY_WIDE = [
    ("polisen-norrbotten", "Polismyndigheten, Polisområde Norrbotten", "Polisen", "police"),
    ("region-norrbotten", "Region Norrbotten", "Region Norrbotten", "region"),
]

# Demo accounts (DEBUG only, demo/staff.create_demo_accounts): Norrbotten's coordinator and
# a professional who sends requests; they reach Norrbotten's case data only.
ACCOUNTS = [
    ("samordnare-norrbotten@example.org", [roles.COORDINATOR], "lulea"),
    ("socialtjanst-lulea@example.org", [roles.PROFESSIONAL], "lulea"),
    ("redaktor-norrbotten@example.org", [roles.EDITOR], "lulea"),
]
# No place of Norrbotten's samråd has been given to the project: a video meeting.
WEEKLY_PLACE = "Videomöte (länken står i kallelsen)"

HOME = {
    "title": "Stöd vid våld i nära relationer i Norrbottens län",
    "intro": (
        "Här ska du få veta vart du kan vända dig i Norrbottens län om någon du lever med "
        "eller har levt med utsätter dig för våld. Webbplatsen byggs upp."
    ),
    "body": [
        {
            "type": "notice",
            "title": "Är du i fara just nu?",
            "html": (
                "<p>Ring <b>112</b>. Säg var du är och vad som händer.</p>"
                "<p>Knappen <b>Lämna sidan snabbt</b> överst på sidan tar dig direkt till "
                "en vanlig väderwebbplats.</p>"
            ),
        },
        {"type": "heading", "text": "Stöd dygnet runt"},
        {
            "type": "paragraph",
            "html": (
                "<p><b>Kvinnofridslinjen</b> ger stöd dygnet runt till dig som utsatts för "
                "våld, hot eller sexuella övergrepp och till dig som är anhörig. Numret "
                "och de andra nationella stödlinjerna står längst ner på sidan.</p>"
            ),
        },
        {"type": "heading", "text": "Om webbplatsen"},
        {
            "type": "paragraph",
            "html": (
                "<p>Här ska polisen, Region Norrbotten och länets 14 kommuner berätta hur "
                "de kan hjälpa dig. Deras sidor och kontaktvägar är inte på plats än: de "
                "läggs in när myndigheterna själva har lämnat dem. Till dess kan du vända "
                "dig till socialtjänsten i kommunen där du bor.</p>"
                "<p>Den här webbplatsen använder inga kakor och ingen spårning.</p>"
            ),
        },
    ],
}


def ensure_parties(county):
    rows = [(slug, name, short, Party.Kind.MUNICIPALITY) for slug, name, short in MUNICIPALITIES]
    rows += COUNTY_WIDE
    for order, (slug, name, short_name, kind) in enumerate(rows, start=1):
        Party.objects.get_or_create(
            slug=slug,
            defaults={
                "name": name,
                "short_name": short_name,
                "kind": kind,
                "county": county,
                "sort_order": order * 10,
            },
        )


def ensure_sites(home):
    """Jämtland's default site answers on 127.0.0.1 and Norrbotten's on localhost. Both are
    the same machine; Wagtail tells the sites apart by the host name the browser sends."""
    jamtland = Site.objects.get(is_default_site=True)
    if jamtland.hostname == NORRBOTTEN_HOST:
        jamtland.hostname = JAMTLAND_HOST
        jamtland.save(update_fields=["hostname"])
    site, _created = Site.objects.get_or_create(
        hostname=NORRBOTTEN_HOST,
        port=jamtland.port,
        defaults={"root_page": home, "site_name": "Norrbottens län"},
    )
    return site


@transaction.atomic
def load_norrbotten():
    home = ensure_child(Page.get_first_root_node(), HomePage, "norrbotten", **page_fields(HOME))
    site = ensure_sites(home)
    county, _created = County.objects.get_or_create(
        slug="norrbotten",
        defaults={
            "name": "Norrbottens län",
            "steering_group": "Samverkan mot våld",
            "site": site,
        },
    )
    ensure_parties(county)
    ensure_county_editors(county)
    samrad_settings = SamradSettings.for_site(site)
    if samrad_settings.weekly_place == SamradSettings._meta.get_field("weekly_place").default:
        samrad_settings.weekly_place = WEEKLY_PLACE
        samrad_settings.save(update_fields=["weekly_place"])
    # The national help lines, each with its published source, as on Jämtland's site.
    ensure_settings(site, read_content(CONTENT_DIR / "public.toml"))
    # Its own staff area at localhost/personal/, for Norrbotten's staff only: the routine,
    # consent form, secrecy guide and (still empty) contact directory written for the county.
    load_county_staff_content(county, read_content(CONTENT_DIR / "staff_norrbotten.toml"))
    # Its site and home page as they are now: the cached home page would still count no
    # children (treebeard's numchild), and its get_children() would return none.
    county.refresh_from_db()
    return county
