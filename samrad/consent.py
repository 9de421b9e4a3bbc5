"""The options the signed consent form offers, read from the staff area's pages so that the
request form and the printable form always offer the same parties and kinds of
information; the legal grounds are the provisions in force that allow sharing (data that
administrators keep, samrad.models.Provision)."""

from staff.models import ConsentFormPage

from .models import Provision

# Used only while no consent form page is published (a new site before its content).
FALLBACK_INFORMATION = [
    "Violence and threats",
    "Health and care",
    "The children's situation",
    "Support and measures",
    "Police report, investigation and protective measures",
    "Housing, family and finances",
]


def information_kinds():
    page = ConsentFormPage.objects.live().first()
    kinds = page.information_list() if page else []
    return kinds or FALLBACK_INFORMATION


def legal_grounds(day=None):
    """The provisions that allow sharing and are in force, as recorded with a ground."""
    return [str(provision) for provision in Provision.objects.in_force(day)]
