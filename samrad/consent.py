"""The options the signed consent form offers, read from the staff area's pages so that the
request form and the printable form always offer the same parties and kinds of
information; the legal grounds are the provisions in force that allow sharing (data that
administrators keep, samrad.models.Provision)."""

from organisations.models import County
from staff.counties import staff_home_of
from staff.models import ConsentFormPage

from .models import Provision
from .scope import ALL, current_county_id

# Used only while no consent form page is published (a new site before its content).
FALLBACK_INFORMATION = [
    "Violence and threats",
    "Health and care",
    "The children's situation",
    "Support and measures",
    "Police report, investigation and protective measures",
    "Housing, family and finances",
]


def consent_form_page():
    """The consent form page of the county in scope (the user's own in a request): each
    county has its own form, listing its own parties. Across counties, the first one."""
    pages = ConsentFormPage.objects.live()
    county_id = current_county_id()
    if county_id is not ALL:
        staff_home = staff_home_of(County.objects.filter(pk=county_id).first())
        if staff_home is None:
            return None
        pages = pages.child_of(staff_home)
    return pages.first()


def information_kinds():
    page = consent_form_page()
    kinds = page.information_list() if page else []
    return kinds or FALLBACK_INFORMATION


def legal_grounds(day=None):
    """The provisions that allow sharing and are in force, as recorded with a ground."""
    return [str(provision) for provision in Provision.objects.in_force(day)]
