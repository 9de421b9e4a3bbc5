"""The pages every installation has before anyone signs in, demo or not."""

from base.models import ResponsibilitySettings, SafetySettings, SearchSettings
from base.setup import ensure_home_page
from staff.setup import ensure_private_collection, ensure_staff_home


def staff_area():
    """The home page, the staff area's home page at /personal/ (restricted to the staff
    roles) and the private collection, as `manage.py setup_site` makes them at each
    deploy (the demo's own where the demo is loaded); and the site's settings rows, which
    the first page view would otherwise create (dropping the cached fragments, as any
    change to them does). Returns the staff home page."""
    site, _home = ensure_home_page({"title": "Operation Norrsken", "intro": "", "body": []})
    for settings in (SafetySettings, ResponsibilitySettings, SearchSettings):
        settings.for_site(site)
    ensure_private_collection()
    return ensure_staff_home({"title": "Personal", "intro": "", "body": []})
