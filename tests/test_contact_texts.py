"""Contact functions and help lines in the reader's language: English pages show English names, hours
and notes; a text nobody has translated stays Swedish and is marked lang="sv"."""

import re

import pytest
from django.utils import translation

from base.models import SafetySettings
from guidance.models import FinderPage
from organisations.models import ContactFunction, Party
from tests.helpers import make_user

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo")]


def contacts(client, language):
    """The contact cards of the finder's result for Strömsund (its social services, then
    the county-wide parties) in `language`."""
    url = FinderPage.objects.get(locale__language_code=language).url + "stromsund/"
    content = client.get(url).content.decode()
    return "".join(re.findall(r'<ul class="contacts">.*?</ul>', content, re.S))


def test_english_finder_result_shows_english_function_texts(client, site):
    content = contacts(client, "en")
    assert "Social services, individual and family care" in content
    assert "Call the switchboard and ask to speak to social services." in content
    assert "Around the clock" in content  # the police's hours, shown with their source
    assert "individ- och familjeomsorgen" not in content
    assert "Dygnet runt" not in content
    assert 'lang="sv"' not in content


def test_swedish_finder_result_shows_swedish_function_texts(client, site):
    content = contacts(client, "sv")
    assert "Socialtjänsten, individ- och familjeomsorgen" in content
    assert "Dygnet runt" in content
    assert "individual and family care" not in content


def test_an_untranslated_text_stays_swedish_and_is_marked(client, site):
    function = Party.objects.get(slug="stromsund").contact_functions.first()
    function.translations = []
    function.save()
    content = contacts(client, "en")
    assert f'<h3 class="contact__name" lang="sv" dir="auto">{function.name}</h3>' in content


def test_an_empty_translated_field_falls_back_to_swedish():
    function = ContactFunction(
        name="Socialjouren",
        opening_hours="När socialtjänsten har stängt",
        translations=[("translation", {"language": "en", "name": "Out of hours", "note": ""})],
    )
    with translation.override("en"):
        text = function.text
    assert text["name"] == "Out of hours"
    assert text["opening_hours"] == "När socialtjänsten har stängt"
    with translation.override("sv"):
        assert function.text["name"] == "Socialjouren"


def test_every_demo_function_has_an_english_name():
    assert not [
        function.name
        for function in ContactFunction.objects.all()
        if not any(item.value["language"] == "en" for item in function.translations)
    ]


def help_lines(client, url):
    content = client.get(url).content.decode()
    return "".join(re.findall(r'<li class="help-line">.*?</li>', content, re.S))


def test_english_pages_show_the_help_lines_in_english(client, site):
    lines = help_lines(client, "/en/")
    assert "Kvinnofridslinjen – the national women&#x27;s helpline" in lines
    assert "The call is free." in lines
    assert "Samtalet är gratis" not in lines
    assert 'lang="sv"' not in lines


def test_swedish_pages_show_the_help_lines_in_swedish(client, site):
    lines = help_lines(client, "/")
    assert "Samtalet är gratis" in lines
    assert "the national women" not in lines


def test_an_untranslated_help_line_stays_swedish_and_is_marked(client, site):
    safety = SafetySettings.for_site(site)
    for block in safety.help_lines:
        block.value["translations"] = []
    safety.save()
    lines = help_lines(client, "/en/")
    assert '<span class="help-line__name" lang="sv" dir="auto">Kvinnofridslinjen</span>' in lines


def test_an_administrator_edits_the_translations_in_the_admin(client, site):
    """The help lines' and a party's edit forms render with their translation fields."""
    client.force_login(make_user("admin@norrsken.example", superuser=True))
    settings_form = client.get(f"/admin/settings/home/safetysettings/{site.pk}/")
    assert settings_form.status_code == 200
    assert "the national women" in settings_form.content.decode()
    party = Party.objects.get(slug="krokom")
    party_form = client.get(f"/admin/snippets/organisations/party/edit/{party.pk}/")
    assert party_form.status_code == 200
    assert "reception for adults" in party_form.content.decode()
