"""Posting to the coordinator's case page as the browser does: a section's button posts the
whole page form to that section's own address, each field named with its section's prefix."""

from samrad.views.case import SECTIONS

ADDRESSES = {
    "plan": "planera/",
    "takeoff": "ta-av-motet/",
    "invite": "bjud-in/",
    "status": "status/",
    "action": "atgard/",
    "consent": "samtycke-aterkallat/",
    "record": "samrad/",
    "redact": "maskera/",
    "ask": "komplettering/",
    "notes": "anteckningar/",
}


def case_url(samrad_request, section=None):
    return f"/personal/samrad/inkorg/{samrad_request.pk}/" + (ADDRESSES[section] if section else "")


def action_done_url(samrad_request, action_id):
    return f"/personal/samrad/inkorg/{samrad_request.pk}/atgard/{action_id}/klar/"


def named(data):
    """The fields as the page names them: `status` is posted as `status-status`. The
    field names are unique across the page's sections; a name no section has is left."""
    sections = {field: name for name, form in SECTIONS.items() for field in form.base_fields}
    return {
        f"{sections[field]}-{field}" if field in sections else field: value
        for field, value in (data or {}).items()
    }


def post_section(client, samrad_request, section, data=None):
    return client.post(case_url(samrad_request, section), named(data))
