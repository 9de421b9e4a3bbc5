"""What the coordinator needs for the person's safety: coded answers shown by their labels,
safety fields in both modes, and no requests about children."""

import re

import pytest

from samrad.models import SamradRequest

from .samrad_helpers import coordinator, professional, request_data

pytestmark = pytest.mark.django_db


def send(client, callbacks, mode="samtycke", **overrides):
    with callbacks(execute=True):
        response = client.post(f"/personal/samrad/ny/{mode}/", request_data(mode, **overrides))
    assert response.status_code == 302, response.content.decode()[:3000]
    return SamradRequest.objects.order_by("-created_at").first()


def facts(html):
    """The detail page's facts as {label: text}, tags stripped."""
    pairs = re.findall(r"<dt>(.*?)</dt><dd>(.*?)</dd>", html, flags=re.S)
    return {re.sub(r"<[^>]+>", "", k).strip(): re.sub(r"<[^>]+>", "", v).strip() for k, v in pairs}


def test_safe_to_contact_is_shown_by_its_label_not_its_code(
    client, django_capture_on_commit_callbacks
):
    client.force_login(professional())
    samrad_request = send(client, django_capture_on_commit_callbacks, contact_safe="no")
    client.force_login(coordinator())
    shown = facts(client.get(f"/personal/samrad/inkorg/{samrad_request.pk}/").content.decode())
    assert shown["Säkert att kontakta"].startswith("Nej"), shown["Säkert att kontakta"]
    assert not re.search(r"\bno\b", shown["Säkert att kontakta"])


CODES = {"yes", "no", "unknown", "professional", "woman", "man", "other", "35-44", "3-5", "6-12"}


@pytest.mark.parametrize("mode", ["samtycke", "avidentifierad"])
def test_safety_fields_in_both_modes_shown_by_their_labels(
    client, django_capture_on_commit_callbacks, mode
):
    client.force_login(professional())
    form = client.get(f"/personal/samrad/ny/{mode}/").content.decode()
    for name in ("contact_safe", "message_may_be_left", "protected_identity", "gender"):
        assert f'name="{name}"' in form, name
    samrad_request = send(
        client,
        django_capture_on_commit_callbacks,
        mode,
        contact_safe="professional",
        message_may_be_left="no",
        protected_identity="yes",
        interpreter_needed="on",
        interpreter_language="Tigrinja",
    )
    assert (samrad_request.gender, samrad_request.age_band, samrad_request.children_age_bands) == (
        "woman",
        "35-44",
        ["3-5", "6-12"],
    )
    assert samrad_request.interpreter_needed and samrad_request.concern_reported == "yes"
    client.force_login(coordinator())
    shown = facts(client.get(f"/personal/samrad/inkorg/{samrad_request.pk}/").content.decode())
    assert shown["Säkert att kontakta"].startswith("Endast via den yrkesverksamma")
    assert shown["Meddelande får lämnas"] == "Nej"
    assert shown["Skyddade personuppgifter"] == "Ja"
    assert shown["Tolk"] == "Behövs: Tigrinja"
    assert shown["Kön"] == "Kvinna"
    assert shown["Ålder"] == "35–44"
    assert shown["Barnens åldrar"] == "3–5 år, 6–12 år"
    assert shown["Orosanmälan gjord"] == "Ja"
    for label, text in shown.items():
        assert text.strip() not in CODES, (label, text)


def test_a_child_identity_number_is_refused_with_the_route_for_children(client):
    client.force_login(professional())
    response = client.post(
        "/personal/samrad/ny/samtycke/", request_data("samtycke", person_id_number="121212-1212")
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert "orosanmälan" in content and "18 år" in content
    assert "Zebra Fink" in content  # what was typed is kept
    assert SamradRequest.objects.count() == 0


@pytest.mark.parametrize("mode", ["samtycke", "avidentifierad"])
def test_an_age_under_18_is_refused(client, mode):
    client.force_login(professional())
    response = client.post(f"/personal/samrad/ny/{mode}/", request_data(mode, age_band="under-18"))
    assert response.status_code == 200
    assert "orosanmälan" in response.content.decode()
    assert SamradRequest.objects.count() == 0


def test_deidentified_contact_text_must_not_identify(client):
    client.force_login(professional())
    response = client.post(
        "/personal/samrad/ny/avidentifierad/",
        request_data(contact_instructions="Ring 19811218-9876 först"),
    )
    assert response.status_code == 200
    assert SamradRequest.objects.count() == 0


def test_the_form_is_in_short_sections_with_help_texts(client):
    client.force_login(professional())
    content = client.get("/personal/samrad/ny/avidentifierad/").content.decode()
    legends = re.findall(r"<legend>(.*?)</legend>", content)
    assert len(legends) >= 5
    for section in re.findall(r"<fieldset>(.*?)</fieldset>", content, flags=re.S):
        assert section.count('class="field') <= 6
    assert "helptext" in content
