from django.template.response import TemplateResponse

from organisations.models import Party
from staff.roles import may_read_staff_area, refuse_unless

from .models import PrivacyNotice


def privacy_notices(request):
    """Every party's notices, as the administrators set them, for anyone in the staff area.
    A party without one is shown as such: the portal writes no notice of its own."""
    refused = refuse_unless(request, may_read_staff_area)
    if refused:
        return refused
    notices = {}
    for notice in PrivacyNotice.objects.select_related("retention_decision__authority"):
        notices[(notice.party_id, notice.audience)] = notice
    parties = [
        {
            "party": party,
            "notices": [
                (label, notices.get((party.pk, audience)))
                for audience, label in PrivacyNotice.Audience.choices
            ],
        }
        for party in Party.objects.order_by("sort_order", "name")
    ]
    return TemplateResponse(request, "recordkeeping/privacy_notices.html", {"parties": parties})
