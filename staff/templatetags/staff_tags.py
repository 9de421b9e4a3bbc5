from django import template

from staff.models import StaffHomePage
from staff.roles import STAFF_AREA_GROUPS, has_role

register = template.Library()


@register.inclusion_tag("tags/staff_menu.html", takes_context=True)
def staff_menu(context, current=None):
    request = context["request"]
    home = None
    items = []
    if has_role(request.user, *STAFF_AREA_GROUPS):
        home = StaffHomePage.objects.live().first()
    if home is not None:
        path = current.path if current else ""
        items = [
            (item, "page" if path == item.path else "true" if path.startswith(item.path) else "")
            for item in home.get_children().live()
        ]
    return {"home": home, "items": items, "user": request.user}
