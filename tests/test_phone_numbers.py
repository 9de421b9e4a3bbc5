"""Every phone number a public page shows has its source recorded, and the help lines say
what a call leaves behind: beside a line the phone bill only where a published page says
so, and once for the list the call log, with how to remove a number from it."""

import importlib
import re
from html.parser import HTMLParser

import pytest
from django.apps import apps as django_apps
from django.core.exceptions import ValidationError
from wagtail.models import Site

from base.blocks import HelpLineBlock
from base.models import SafetySettings
from guidance.models import EasyReadFinderPage, FinderPage, PartyPage
from organisations.models import ContactFunction, Party
from staff import roles
from staff.models import ContactDirectoryPage

from .helpers import make_user, public_pages

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

# Swedish numbers as the pages write them: with an area code (020-50 50 50, 0670-163 20)
# or a short national number (112, 1177, 114 14, 116 006).
PHONE = re.compile(
    r"(?<![\d-])(?:0\d{1,3}[-–] ?\d{1,3}(?: \d{2,3})*|11\d{1,2}(?: \d{2,3})?)(?![\d])"
)
TEL = re.compile(r'href="tel:([^"]*)"')
NOT_ON_BILL = "Samtalet syns inte på telefonräkningen."
CALL_LOG = "Numret kan synas i telefonens samtalslogg."
LIST_CALL_LOG = "Ett nummer du ringer kan synas i telefonens samtalslogg."


def digits(number):
    return "".join(ch for ch in number if ch.isdigit())


def visible_text(html):
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"<[^>]+>", " ", html)


def sourced_numbers():
    """The numbers whose source is recorded: help lines with their published page, and
    contact functions with theirs (example data has none)."""
    site = Site.objects.get(is_default_site=True)
    numbers = {
        digits(block.value["number"])
        for block in SafetySettings.for_site(site).help_lines
        if block.value.get("source_url") and block.value.get("verified_on")
    }
    numbers |= {
        digits(function.phone)
        for function in ContactFunction.objects.all()
        if function.phone and function.has_source and not function.is_example
    }
    return numbers


def public_addresses():
    """Every public page (Swedish, English, Arabic and easy-to-read Swedish) and every
    municipality's result in each finder."""
    finders = [*FinderPage.objects.live(), *EasyReadFinderPage.objects.live()]
    municipalities = Party.objects.filter(kind=Party.Kind.MUNICIPALITY)
    return [page.url for page in public_pages()] + [
        finder.url + f"{party.slug}/" for finder in finders for party in municipalities
    ]


@pytest.mark.slow
def test_every_phone_number_on_the_public_pages_has_its_source_recorded(client):
    allowed = sourced_numbers()
    seen = set()
    for url in public_addresses():
        content = client.get(url).content.decode()
        shown = {digits(n) for n in PHONE.findall(visible_text(content))}
        shown |= {digits(n) for n in TEL.findall(content)}
        assert shown <= allowed, (url, shown - allowed)
        seen |= shown
    # The group pages' and help lines' numbers are among them: Bris, Välj att sluta, ...
    assert {"116111", "020555666", "020505050", "116006", "11414", "1177", "112"} <= seen


def test_the_pattern_finds_the_numbers_it_must_find():
    text = "Ring 020-50 50 50 eller 114 14, 1177, 112, 116 006 och 0670-163 20 år 2024 (18 år)."
    assert [digits(n) for n in PHONE.findall(text)] == [
        "020505050",
        "11414",
        "1177",
        "112",
        "116006",
        "067016320",
    ]


def help_line(site, name):
    safety = SafetySettings.for_site(site)
    for block in safety.help_lines:
        if block.value["name"].startswith(name):
            return safety, block
    raise AssertionError(name)


def test_a_help_line_without_its_source_shows_no_number(client, site):
    safety, block = help_line(site, "Bris")
    assert 'href="tel:116111"' in client.get("/").content.decode()
    block.value["source_url"] = ""
    safety.save()
    content = client.get("/?a=2").content.decode()
    assert "Bris" in content and 'href="tel:116111"' not in content


class HelpLines(HTMLParser):
    """The text of each help line in the footer, and the call-log section."""

    def __init__(self):
        super().__init__()
        self.lines, self.depth, self.call_log_id = [], 0, False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "li" and attrs.get("class") == "help-line":
            self.lines.append("")
            self.depth = 1
        elif self.depth and tag == "li":
            self.depth += 1
        if self.depth and tag == "a":
            self.lines[-1] += f" [{attrs.get('href')}] "
        if attrs.get("id") == "call-log":
            self.call_log_id = True

    def handle_endtag(self, tag):
        if self.depth and tag == "li":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.lines[-1] += data


@pytest.mark.parametrize(
    "url, not_on_bill, call_log, list_call_log, how",
    [
        ("/", NOT_ON_BILL, CALL_LOG, LIST_CALL_LOG, "Så tar du bort det"),
        (
            "/en/",
            "The call does not show on the phone bill.",
            "The number may show in your phone's call log.",
            "A number you call may show in your phone's call log.",
            "How to remove it",
        ),
    ],
)
def test_the_help_lines_say_once_what_a_call_leaves_in_the_call_log(
    client, site, url, not_on_bill, call_log, list_call_log, how
):
    """The list of help lines says once, before the numbers, that a number may show in the
    call log, with how to remove it; beside a line only what its source says about the
    phone bill."""
    content = client.get(url).content.decode()
    parser = HelpLines()
    parser.feed(content)
    lines = SafetySettings.for_site(site).help_lines
    assert len(parser.lines) == len(lines) >= 7
    assert parser.call_log_id
    for text, block in zip(parser.lines, lines, strict=True):
        assert call_log not in text and list_call_log not in text and "#call-log" not in text
        # Only Kvinnofridslinjen's own page says the call does not show on the bill.
        if block.value["name"] == "Kvinnofridslinjen":
            assert not_on_bill in text, text
        else:
            assert not_on_bill not in text, text
    footer = content[content.index('<footer class="site-footer">') :]
    assert footer.count(list_call_log) == 1 and call_log not in footer
    # How to remove a number from the call log, for both kinds of phone, before the list.
    section = footer[footer.index('id="call-log"') :]
    assert section.index(list_call_log) < section.index("iPhone") < section.index("help-line")
    assert how in section and "Android" in section
    # The featured line under the header says it too, with a link to how.
    featured = content[content.index('class="featured-help-line"') :]
    featured = featured[: featured.index("</p>")]
    assert call_log in featured and 'href="#call-log"' in featured


def test_a_help_line_claims_nothing_about_the_bill_without_a_source():
    block = HelpLineBlock()
    good = {
        "name": "Kvinnofridslinjen",
        "number": "020-50 50 50",
        "source_url": "https://nck.uu.se/",
        "verified_on": "2026-11-26",
    }
    block.clean(block.to_python(good))
    for change, field in [
        ({"source_url": ""}, "source_url"),
        ({"verified_on": None}, "verified_on"),
        ({"bill": "not_shown"}, "bill_source_url"),
    ]:
        with pytest.raises(ValidationError) as error:
            block.clean(block.to_python({**good, **change}))
        assert field in error.value.block_errors, change


def test_the_migration_records_sources_for_the_lines_a_site_already_has(site):
    migration = importlib.import_module("base.migrations.0003_help_line_sources")
    safety = SafetySettings.for_site(site)
    safety.help_lines = [
        {"type": "help_line", "value": {"name": "Kvinnofridslinjen", "number": "020-50 50 50"}},
        {"type": "help_line", "value": {"name": "Okänd", "number": "020-00 00 00"}},
    ]
    safety.save()
    migration.add_known_sources(django_apps, None)
    lines = [block.value for block in SafetySettings.objects.get(pk=safety.pk).help_lines]
    assert lines[0]["source_url"].startswith("https://www.nck.uu.se/")
    assert lines[0]["bill"] == "not_shown" and lines[0]["bill_source_url"]
    assert lines[0].shows_number and lines[0].says_not_on_bill
    assert not lines[1]["source_url"] and not lines[1].shows_number


# The example marks the pages once showed, in each language, and their markup.
EXAMPLE_MARKS = [
    "Exempel, inte en riktig kontaktuppgift",
    "Example, not a real contact detail",
    "مثال، وليس بيانات اتصال حقيقية",
    "Exempel.",
    "Numret är inte klart än",
    "contact--example",
    "contact__example",
]


def unpublished_names():
    """The names, in every language, of the functions the public pages must leave out."""
    names = set()
    for function in ContactFunction.objects.all():
        if function.is_published:
            continue
        names.add(function.name)
        names |= {item.value["name"] for item in function.translations if item.value["name"]}
    return names


@pytest.mark.slow
def test_no_public_page_shows_example_data_or_a_function_without_a_source(client):
    hidden = unpublished_names()
    assert "Socialjouren – kvällar, nätter och helger" in hidden
    addresses = public_addresses()
    assert len(addresses) > 100
    for url in addresses:
        content = client.get(url).content.decode()
        for mark in EXAMPLE_MARKS:
            assert mark not in content, (url, mark)
        text = visible_text(content)
        assert not [name for name in hidden if name in text], url


SECRET_NAME = "Mottagningen för våldsutsatta"
SECRET_NUMBER = "070-174 06 99"


@pytest.mark.parametrize("flags", [{"is_example": True}, {}], ids=["example", "no-source"])
def test_a_function_without_a_source_is_on_no_public_page_but_in_the_staff_directory(client, flags):
    party = Party.objects.get(slug="are")
    ContactFunction.objects.create(
        party=party,
        name=SECRET_NAME,
        phone=SECRET_NUMBER,
        opening_hours="Vardagar",
        translations=[
            ("translation", {"language": code, "name": f"{SECRET_NAME} ({code})"})
            for code in ("en", "ar")
        ],
        **flags,
    )
    urls = [
        PartyPage.objects.get(locale__language_code=code, party=party).url
        for code in ("sv", "en", "ar")
    ]
    urls += ["/lattlast/are/"]
    finders = [*FinderPage.objects.live(), *EasyReadFinderPage.objects.live()]
    urls += [finder.url + "are/" for finder in finders]
    assert len(urls) == 8
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        assert SECRET_NAME not in content, url
        assert SECRET_NUMBER not in content and "tel:0701740699" not in content, url
        for mark in EXAMPLE_MARKS:
            assert mark not in content, (url, mark)
        # The municipality's sourced switchboard is there.
        assert 'href="tel:064716100"' in content, url
    # Professionals see it in the staff directory, marked when it is example data, and
    # without its number either way.
    client.force_login(make_user("katalog@example.org", role=roles.PROFESSIONAL))
    directory = client.get(ContactDirectoryPage.objects.get().url).content.decode()
    entry = directory[directory.index(SECRET_NAME) :].split("</li>")[0]
    assert ("Exempel, inte en riktig kontaktuppgift." in entry) == bool(flags)
    assert "Ingen källa angiven" in entry
    assert "tel:" not in entry
