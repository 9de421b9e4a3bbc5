"""A second county beside Jämtland, for the developer's machine: Norrbottens län with its
parties and a public site of its own: a home page, a party page for the police, the region
and each municipality, and a municipality finder (load_public_pages).

Norrbotten's political leadership group proposed the same kind of portal (seed 004: the
leadership group for "Samverkan mot våld", Luleå). Nothing here is a contact detail: no
page or party of Norrbotten's has given one to the project (shared/facts/contacts.md), so
the parties have no contact functions and no samråd mailbox. The home page's only numbers
are the national help lines, each with its published source.

The sites are told apart by host name: `localhost` serves Norrbotten and `127.0.0.1`
Jämtland (the default site, which also answers every other name)."""

from django.db import transaction
from wagtail.models import Page, Site

from base.models import HomePage, SearchSettings
from base.setup import ensure_child, publish
from guidance.models import FinderPage, PartyIndexPage, PartyPage
from organisations.editors import ensure_county_editors
from organisations.models import County, Party
from samrad.models import SamradSettings
from staff import roles

from .public import (
    CONTENT_DIR,
    Loader,
    ensure_functions,
    ensure_settings,
    page_fields,
    read_content,
    stream,
)

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
                '<p>På sidan <a page="party_index">Här får du stöd</a> ser du vad polisen, '
                "Region Norrbotten och socialtjänsten i länets 14 kommuner kan göra för dig. "
                'På sidan <a page="finder">Hitta hjälp i din kommun</a> väljer du kommunen '
                "där du bor.</p>"
                "<p>Deras egna telefonnummer och kontaktvägar visas inte här än: de läggs in "
                "när myndigheterna själva har lämnat dem. Till dess kan du vända dig till "
                "socialtjänsten i kommunen där du bor.</p>"
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


# The police's emergency and non-emergency numbers are the same in every county: Norrbotten's
# police page shows them with the sources Jämtland's content file records for them. Nothing local is shown.
NATIONAL_POLICE_FUNCTIONS = (
    "Nödnummer – akut fara",
    "Polisens kontaktcenter – när det inte är akut",
)


def ensure_national_functions(county, content):
    police = next(party for party in content["parties"] if party["key"] == "polisen")
    functions = [f for f in police["functions"] if f["name"] in NATIONAL_POLICE_FUNCTIONS]
    party = county.parties.get(slug="polisen-norrbotten")
    ensure_functions(party, functions, read_content(CONTENT_DIR / "function_texts.toml"))


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
    public_loader = public_page_links()
    home = ensure_child(
        Page.get_first_root_node(), HomePage, "norrbotten", **page_fields(HOME, public_loader.links)
    )
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
    content = read_content(CONTENT_DIR / "public.toml")
    ensure_settings(site, content)
    ensure_national_functions(county, content)
    load_public_pages(public_loader, home, county)
    return county


# --- Public pages ---------------------------------------------------------------------
# The party index, a party page for the police, the region and each municipality, and the
# municipality finder, from demo/content/norrbotten.toml; in Swedish only (the home page
# has no translation for them to sit below).

PUBLIC_KEYS = (
    {"home", "party_index", "finder"}
    | {slug for slug, *_rest in COUNTY_WIDE}
    | {slug for slug, _name, _short in MUNICIPALITIES}
)
# The home page's text before the pages above existed; a home page that still says it is
# brought up to HOME (one an editor has rewritten is left alone).
FORMER_HOME_TEXT = "Deras sidor och kontaktvägar är inte på plats än"


def public_page_links():
    """The loader that creates the public pages and resolves the links between them; the
    home page's links to pages made after it are filled in by load_public_pages."""
    return Loader({}, PUBLIC_KEYS)


def municipality_text(template, name):
    """The content file's municipality page with the municipality's name filled in."""

    def fill(value):
        return value.replace("{name}", name) if isinstance(value, str) else value

    return {
        "title": fill(template["title"]),
        "intro": fill(template["intro"]),
        "body": [{key: fill(value) for key, value in block.items()} for block in template["body"]],
    }


def load_public_pages(loader, home, county):
    content = read_content(CONTENT_DIR / "norrbotten.toml")
    parties = {party.slug: party for party in county.parties.all()}
    loader.links["home"] = home
    # resolve_links fills in the home page's links only while they are unresolved.
    loader.written.append((home, HOME))
    index = loader.child(
        home,
        PartyIndexPage,
        "stod",
        "party_index",
        {"sv": content["party_index"]},
        show_in_menus=True,
    )
    for slug, *_rest in COUNTY_WIDE:
        texts = {"sv": content["parties"][slug]}
        loader.child(index, PartyPage, slug, slug, texts, party=parties[slug])
    for slug, name, _short in MUNICIPALITIES:
        texts = {"sv": municipality_text(content["municipality"], name)}
        loader.child(index, PartyPage, slug, slug, texts, party=parties[slug])
    loader.child(
        home, FinderPage, "hitta-hjalp", "finder", {"sv": content["finder"]}, show_in_menus=True
    )
    loader.finish()
    home = HomePage.objects.get(pk=home.pk)
    if FORMER_HOME_TEXT in repr(list(home.body.raw_data)):
        home.body = stream(HOME["body"], loader.links)
        publish(home)
    ensure_search_places(county.site)


def ensure_search_places(site):
    """The search's places (a place name leads to its municipality's help): Norrbotten's
    municipalities by their names, in place of the default, which lists Jämtland's."""
    search_settings = SearchSettings.for_site(site)
    if search_settings.places == SearchSettings._meta.get_field("places").default:
        search_settings.places = "\n".join(
            f"{short}, {name} = {slug}" for slug, name, short in MUNICIPALITIES
        )
        search_settings.save(update_fields=["places"])
