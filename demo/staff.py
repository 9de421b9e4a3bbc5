"""Idempotent demo content for the staff area: pages, the private collection, demo accounts."""

import os
from datetime import date

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.db import transaction
from wagtail.documents import get_document_model

from base.setup import ensure_child, publish
from organisations.models import County, Party
from staff import roles
from staff.models import (
    ConsentFormPage,
    ContactDirectoryPage,
    RoutineIndexPage,
    RoutinePage,
    SecrecyGuidePage,
)
from staff.pdf import simple_pdf
from staff.setup import ensure_county_collection, ensure_private_collection, ensure_staff_home

from .public import CONTENT_DIR, UNRESOLVED_ID, PageLinks, page_fields, read_content, stream

CONTENT_FILE = CONTENT_DIR / "staff.toml"
DEFAULT_DEMO_PASSWORD = "norrsken-demo-2026"  # noqa: S105 - documented local demo default
DEMO_ACCOUNTS = [
    # e-mail, roles, party slug
    ("samordnare@example.org", [roles.COORDINATOR], "ostersund"),
    ("polis@example.org", [roles.PROFESSIONAL], "polisen"),
    ("socialtjanst@example.org", [roles.PROFESSIONAL], "krokom"),
    ("region@example.org", [roles.PROFESSIONAL], "region"),
    # Each party's samråd representative is a function: a professional account of the
    # party with the representative role (its substitute would be a second such account).
    ("polis-samrad@example.org", [roles.PROFESSIONAL, roles.REPRESENTATIVE], "polisen"),
    ("krokom-samrad@example.org", [roles.PROFESSIONAL, roles.REPRESENTATIVE], "krokom"),
    # An editor edits the pages of their party's county (staff/county_groups.py).
    ("redaktor@example.org", [roles.EDITOR], "ostersund"),
    # The installation's superuser: the one account without a party.
    ("admin@example.org", [], None),
]


def ensure_consent_document(county, content):
    """The county's printable consent form, in the county's private collection (its own
    staff's only), naming the county's parties."""
    Document = get_document_model()
    collection = ensure_county_collection(county)
    title = content["consent"]["document_title"]
    document = Document.objects.filter(title=title, collection=collection).first()
    # Made by an earlier version in the installation's shared collection: moved once.
    legacy = Document.objects.filter(title=title, collection=ensure_private_collection())
    if document is None and legacy.exists():
        document = legacy.first()
        document.collection = collection
        document.save(update_fields=["collection"])
    if document is None:
        form = content["consent"]["form"]
        parties = Party.objects.filter(county=county)
        lines = [form["heading"], "", form["person_intro"], "", "Namn:", "Personnummer:", ""]
        lines += [form["parties_intro"], *[f"[ ] {p.name}" for p in parties], ""]
        lines += [
            "Uppgifter som får lämnas:",
            *[f"[ ] {item}" for item in form["information_items"]],
        ]
        lines += ["", form["purpose"], "", form["duration"], "", form["withdrawal"], ""]
        lines += [
            form["signature_note"],
            "",
            "Personens underskrift: ______________________________   Datum: ____________",
            "Namnförtydligande: ______________________________",
            "",
            "Yrkespersonens underskrift: ______________________________   Datum: ____________",
            "Namnförtydligande, part och funktion: ______________________________",
            "Funktionens adress och telefon: ______________________________",
        ]
        document = Document(title=title, collection=collection)
        filename = f"samtyckesblankett-{county.slug}.pdf"
        document.file.save(filename, ContentFile(simple_pdf(lines)), save=False)
        document.save()
    return document


def ensure_county_staff_home(county, fields):
    """The county's staff home with the demo's title and text: made by the county's save
    (staff/signals.py) with a plain title if the county came first, filled in once."""
    staff_home = ensure_staff_home(county, fields)
    if not staff_home.intro and fields.get("intro"):
        for name, value in fields.items():
            setattr(staff_home, name, value)
        publish(staff_home)
    return staff_home


@transaction.atomic
def load_staff_content():
    """Jämtland's staff area (its county is made by migration)."""
    county = County.objects.get(slug="jamtland")
    return load_county_staff_content(county, read_content(CONTENT_FILE))


def load_county_staff_content(county, content):
    """A county's staff area from its content file: the staff home at /personal/ on the
    county's site, its routines, consent form, secrecy guide and contact directory."""
    staff_home = ensure_county_staff_home(county, page_fields(content["staff_home"]))

    index = ensure_child(
        staff_home, RoutineIndexPage, "rutiner", **page_fields(content["routine_index"])
    )
    # Routines may link to the directory (<a page="directory">), created after them.
    links = PageLinks({"directory"})
    routines = {}
    for item in content["routines"]:
        routines[item["key"]] = ensure_child(
            index,
            RoutinePage,
            item["key"],
            title=item["title"],
            intro=item.get("intro", ""),
            topic=item["topic"],
            purpose=item["purpose"],
            applies_to=item["applies_to"],
            steps=routine_steps(item, links),
            body=stream(item.get("body")),
            version_date=date.fromisoformat(str(item["version_date"])),
            next_review=date.fromisoformat(str(item["next_review"])),
            owner_function=item["owner_function"],
            owner_mailbox=item.get("owner_mailbox", ""),
        )

    consent = content["consent"]
    form = consent["form"]
    ensure_child(
        staff_home,
        ConsentFormPage,
        "samtyckesblankett",
        **page_fields(consent),
        reviewed_on=date.fromisoformat(str(consent["reviewed_on"])),
        document=ensure_consent_document(county, content),
        form_heading=form["heading"],
        person_intro=form["person_intro"],
        parties_intro=form["parties_intro"],
        information_items="\n".join(form["information_items"]),
        purpose=form["purpose"],
        duration=form["duration"],
        withdrawal=form["withdrawal"],
        signature_note=form["signature_note"],
    )

    secrecy = content["secrecy"]
    ensure_child(
        staff_home,
        SecrecyGuidePage,
        "sekretess",
        **page_fields(secrecy),
        reviewed_on=date.fromisoformat(str(secrecy["reviewed_on"])),
        reviewed_by=secrecy.get("reviewed_by", ""),
        situations=[
            {
                "type": "situation",
                "value": {
                    "title": situation["title"],
                    "summary": situation["summary"],
                    "provisions": situation["provisions"],
                    "may_share": situation["may_share"],
                    "how": situation["how"],
                },
            }
            for situation in secrecy["situations"]
        ],
        questions=[
            {
                "type": "question",
                "value": {
                    key: step.get(key, "") for key in ("key", "question", "help", "yes", "no")
                },
            }
            for step in secrecy["steps"]
        ],
        answers=[
            {"type": "answer", "value": {"key": a["key"], "title": a["title"], "text": a["html"]}}
            for a in secrecy["answers"]
        ],
    )
    links["directory"] = ensure_child(
        staff_home, ContactDirectoryPage, "kontaktvagar", **page_fields(content["directory"])
    )
    for item in content["routines"]:
        routine = RoutinePage.objects.get(pk=routines[item["key"]].pk)
        if f'linktype="page" id="{UNRESOLVED_ID}"' in repr(list(routine.steps.raw_data)):
            routine.steps = routine_steps(item, links)
            publish(routine)
    return staff_home


def routine_steps(item, links):
    return [
        {"type": "step", "value": {"title": step["title"], "text": links.expand(step["html"])}}
        for step in item["steps"]
    ]


@transaction.atomic
def create_demo_accounts(accounts=DEMO_ACCOUNTS):
    """Demo accounts for local use only: never call this outside DEBUG."""
    if not settings.DEBUG:
        raise RuntimeError("Demo accounts are only created when DEBUG is on.")
    password = os.environ.get("DEMO_PASSWORD", DEFAULT_DEMO_PASSWORD)
    User = get_user_model()
    created = []
    for email, role_names, party_slug in accounts:
        if User.objects.filter(email__iexact=email).exists():
            continue
        user = User(
            username=email.split("@")[0],
            email=email,
            party=Party.objects.filter(slug=party_slug).first() if party_slug else None,
            is_superuser=not role_names,
            is_staff=not role_names,
        )
        user.set_password(password)
        user.save()
        user.groups.add(*Group.objects.filter(name__in=role_names))
        created.append(email)
    return created
