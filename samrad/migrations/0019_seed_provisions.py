"""The provisions that allow sharing, as ../shared/facts/samrad-law.md describes them with
their sources (checked 2026-12-06). Only grounds for sharing: the provisions that create
secrecy (OSL 3:1, 8:1, 18:1, 25:1, 26:1, 35:1) are never a ground and are not seeded.
Administrators keep the list current (laws are renumbered)."""

from django.db import migrations

CVE = (
    "https://www.cve.se/kunskap/lagar-och-regelverk/sekretess-och-informationsutbyte/"
    "mojligheter-till-informationsutbyte.html"
)

PROVISIONS = [
    {
        "reference": "OSL 10 kap. 18 c §",
        "title": "Risk för allvarligt våld mot en närstående",
        "allows": (
            "Socialtjänsten och hälso- och sjukvården får lämna uppgifter till polisen om "
            "det behövs för att förhindra allvarligt våld mot en närstående, när det gäller "
            "brott enligt 3, 4 eller 6 kap. brottsbalken med minst ett års fängelse i "
            "straffskalan."
        ),
        "recipients": "Polisen",
        "source": (
            "https://www.valdinararelationer.se/tand-halso-sjukvard/att-anmala/"
            "kontakta-polis---forhindra-allvarligt-vald/"
        ),
    },
    {
        "reference": "OSL 10 kap. 21–23 §",
        "title": "Misstanke om brott",
        "allows": (
            "Uppgifter som rör misstanke om vissa brott får lämnas till polisen eller "
            "åklagaren (se även socialtjänstlagen 12 kap. 10 §)."
        ),
        "recipients": "Polisen, åklagaren",
        "source": CVE,
    },
    {
        "reference": "OSL 10 kap. 28 §",
        "title": "Anmälan om oro för ett barn",
        "allows": (
            "Skyldigheten att anmäla oro för ett barn till socialtjänsten (socialtjänstlagen "
            "14 kap. 1 §) går före sekretessen."
        ),
        "recipients": "Socialtjänsten",
        "source": CVE,
    },
    {
        "reference": "OSL 25 kap. 12 §",
        "title": "Uppgifter från hälso- och sjukvården i vissa fall",
        "allows": (
            "Gäller bara personer under 18 år, personer med pågående missbruk och "
            "tvångsvård enligt LPT eller LRV, inte en vuxen i allmänhet."
        ),
        "recipients": "Enligt bestämmelsen, se källan",
        "source": CVE,
    },
    {
        "reference": "OSL 26 kap. 9 §",
        "title": "Uppgifter från socialtjänsten i vissa fall",
        "allows": (
            "Gäller bara personer under 18 år, personer med pågående missbruk och "
            "tvångsvård enligt LPT eller LRV, inte en vuxen i allmänhet."
        ),
        "recipients": "Enligt bestämmelsen, se källan",
        "source": CVE,
    },
]


def seed(apps, schema_editor):
    Provision = apps.get_model("samrad", "Provision")
    for fields in PROVISIONS:
        Provision.objects.get_or_create(reference=fields["reference"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("samrad", "0018_provisions")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
