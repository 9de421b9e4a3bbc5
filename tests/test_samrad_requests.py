"""Sending a samråd request: the form, bad input, routing to the coordinator."""

import pytest
from django.core import mail
from django.db import connection

from outbox.models import Notification
from samrad.models import AuditEntry, SamradRequest
from staff import roles

from .factories.organisations import party
from .samrad_helpers import (
    CANONICAL_ID,
    QUESTION,
    SITUATION,
    VALID_ID,
    coordinator,
    professional,
    request_data,
)

pytestmark = pytest.mark.django_db

CONSENT_URL = "/personal/samrad/ny/samtycke/"
DEIDENTIFIED_URL = "/personal/samrad/ny/avidentifierad/"


@pytest.fixture
def sender(client):
    user = professional()
    client.force_login(user)
    client.user = user
    return client


def post(client, url, data, callbacks):
    with callbacks(execute=True):
        return client.post(url, data)


def test_mode_is_chosen_first(sender):
    content = sender.get("/personal/samrad/ny/").content.decode()
    assert f'href="{CONSENT_URL}"' in content
    assert f'href="{DEIDENTIFIED_URL}"' in content
    assert sender.get("/personal/samrad/ny/annat/").status_code == 404


def test_form_is_prefilled_from_the_account(sender):
    content = sender.get(CONSENT_URL).content.decode()
    assert 'value="yrke@example.org"' in content
    assert f"<strong>{sender.user.party.name}</strong>" in content
    assert 'name="referring_party"' not in content


def test_the_referring_party_is_the_professionals_own(sender, django_capture_on_commit_callbacks):

    other = party("polisen")
    data = request_data(referring_party=other.pk)
    response = post(sender, DEIDENTIFIED_URL, data, django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert SamradRequest.objects.get().referring_party == sender.user.party


def test_an_account_whose_party_was_removed_is_signed_out_and_nothing_is_saved(client):
    from .helpers import make_user

    # The administrator removed the account's party after the login: the session ends
    # before the form is read, with the reason on the login page, and nothing is saved.
    client.force_login(make_user("utanpart@example.org", role=roles.PROFESSIONAL, party=None))
    response = client.post(CONSENT_URL, request_data("samtycke"), follow=True)
    assert response.redirect_chain[0][0].startswith("/accounts/login/")
    content = response.content.decode()
    assert "hör inte till någon part" in content
    assert "Zebra Fink" not in content
    assert SamradRequest.objects.count() == 0


def test_deidentified_form_has_no_identity_fields(sender):
    content = sender.get(DEIDENTIFIED_URL).content.decode()
    for name in ("person_name", "person_id_number", "consent_signed_on"):
        assert f'name="{name}"' not in content
    assert 'name="person_id_number"' in sender.get(CONSENT_URL).content.decode()


def test_consent_request_is_saved_routed_and_receipted(sender, django_capture_on_commit_callbacks):
    coordinators = [coordinator(), coordinator("samordnare2@example.org")]
    response = post(
        sender, CONSENT_URL, request_data("samtycke"), django_capture_on_commit_callbacks
    )
    assert response.status_code == 302
    samrad_request = SamradRequest.objects.get()
    assert response["Location"] == f"/personal/samrad/mina/{samrad_request.pk}/"
    assert samrad_request.created_by == sender.user
    assert samrad_request.mode == "consent"
    assert samrad_request.home_municipality.slug == "krokom"
    assert samrad_request.purposes == ["needs", "risk"]
    assert samrad_request.children_count == 2
    assert samrad_request.person_id_number == CANONICAL_ID
    assert samrad_request.person_name == "Zebra Fink"
    assert samrad_request.situation == SITUATION
    assert len(samrad_request.reference) == 8

    # Every coordinator is told, with no personal data and no free text.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in coordinators)
    for message in mail.outbox:
        text = message.subject + message.body
        for secret in (
            "Zebra",
            "Fink",
            VALID_ID,
            CANONICAL_ID,
            "811218",
            SITUATION,
            QUESTION,
            "Ring inte",
        ):
            assert secret not in text
        assert "Krokoms kommun" in message.body
        assert f"/personal/samrad/inkorg/{samrad_request.pk}/" in message.body
        assert not message.subject.startswith("AKUT")
    assert Notification.objects.filter(sent_at__isnull=False).count() == 2

    receipt = sender.get(response["Location"]).content.decode()
    assert samrad_request.reference in receipt
    assert "Din förfrågan har skickats till samordnaren." in receipt
    assert AuditEntry.objects.filter(
        event="created", request=samrad_request, user=sender.user
    ).exists()


def test_acute_request_is_marked_in_the_subject(sender, django_capture_on_commit_callbacks, site):
    from samrad.models import SamradSettings

    settings_ = SamradSettings.for_site(site)
    settings_.coordinator_mailbox = "samordning@example.org"
    settings_.save()
    coordinator()
    post(
        sender,
        DEIDENTIFIED_URL,
        request_data(urgency="acute", kind="acute"),
        django_capture_on_commit_callbacks,
    )
    assert sorted(m.to[0] for m in mail.outbox) == [
        "samordnare@example.org",
        "samordning@example.org",
    ]
    assert all(m.subject.startswith("AKUT: ") for m in mail.outbox)


def test_identity_number_in_deidentified_text_is_refused_and_text_kept(sender):
    typed = f"Kvinnan, {VALID_ID}, bor med två barn."
    response = sender.post(DEIDENTIFIED_URL, request_data(situation=typed))
    assert response.status_code == 200
    content = response.content.decode()
    assert "personnummer" in content
    assert typed in content  # nothing typed is lost
    assert QUESTION in content
    assert SamradRequest.objects.count() == 0


@pytest.mark.parametrize(
    "field,value",
    [
        ("situation", "x" * 1_000_000),
        ("situation", "Hej\x00då"),
        ("situation", "Hej\x07då"),
        ("question", "\u202e\u200b" + "é" * 5000),
        ("contact_phone", "1" * 500),
        ("children_count", "-1"),
        ("children_count", "ett"),
        ("home", "stockholm"),
        ("kind", "<script>"),
        ("purposes", ["nope"]),
        ("contact_email", "yrke@[127.0.0.1]"),
        ("contact_email", "yrke@10.0.0.1"),
    ],
)
def test_bad_input_gives_field_errors_not_500(sender, field, value):
    data = request_data("samtycke", **{field: value})
    response = sender.post(CONSENT_URL, data)
    assert response.status_code == 200
    content = response.content.decode()
    assert 'class="form-errors"' in content
    assert "Zebra Fink" in content  # the rest of what was typed is kept
    assert SamradRequest.objects.count() == 0


@pytest.mark.parametrize("value", ["19811218-9875", "19811318-9876", "abc", "8112189876x"])
def test_invalid_identity_numbers_are_refused(sender, value):
    response = sender.post(CONSENT_URL, request_data("samtycke", person_id_number=value))
    assert response.status_code == 200
    assert "Ange ett giltigt personnummer" in response.content.decode()


def test_samordningsnummer_is_accepted(sender, django_capture_on_commit_callbacks):
    # Day 18 + 60 = 78; the check digit is computed for the coordination number.
    from .test_personnummer import with_check

    number = with_check("811278987")
    response = post(
        sender,
        CONSENT_URL,
        request_data("samtycke", person_id_number=number),
        django_capture_on_commit_callbacks,
    )
    assert response.status_code == 302
    assert SamradRequest.objects.get().person_id_number == "19" + number


def test_consent_date_must_be_recent_and_not_in_future(sender):
    for value in ["2099-01-01", "2020-01-01"]:
        response = sender.post(CONSENT_URL, request_data("samtycke", consent_signed_on=value))
        assert response.status_code == 200
        assert 'class="form-errors"' in response.content.decode()


def test_repeat_request_for_the_same_person_is_flagged(sender, django_capture_on_commit_callbacks):
    post(sender, CONSENT_URL, request_data("samtycke"), django_capture_on_commit_callbacks)
    post(
        sender,
        CONSENT_URL,
        request_data("samtycke", person_id_number="811218-9876"),
        django_capture_on_commit_callbacks,
    )
    first, second = SamradRequest.objects.order_by("created_at")
    assert not first.is_repeat
    assert second.is_repeat
    assert first.person_key == second.person_key != ""
    assert CANONICAL_ID not in first.person_key


def test_encrypted_columns_never_hold_plaintext(sender, django_capture_on_commit_callbacks):
    post(sender, CONSENT_URL, request_data("samtycke"), django_capture_on_commit_callbacks)
    samrad_request = SamradRequest.objects.get()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT situation, question, person_name, person_id_number, consent_scope, contact_instructions "
            "FROM samrad_samradrequest WHERE id = %s",
            [samrad_request.pk.hex if connection.vendor == "sqlite" else samrad_request.pk],
        )
        row = cursor.fetchone()
    assert row is not None
    stored = " ".join(row)
    for secret in (
        "Zebra",
        "Fink",
        CANONICAL_ID,
        "811218",
        "hot i hemmet",
        "samordna",
        "Ring inte",
    ):
        assert secret not in stored
    assert all(value.startswith("gAAAA") for value in row)  # Fernet tokens


def test_requests_never_appear_in_the_wagtail_admin_search(
    sender, django_capture_on_commit_callbacks, client
):
    post(sender, CONSENT_URL, request_data("samtycke"), django_capture_on_commit_callbacks)
    from tests.helpers import make_user

    admin = make_user("boss@example.org", superuser=True)
    client.force_login(admin)
    for url in ["/admin/", "/admin/pages/search/?q=hemmet", "/admin/snippets/"]:
        content = client.get(url, follow=True).content.decode()
        assert SITUATION not in content and "Zebra" not in content and CANONICAL_ID not in content
