"""The parties' GDPR Art. 13/14 notices: set by administrators, listed for the staff area,
and a party without one is shown as such (the portal writes no notice of its own)."""

import pytest

from organisations.models import Party
from recordkeeping.models import PrivacyNotice

from .factories.organisations import party
from .samrad_helpers import professional, retention_decision

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("staff_area")]
URL = "/personal/integritet/"
MISSING = "Parten har inte lagt in den här informationen."


def test_the_staff_area_lists_each_partys_notices_and_says_when_one_is_missing(client):
    decision = retention_decision(days=365, reference="KS 2026/77")
    PrivacyNotice.objects.create(
        party=party("ostersund"),
        audience=PrivacyNotice.Audience.PERSON,
        controller="Socialnämnden (testdata)",
        purpose="Samordna skydd och stöd (testdata).",
        legal_basis="Rättslig grund (testdata).",
        retention_decision=decision,
        rights="Rätt till tillgång (testdata).",
        contact="dataskydd@example.org",
    )
    client.force_login(professional())
    response = client.get(URL)
    content = response.content.decode()
    assert response.status_code == 200
    assert "Socialnämnden (testdata)" in content and "KS 2026/77" in content
    # Östersund has no notice for its staff, and every other party has none at all.
    assert content.count(MISSING) == 2 * Party.objects.count() - 1
    # Reachable from the staff menu.
    assert f'href="{URL}"' in content


def test_anonymous_visitors_go_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
