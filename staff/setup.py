"""What a production site needs before anyone signs in, demo content or not.

The role groups, their permissions and the two document collections come from migrations
(staff/migrations/0004_roles.py, 0005_role_permissions.py); `manage.py setup_site`, run at
each deploy, adds the home page and the staff area's home page with its view restriction.
Staff pages are private by their type in any case (staff/wagtail_hooks.py); the restriction
also keeps them out of Wagtail's own public listings."""

from django.conf import settings
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from base.models import HomePage
from base.setup import ensure_child

from .models import StaffHomePage
from .roles import staff_area_groups

STAFF_COLLECTION = "Personal"


def restrict_to_staff(restriction_model, **target):
    if not restriction_model.objects.filter(**target).exists():
        restriction = restriction_model.objects.create(
            restriction_type=restriction_model.GROUPS, **target
        )
        restriction.groups.set(staff_area_groups())


def ensure_private_collection():
    collection = Collection.objects.filter(name=STAFF_COLLECTION).first()
    if collection is None:
        collection = Collection.get_first_root_node().add_child(name=STAFF_COLLECTION)
    restrict_to_staff(CollectionViewRestriction, collection=collection)
    return collection


def ensure_staff_home(fields):
    """The staff area's home page at /personal/, restricted to the staff roles."""
    home = HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    staff_home = StaffHomePage.objects.child_of(home).first() or ensure_child(
        home, StaffHomePage, "personal", **fields
    )
    restrict_to_staff(PageViewRestriction, page=staff_home)
    return staff_home
