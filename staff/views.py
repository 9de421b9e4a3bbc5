from django.contrib.auth.decorators import login_required
from django.template.response import TemplateResponse


@login_required
def profile(request):
    """The signed-in user's own account: party, roles and links to security settings."""
    return TemplateResponse(
        request,
        "staff/profile.html",
        {"roles": request.user.groups.order_by("name"), "party": request.user.party},
    )
