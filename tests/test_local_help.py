"""What each municipality's finder result tells a person to do there, in every language and
in easy-to-read Swedish: the municipality's own number where a published page gives it
(the facts checked on 2026-12-06, the project's shared/facts/contacts.md), and where none
does, no local number at all but the ways in that are sourced: 112, Kvinnofridslinjen and
Centrum mot våld. No page promises a number it does not show."""

import datetime
import re

import pytest
from django.utils import translation

from base.models import SafetySettings
from guidance.models import EasyReadFinderPage, FinderPage, PartyPage
from organisations.models import ContactFunction, Party

from .helpers import public_pages
from .test_phone_numbers import PHONE, TEL, digits, visible_text

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]

CHECKED = datetime.date(2026, 12, 6)
STROMSUND = "https://www.stromsund.se/13158.html"
# The municipalities' numbers a published page gives: {slug: {number: source}}.
SOURCED = {
    "ostersund": {
        "063-14 30 00": "https://www.ostersund.se/om-webbplatsen/nyhetsarkiv/nyhetsarkiv/"
        "2022-11-22-ostersunds-kommun-erbjuder-brett-stod-till-den-som-ar-utsatt-for-vald-i-nara-relation.html",
    },
    "stromsund": {"0670-163 20": STROMSUND, "0670-161 00": STROMSUND},
    "are": {"0647-161 00": "https://are.se/corona"},
    "ragunda": {
        "0696-68 20 00": "https://ragunda.se/kommun-och-politik/sakerhet--kris/coronaviruset-covid-19.html"
    },
}
WITHOUT_A_NUMBER = ["bracke", "harjedalen", "berg", "krokom"]
LANGUAGES = ["sv", "en", "ar", "lattlast"]
# What the result says where no local number is known, per language.
NO_NUMBER = {
    "sv": "Vi har ännu inte hittat något telefonnummer till socialtjänsten i {name}",
    "en": "We have not yet found a phone number for social services in {name}",
    "ar": "لم نجد بعد رقم هاتف للخدمات الاجتماعية في {name}",
    "lattlast": "Vi har inget nummer till kommunen som vi har kunnat kolla.",
}
CANNOT_CALL = {
    "sv": ["Kan du inte ringa?", "texttelefon", "chatta, mejla eller sms:a med Bris"],
    "en": ["Can't you call?", "text telephone", "chat, e-mail or send a text message to Bris"],
    "ar": ["لا تستطيع الاتصال؟", "الهاتف النصي", "Bris"],
    "lattlast": ["Kan du inte ringa?", "texttelefon", "chatta, mejla eller sms:a med Bris"],
}


def finder(language):
    if language == "lattlast":
        return EasyReadFinderPage.objects.get()
    return FinderPage.objects.get(locale__language_code=language)


def result(client, language, slug):
    response = client.get(finder(language).url + f"{slug}/")
    assert response.status_code == 200
    return response.content.decode()


def main(content):
    return re.search(r"<main\b[^>]*>(.*)</main>", content, re.S).group(1)


def shown_numbers(html):
    return {digits(n) for n in PHONE.findall(visible_text(html))} | {
        digits(n) for n in TEL.findall(html)
    }


def national_and_county_numbers(site):
    """The help lines' numbers and those of the county-wide parties (police, region,
    Centrum mot våld): what every result may show whatever the municipality."""
    numbers = {digits(block.value["number"]) for block in SafetySettings.for_site(site).help_lines}
    for party in Party.objects.exclude(kind=Party.Kind.MUNICIPALITY):
        numbers |= {digits(function.phone) for function in party.callable_contact_functions}
    return numbers


def test_the_sourced_numbers_are_recorded_with_their_source_and_the_day_they_were_checked():
    for slug, numbers in SOURCED.items():
        for number, source in numbers.items():
            function = ContactFunction.objects.get(party__slug=slug, phone=number)
            assert function.is_published, function
            assert function.source == ContactFunction.Source.PUBLISHED
            assert function.source_url == source
            assert function.verified_on == CHECKED
    # The switchboards say what to ask for.
    for slug in ("are", "ragunda", "stromsund"):
        notes = [f.note for f in Party.objects.get(slug=slug).callable_contact_functions]
        assert "Ring växeln och be att få prata med socialtjänsten." in notes, slug


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", sorted(SOURCED))
def test_a_result_shows_the_municipality_s_sourced_numbers_first(client, language, slug):
    content = result(client, language, slug)
    steps = content[content.index('class="finder-steps"') :].split("</section>", 1)[0]
    for number in SOURCED[slug]:
        # In the first answer to "what do I do", and callable.
        assert f'href="tel:{digits(number)}"' in steps, (language, number)
        assert number in steps
    assert 'href="tel:112"' in steps


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("slug", WITHOUT_A_NUMBER)
def test_a_result_without_a_local_number_shows_none_and_says_how_to_get_help(
    client, site, language, slug
):
    content = result(client, language, slug)
    municipality = Party.objects.get(slug=slug)
    # No number of the municipality's own: only national lines and county-wide parties.
    assert shown_numbers(main(content)) <= national_and_county_numbers(site)
    assert not municipality.public_contact_functions
    # It says so, and what to do instead: 112, Kvinnofridslinjen, Centrum mot våld.
    steps = content[content.index('class="finder-steps"') :].split("</section>", 1)[0]
    if language == "lattlast":
        name = ""
    else:
        with translation.override(language):
            name = municipality.text["name"]
    assert NO_NUMBER[language].format(name=name) in steps
    assert 'href="tel:112"' in steps
    assert 'href="tel:020505050"' in steps and "Kvinnofridslinjen" in steps
    assert "Centrum mot våld" in steps and 'href="https://centrummotvald.se"' in steps


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_result_says_how_to_get_help_without_calling(client, language):
    content = result(client, language, "bracke")
    section = content[content.index('class="written-routes"') :].split("</section>", 1)[0]
    for text in CANNOT_CALL[language]:
        assert text in section, (language, text)
    # Only the organisations' own pages: no number or address of its own.
    assert not shown_numbers(section)
    assert "mailto:" not in section


def test_the_easy_to_read_result_promises_no_call_without_a_number(client):
    for slug in WITHOUT_A_NUMBER + sorted(SOURCED):
        content = result(client, "lattlast", slug)
        assert "Du kan ringa dem." not in content, slug
        assert "Numret är inte klart än." not in content, slug


def party_page_text(client, language, slug):
    page = PartyPage.objects.get(locale__language_code=language, party__slug=slug)
    return visible_text(main(client.get(page.url).content.decode()))


def test_centrum_mot_vald_asks_no_one_to_call_a_number_it_does_not_show(client):
    party = Party.objects.get(slug="centrum-mot-vald")
    assert not party.callable_contact_functions
    swedish = party_page_text(client, "sv", "centrum-mot-vald")
    assert "Ring oss" not in swedish and "Du når oss på telefon" not in swedish
    assert "centrummotvald.se" in swedish and "tolk" in swedish
    english = party_page_text(client, "en", "centrum-mot-vald")
    assert "Give us a call" not in english and "reach us by phone" not in english
    easy = visible_text(main(client.get("/lattlast/centrum-mot-vald/").content.decode()))
    for promise in ("Ring till dem", "Du kan ringa dit", "Alla kan ringa hit", "Ring igen senare"):
        assert promise not in easy


def test_no_public_page_sends_anyone_to_a_socialjour(client):
    """No published page gives a number for any municipality's socialjour: no page says
    to call one."""
    for page in public_pages():
        content = client.get(page.url).content.decode()
        assert "socialjour" not in visible_text(main(content)).lower(), page.url
