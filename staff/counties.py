"""Each county's own staff area: its staff home page at /personal/ on the county's public
site (so on the county's host name), the routines, consent form, secrecy guide and contact
directory below it, and a private collection for its documents below the county's
collection (organisations/editors.py). staff/setup.py makes them when a county is saved.

Whose they are follows from where they are: a staff page belongs to the county whose site
holds it, a document to the county whose collection holds it. Who may read them is decided
in one place, may_read_county_content, keyed on the county of the user's party
(User.county_id), the same key samrad.scope uses for case data: a group would be a second
copy of it that could disagree."""

from django.conf import settings
from django.db.models import Q
from wagtail.models import Site

from base.models import HomePage
from organisations.models import County

from .models import StaffHomePage


def county_of_page(page):
    """The county whose public site holds the page, or None."""
    return County.objects.of_page(page).first()


def county_of_collection(collection):
    """The county whose collection (organisations.editors.county_collection: a top-level
    collection named after the county) holds the collection. A document outside every
    county's collection (the root, or the "Personal" collection of an installation from
    before counties) is the first county's, the default site's: it owned them all then,
    and another county's staff must not read them because nobody moved them."""
    top = collection.get_ancestors(inclusive=True).filter(depth=2).first()
    county = County.objects.filter(name=top.name).first() if top is not None else None
    return county or County.objects.filter(site__is_default_site=True).first()


def in_county(pages, county):
    """The pages of the queryset `pages` on the county's public site: below its root page
    in any of its languages (tree paths begin with the root's)."""
    if county is None or county.site_id is None:
        return pages.none()
    below = Q(pk__in=[])
    for root in county.site.root_page.get_translations(inclusive=True):
        below |= Q(path__startswith=root.path)
    return pages.filter(below)


def may_read_county_content(user, county):
    """A county's staff pages and documents are for its own staff: the county of the
    user's party. An account without a party reads no county's; an administrator (a
    superuser, who keeps every county's pages in the admin anyway) reads every county's."""
    if user.is_superuser:
        return True
    return county is not None and user.county_id == county.pk


def site_home_page(site):
    """The site's home page in the default language (the staff area is Swedish), or None
    if the site's root is no home page."""
    return HomePage.objects.filter(
        translation_key=site.root_page.translation_key,
        locale__language_code=settings.LANGUAGE_CODE,
    ).first()


def staff_home_of(county):
    """The county's live staff home page, or None (no site or none made yet)."""
    if county is None or county.site_id is None:
        return None
    home = site_home_page(county.site)
    if home is None:
        return None
    return StaffHomePage.objects.child_of(home).live().first()


def staff_home_for(request):
    """The staff home page of the signed-in user's county: the one a staff menu or link
    points at, whichever county's site the request is on. An administrator without a
    party gets the county's of the site the request is on."""
    user = request.user
    county_id = user.county_id if user.is_authenticated else None
    if county_id is not None:
        county = County.objects.filter(pk=county_id).select_related("site__root_page").first()
    elif user.is_superuser:
        site = Site.find_for_request(request)
        county = County.objects.filter(site=site).select_related("site__root_page").first()
    else:
        return None
    return staff_home_of(county)
