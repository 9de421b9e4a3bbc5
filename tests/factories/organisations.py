"""Counties and parties, as the demo content names them (demo/content/public.toml)."""

from organisations.models import County, Party

# slug: (name, short name, kind), in the demo's order (its sort_order is 10, 20, ...).
JAMTLAND = {
    "polisen": ("Polismyndigheten, Polisområde Jämtland", "Polisen", Party.Kind.POLICE),
    "region": ("Region Jämtland Härjedalen", "Region Jämtland Härjedalen", Party.Kind.REGION),
    "berg": ("Bergs kommun", "Bergs kommun", Party.Kind.MUNICIPALITY),
    "bracke": ("Bräcke kommun", "Bräcke kommun", Party.Kind.MUNICIPALITY),
    "harjedalen": ("Härjedalens kommun", "Härjedalens kommun", Party.Kind.MUNICIPALITY),
    "krokom": ("Krokoms kommun", "Krokoms kommun", Party.Kind.MUNICIPALITY),
    "ragunda": ("Ragunda kommun", "Ragunda kommun", Party.Kind.MUNICIPALITY),
    "stromsund": ("Strömsunds kommun", "Strömsunds kommun", Party.Kind.MUNICIPALITY),
    "are": ("Åre kommun", "Åre kommun", Party.Kind.MUNICIPALITY),
    "ostersund": ("Östersunds kommun", "Östersunds kommun", Party.Kind.MUNICIPALITY),
    "centrum-mot-vald": (
        "Centrum mot våld i Jämtlands län",
        "Centrum mot våld",
        Party.Kind.CENTRE,
    ),
}


def county(slug="jamtland", name="Jämtlands län", steering_group="Tillsammans mot våld"):
    """A county without a public site (Jämtland's comes from its migration)."""
    return County.objects.get_or_create(
        slug=slug, defaults={"name": name, "steering_group": steering_group}
    )[0]


def party(slug="krokom", **fields):
    """A party of the county (Jämtland's unless `county` is given), with the demo's name
    and samråd mailbox for a Jämtland slug; another slug makes a municipality."""
    if slug in JAMTLAND:
        name, short_name, kind = JAMTLAND[slug]
        sort_order = (list(JAMTLAND).index(slug) + 1) * 10
    else:
        name = short_name = f"{slug.capitalize()} kommun"
        kind, sort_order = Party.Kind.MUNICIPALITY, 0
    defaults = {
        "name": name,
        "short_name": short_name,
        "kind": kind,
        "sort_order": sort_order,
        # A reserved domain, as in the demo: mail to it goes nowhere.
        "samrad_mailbox": f"samrad.{slug}@norrsken.example",
        **fields,
    }
    if "county" not in defaults:
        defaults["county"] = county()
    return Party.objects.get_or_create(slug=slug, defaults=defaults)[0]


def parties(*slugs):
    """The parties with these slugs; without slugs, all of Jämtland's, in their order."""
    return [party(slug) for slug in slugs or JAMTLAND]
