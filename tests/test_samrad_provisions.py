"""The legal grounds offered for sharing outside the consent are the provisions that allow
sharing, kept as data by administrators; those that create secrecy are never offered."""

from datetime import timedelta

import pytest
from django.utils import timezone

from samrad import forms as samrad_forms
from samrad.models import Provision
from staff import roles

from .factories.organisations import parties
from .helpers import SecondFactorClient, make_user
from .samrad_helpers import make_request, professional

pytestmark = pytest.mark.django_db

SECRECY_NOT_SHARING = [
    "OSL 3 kap. 1 §",
    "OSL 8 kap. 1 §",
    "OSL 18 kap. 1 §",
    "OSL 25 kap. 1 §",
    "OSL 26 kap. 1 §",
    "OSL 35 kap. 1 §",
    "barnkonvention",
    "brottsbalken 4 kap",
]


def offered(field):
    """The provisions offered: a record's ground field offers the consent and
    de-identified content only besides them."""
    return [
        label
        for value, label in field.choices
        if value and value not in ("consent", "deidentified")
    ]


def test_only_sharing_provisions_are_offered_once_each():
    parties()  # a record has a ground field for each party of the county
    samrad_request = make_request(professional())
    record_form = samrad_forms.RecordForm(samrad_request=samrad_request)
    for field in (
        samrad_forms.InviteForm().fields["provision"],
        record_form.fields["record_ground_polisen"],
    ):
        choices = offered(field)
        assert "OSL 10 kap. 18 c § – Risk för allvarligt våld mot en närstående" in choices
        assert len(choices) == len(set(choices)) == Provision.objects.count()
        for text in SECRECY_NOT_SHARING:
            assert not [c for c in choices if c.lower().startswith(text.lower())], text


def test_a_provision_no_longer_in_force_is_not_offered():
    provision = Provision.objects.get(reference="OSL 10 kap. 28 §")
    provision.valid_to = timezone.localdate() - timedelta(days=1)
    provision.save()
    choices = offered(samrad_forms.InviteForm().fields["provision"])
    assert str(provision) not in choices
    # A provision not yet in force is not offered either.
    provision.valid_from = timezone.localdate() + timedelta(days=10)
    provision.valid_to = None
    provision.save()
    assert str(provision) not in offered(samrad_forms.InviteForm().fields["provision"])


def test_a_provision_typed_by_hand_is_refused():
    form = samrad_forms.InviteForm({"invite_party": "", "provision": "OSL 26 kap. 1 §"})
    assert not form.is_valid()
    assert "provision" in form.errors


def test_only_administrators_keep_the_provisions():
    admin = SecondFactorClient()
    admin.force_login(make_user("jurist@example.org", superuser=True))
    listing = admin.get("/admin/snippets/samrad/provision/")
    assert listing.status_code == 200
    assert "OSL 10 kap. 18 c §" in listing.content.decode()
    response = admin.post(
        "/admin/snippets/samrad/provision/add/",
        {
            "reference": "OSL 10 kap. 19 §",
            "title": "Ny bestämmelse",
            "allows": "Vad den tillåter.",
            "recipients": "Polisen",
            "source": "https://www.riksdagen.se/",
            "valid_from": "2027-01-01",
            "valid_to": "2026-01-01",
        },
    )
    assert response.status_code == 200
    assert "Bestämmelsen kan inte upphöra innan den börjar gälla." in response.content.decode()
    assert "Ny bestämmelse" in response.content.decode()
    for role in (roles.EDITOR, roles.COORDINATOR):
        client = SecondFactorClient()
        client.force_login(make_user(f"{role}-p@example.org", role=role))
        assert client.get("/admin/snippets/samrad/provision/").status_code in (302, 403)
