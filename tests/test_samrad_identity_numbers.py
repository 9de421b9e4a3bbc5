"""A personnummer or samordningsnummer, in any spelling and with any check digit, is refused
in every text of the samråd but the identity field of a request with consent: at sending,
in either mode (the professional's phone too), and in every later text (notes, records,
actions, decline and withdrawal reasons, additions, a representative's note). What else
was typed is kept. The professional's phone is encrypted at rest and purged."""

import importlib
import inspect
from datetime import timedelta
from types import SimpleNamespace

import pytest
from django import forms as django_forms
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from samrad import forms as samrad_forms
from samrad.models import Action, SamradRecord, SamradRequest, Status
from samrad.personnummer import reject_identity_numbers
from staff import roles

from .case_page import post_section
from .factories.organisations import party
from .helpers import SecondFactorClient, make_user
from .samrad_helpers import (
    QUESTION,
    SITUATION,
    coordinator,
    make_request,
    professional,
    request_data,
    retention_decision,
)

pytestmark = pytest.mark.django_db

# Spellings that got through before: one split like a date, one with a wrong check digit.
NUMBERS = ["1980-01-01-1231", "19900101-1234"]
MESSAGE = "Texten verkar innehålla ett personnummer eller samordningsnummer"
PHONE = "070-123 45 67"
URLS = {
    "consent": "/personal/samrad/ny/samtycke/",
    "deidentified": "/personal/samrad/ny/avidentifierad/",
}
FORM_MODES = {"consent": "samtycke", "deidentified": "avidentifierad"}


def signed_in(user):
    client = SecondFactorClient()
    client.force_login(user)
    return client


def raw_phone(samrad_request):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT contact_phone FROM samrad_samradrequest WHERE id = %s",
            [samrad_request.pk.hex if connection.vendor == "sqlite" else samrad_request.pk],
        )
        return cursor.fetchone()[0]


# At sending ------------------------------------------------------------------------------

REQUEST_TEXTS = [
    "contact_phone",
    "situation",
    "question",
    "contact_instructions",
    "interpreter_language",
    "risk_judgement",
]


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize(
    "mode,field",
    [("deidentified", name) for name in REQUEST_TEXTS]
    + [("consent", name) for name in [*REQUEST_TEXTS, "consent_scope", "person_name"]],
)
def test_a_request_text_refuses_a_number_and_keeps_what_was_typed(mode, field, number):
    typed = number if field == "contact_phone" else f"Gäller {number}"
    client = signed_in(professional())
    response = client.post(URLS[mode], request_data(FORM_MODES[mode], **{field: typed}))
    assert response.status_code == 200
    content = response.content.decode()
    assert MESSAGE in content
    assert typed in content  # what was typed is shown again, to be corrected
    for other in (SITUATION, QUESTION, PHONE):
        if other != request_data(FORM_MODES[mode]).get(field):
            assert other in content
    assert SamradRequest.objects.count() == 0


def test_the_identity_field_takes_the_number_and_the_phone_is_encrypted(
    django_capture_on_commit_callbacks,
):
    client = signed_in(professional())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URLS["consent"], request_data("samtycke", person_id_number="19800101-1231")
        )
    assert response.status_code == 302
    samrad_request = SamradRequest.objects.get()
    assert samrad_request.person_id_number == "198001011231"
    assert samrad_request.contact_phone == PHONE
    stored = raw_phone(samrad_request)
    assert stored.startswith("gAAAA") and "070" not in stored
    page = signed_in(coordinator()).get(f"/personal/samrad/inkorg/{samrad_request.pk}/")
    assert PHONE in page.content.decode()


# Later texts: the coordinator's detail page ---------------------------------------------


@pytest.fixture(params=["consent", "deidentified"])
def samrad_request(request):
    return make_request(
        professional(), mode=request.param, status=Status.RECEIVED, contact_phone=PHONE
    )


def coordinator_posts(samrad_request, data):
    section = data.pop("form")
    response = post_section(signed_in(coordinator()), samrad_request, section, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert MESSAGE in content
    return content


@pytest.mark.parametrize("number", NUMBERS)
def test_coordinator_notes_refuse_a_number(samrad_request, number):
    typed = f"Ringde, pnr {number}."
    content = coordinator_posts(samrad_request, {"form": "notes", "coordinator_notes": typed})
    assert typed in content
    samrad_request.refresh_from_db()
    assert samrad_request.coordinator_notes == ""


@pytest.mark.parametrize("number", NUMBERS)
def test_a_decline_reason_refuses_a_number(samrad_request, number):
    typed = f"Hör till annat län ({number})."
    content = coordinator_posts(
        samrad_request, {"form": "status", "status": "declined", "decline_reason": typed}
    )
    assert typed in content
    assert '<option value="declined" selected>' in content
    samrad_request.refresh_from_db()
    assert samrad_request.status == Status.RECEIVED and samrad_request.decline_reason == ""


@pytest.mark.parametrize("number", NUMBERS)
def test_an_action_refuses_a_number(samrad_request, number):
    due = (timezone.localdate() + timedelta(days=7)).isoformat()
    typed = f"Polisen kontrollerar {number}."
    content = coordinator_posts(
        samrad_request,
        {"form": "action", "party": party("polisen").pk, "description": typed, "due_on": due},
    )
    assert typed in content and due in content
    assert f'<option value="{party("polisen").pk}" selected>' in content
    assert not Action.objects.exists()


@pytest.mark.parametrize("number", NUMBERS)
def test_a_record_decision_refuses_a_number(samrad_request, number):
    held_on = timezone.localdate().isoformat()
    typed = f"Skyddat boende för {number}."
    content = coordinator_posts(
        samrad_request,
        {
            "form": "record",
            "record_held_on": held_on,
            "record_parties": [party("polisen").pk],
            "record-record_ground_polisen": "deidentified",
            "record_decision": typed,
            "record_risk_level": "high",
        },
    )
    assert typed in content and held_on in content
    assert not SamradRecord.objects.exists()


def test_the_coordinator_can_still_redact_a_number_that_got_in():
    samrad_request = make_request(
        professional(), mode="deidentified", situation=f"{SITUATION} Pnr {NUMBERS[0]}."
    )
    response = post_section(
        signed_in(coordinator()),
        samrad_request,
        "redact",
        {"redact_field": "situation", "redact_text": NUMBERS[0]},
    )
    assert response.status_code == 302
    samrad_request.refresh_from_db()
    assert NUMBERS[0] not in samrad_request.situation and "[borttaget]" in samrad_request.situation


# Later texts: the professional's own page ------------------------------------------------


@pytest.mark.parametrize("number", NUMBERS)
@pytest.mark.parametrize("mode", ["consent", "deidentified"])
def test_an_addition_and_a_withdrawal_reason_refuse_a_number(mode, number):
    author = professional()
    samrad_request = make_request(author, mode=mode, status=Status.RECEIVED)
    client = signed_in(author)
    url = f"/personal/samrad/mina/{samrad_request.pk}/"
    for data in (
        {"form": "add", "addition": f"Hon heter egentligen {number}."},
        {"form": "withdraw", "withdraw_reason": f"Fel person: {number}."},
    ):
        response = client.post(url, data)
        assert response.status_code == 200
        content = response.content.decode()
        assert MESSAGE in content
        assert data["addition" if "addition" in data else "withdraw_reason"] in content
    samrad_request.refresh_from_db()
    assert samrad_request.additions == "" and samrad_request.withdraw_reason == ""
    assert samrad_request.status == Status.RECEIVED


# Later texts: a representative's note ----------------------------------------------------


@pytest.mark.parametrize("number", NUMBERS)
def test_a_representatives_note_refuses_a_number(number):
    samrad_request = make_request(professional(), mode="deidentified")
    action = Action.objects.create(
        request=samrad_request, party=party("polisen"), description="Polisen gör en hotbedömning."
    )
    client = signed_in(
        make_user("rep@example.org", role=roles.REPRESENTATIVE, party=party("polisen"))
    )
    typed = f"Klart, gällde {number}."
    response = client.post(
        "/personal/samrad/representant/atgarder/", {"action_id": action.pk, "note": typed}
    )
    assert response.status_code == 200
    content = response.content.decode()
    assert MESSAGE in content and typed in content
    action.refresh_from_db()
    assert action.done_at is None and action.note == ""


# One validator, on every text field -----------------------------------------------------

# The fields that may hold a number: the identity field itself, the text to redact (a
# number that got in must be named to be removed), a meeting's place (a meeting, not a
# case: a video link's meeting number), and the year of the yearly report and statistics.
MAY_HOLD_A_NUMBER = {
    ("ConsentRequestForm", "person_id_number"),
    ("PersonSearchForm", "identity_number"),  # the coordinator's search: never stored
    ("RedactForm", "redact_text"),
    ("MeetingForm", "place"),
    ("MeetingChangeForm", "place"),
    ("YearForm", "year"),
    ("PeriodForm", "year"),  # the statistics page's year: four digits at most
}


def test_every_text_field_of_the_samrad_refuses_a_number():
    checked = set()
    for form_name, form in inspect.getmembers(samrad_forms, inspect.isclass):
        if not issubclass(form, django_forms.BaseForm) or form.__module__ != samrad_forms.__name__:
            continue
        for name, field in form.base_fields.items():
            if type(field) is not django_forms.CharField:
                continue
            checked.add((form_name, name))
            refuses = reject_identity_numbers in field.validators
            assert refuses is ((form_name, name) not in MAY_HOLD_A_NUMBER), (form_name, name)
    for later in (
        ("NotesForm", "coordinator_notes"),
        ("StatusForm", "decline_reason"),
        ("WithdrawForm", "withdraw_reason"),
        ("AddInformationForm", "addition"),
        ("ActionForm", "description"),
        ("ActionDoneForm", "note"),
        ("RecordForm", "record_decision"),
        ("DeidentifiedRequestForm", "contact_phone"),
    ):
        assert later in checked


# The phone: encrypted at rest, purged ----------------------------------------------------


def test_the_purge_empties_the_phone():
    samrad_request = make_request(
        professional(),
        status=Status.CLOSED,
        closed_at=timezone.now() - timedelta(minutes=1),
        contact_phone=PHONE,
    )
    assert raw_phone(samrad_request).startswith("gAAAA")
    retention_decision(days=0)
    call_command("purge_samrad_requests", verbosity=0)
    samrad_request.refresh_from_db()
    assert samrad_request.purged_at is not None
    assert samrad_request.contact_phone == "" and raw_phone(samrad_request) == ""


def test_the_migration_encrypts_the_phones_stored_in_clear():
    from django.apps import apps

    migration = importlib.import_module("samrad.migrations.0016_encrypt_contact_phone")
    samrad_request = make_request(professional(), contact_phone=PHONE)
    other = make_request(professional("yrke2@example.org"), contact_phone="")
    with connection.cursor() as cursor:
        cursor.execute("UPDATE samrad_samradrequest SET contact_phone = %s", [PHONE])
        cursor.execute(
            "UPDATE samrad_samradrequest SET contact_phone = '' WHERE id = %s",
            [other.pk.hex if connection.vendor == "sqlite" else other.pk],
        )
    assert raw_phone(samrad_request) == PHONE
    # The functions use the schema editor's connection only (a real one cannot open in the
    # test's transaction on SQLite).
    editor = SimpleNamespace(connection=connection, quote_name=connection.ops.quote_name)
    migration.encrypt_stored_phones(apps, editor)
    stored = raw_phone(samrad_request)
    assert stored.startswith("gAAAA") and raw_phone(other) == ""
    samrad_request.refresh_from_db()
    assert samrad_request.contact_phone == PHONE
    # Run again, nothing changes; backwards, the phone is in clear again.
    migration.encrypt_stored_phones(apps, editor)
    assert raw_phone(samrad_request) == stored
    migration.decrypt_stored_phones(apps, editor)
    assert raw_phone(samrad_request) == PHONE and raw_phone(other) == ""
