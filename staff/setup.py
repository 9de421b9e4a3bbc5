"""What a production site needs before anyone signs in, demo content or not.

The role groups, their permissions and the two document collections come from migrations
(staff/migrations/0004_roles.py, 0005_role_permissions.py); `manage.py setup_site`, run at
each deploy, adds the home page and each county's staff area (ensure_staff_home), which is
also made whenever a county is saved (signals.py), so a county an administrator adds in the
admin gets its own without code. Staff pages are private by their type in any case
(staff/wagtail_hooks.py); the restriction also keeps them out of Wagtail's own public
listings."""

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from base.setup import ensure_child
from organisations.editors import county_collection

from .counties import site_home_page
from .models import StaffHomePage
from .roles import staff_area_groups

STAFF_COLLECTION = "Personal"
STAFF_HOME_SLUG = "personal"


def restrict_to_staff(restriction_model, **target):
    if not restriction_model.objects.filter(**target).exists():
        restriction = restriction_model.objects.create(
            restriction_type=restriction_model.GROUPS, **target
        )
        restriction.groups.set(staff_area_groups())


def ensure_private_collection(parent=None):
    """The private collection for staff documents below `parent`: the installation's own
    at the top, a county's below the county's collection (ensure_county_collection)."""
    parent = parent or Collection.get_first_root_node()
    collection = parent.get_children().filter(name=STAFF_COLLECTION).first()
    if collection is None:
        collection = parent.add_child(name=STAFF_COLLECTION)
    restrict_to_staff(CollectionViewRestriction, collection=collection)
    return collection


def ensure_county_collection(county):
    """The county's private collection: its documents are read by its own staff only
    (staff.counties.county_of_collection)."""
    return ensure_private_collection(county_collection(county))


def ensure_staff_home(county, fields=None):
    """The county's staff home page at /personal/ on its site, restricted to the staff
    roles, and its private document collection; None while the county has no site with a
    home page. Running it again changes nothing."""
    ensure_county_collection(county)
    home = site_home_page(county.site) if county.site_id else None
    if home is None:
        return None
    staff_home = StaffHomePage.objects.child_of(home).first()
    if staff_home is None:
        if fields is None:
            with translation.override(settings.LANGUAGE_CODE):
                fields = {"title": gettext("Staff area"), "intro": "", "body": []}
        staff_home = ensure_child(home, StaffHomePage, STAFF_HOME_SLUG, **fields)
    restrict_to_staff(PageViewRestriction, page=staff_home)
    return staff_home
