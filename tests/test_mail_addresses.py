"""The portal's rule for an address it mails to (portal/email_addresses.py): no control or
invisible characters, no quoted local part, no address literal, no host without a dot.
Everywhere such an address is typed."""

import pytest
from django.core.exceptions import ValidationError

from organisations.models import Party
from samrad.models import SamradRequest, SamradSettings
from staff.models import RoutinePage, User

from .samrad_helpers import SITUATION, professional, request_data

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_area")]

HIDDEN = "E-postadressen innehåller ett mellanslag, en radbrytning eller ett osynligt tecken."
QUOTED = "Skriv e-postadressen utan citattecken"
DOMAIN = "Ange en e-postadress med ett domännamn"
INVALID = "Fyll i en giltig e-postadress."

# What the tester typed, and its kin: each with the Swedish message the form shows.
BAD = {
    '"x\x0bReply-To:attacker@evil.example\x0bX-Injected:yes"@example.org': HIDDEN,
    '"a\x0bb"@example.org': HIDDEN,
    '"a\x00b"@example.org': HIDDEN,
    '"a\nBcc: all@example.org"@example.org': HIDDEN,
    "a\u200b@example.org": HIDDEN,  # zero-width space (Cf)
    "a@exam\u2028ple.org": HIDDEN,  # line separator in the domain, which Django allows
    '"ab"@example.org': QUOTED,
    "a@[1.2.3.4]": DOMAIN,
    "a@[IPv6:::1]": DOMAIN,
    "a@localhost": DOMAIN,
    "a@intranet": DOMAIN,
}
GOOD = ["yrke@example.org", "samrad.polisen@norrsken.example", "a.b+c@härjedalen.se"]


@pytest.mark.parametrize("address", list(BAD))
def test_the_request_form_refuses_a_poisoned_address_and_keeps_what_was_typed(
    client, address, django_capture_on_commit_callbacks
):
    client.force_login(professional())
    data = request_data(contact_email=address, contact_phone="070-765 43 21")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/personal/samrad/ny/avidentifierad/", data)
    assert response.status_code == 200
    content = response.content.decode()
    # Django's own rule refuses some of them first, with its own Swedish message.
    assert BAD[address] in content or INVALID in content
    assert SamradRequest.objects.count() == 0
    assert 'value="070-765 43 21"' in content
    assert SITUATION in content


@pytest.mark.parametrize(
    "address", ['"a\x0bb"@example.org', '"ab"@example.org', "a@[1.2.3.4]", "a@localhost"]
)
def test_what_django_alone_accepts_gets_the_portals_own_message(
    client, address, django_capture_on_commit_callbacks
):
    client.force_login(professional())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/personal/samrad/ny/avidentifierad/", request_data(contact_email=address)
        )
    content = response.content.decode()
    assert BAD[address] in content and INVALID not in content


def test_an_ordinary_address_goes_through(client, django_capture_on_commit_callbacks):
    client.force_login(professional())
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/personal/samrad/ny/avidentifierad/",
            request_data(contact_email="a.b+c@härjedalen.se"),
        )
    assert response.status_code == 302
    assert SamradRequest.objects.get().contact_email == "a.b+c@härjedalen.se"


# Every field that samråd mail goes to carries the same rule.
FIELDS = [
    (Party, "samrad_mailbox"),
    (SamradSettings, "coordinator_mailbox"),
    (RoutinePage, "owner_mailbox"),
    (User, "email"),
    (SamradRequest, "contact_email"),
]


@pytest.mark.parametrize("model, name", FIELDS)
@pytest.mark.parametrize("address", list(BAD))
def test_every_mailbox_field_refuses_it(model, name, address):
    field = model._meta.get_field(name)
    with pytest.raises(ValidationError):
        field.run_validators(address)


@pytest.mark.parametrize("model, name", FIELDS)
@pytest.mark.parametrize("address", GOOD)
def test_every_mailbox_field_takes_an_ordinary_address(model, name, address):
    model._meta.get_field(name).run_validators(address)


def test_the_account_page_refuses_it_too(client):
    user = professional()
    client.force_login(user)
    response = client.post("/accounts/email/", {"action_add": "", "email": '"a\x0bb"@example.org'})
    assert response.status_code == 200
    assert HIDDEN in response.content.decode()
    assert not user.emailaddress_set.filter(email__contains="\x0b").exists()
