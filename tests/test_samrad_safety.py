"""What the coordinator needs for the person's safety: coded answers shown by their labels,
safety fields in both modes, and no requests about children."""

import re

import pytest

from staff.samrad.models import SamradRequest

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
    item = send(client, django_capture_on_commit_callbacks, contact_safe="no")
    client.force_login(coordinator())
    shown = facts(client.get(f"/personal/samrad/inkorg/{item.pk}/").content.decode())
    assert shown["Säkert att kontakta"].startswith("Nej"), shown["Säkert att kontakta"]
    assert not re.search(r"\bno\b", shown["Säkert att kontakta"])
