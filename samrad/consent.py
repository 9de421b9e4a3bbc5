"""The options the signed consent form offers, read from the staff area's pages so that the
request form and the printable form always offer the same parties and kinds of
information, and the legal grounds from the secrecy guidance."""

from staff.models import ConsentFormPage, SecrecyGuidePage

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


def legal_grounds():
    """Every provision the secrecy guidance lists, once, in the guidance's order."""
    grounds = []
    for page in SecrecyGuidePage.objects.live():
        for block in page.situations:
            for provision in block.value["provisions"]:
                if provision not in grounds:
                    grounds.append(provision)
    return grounds
