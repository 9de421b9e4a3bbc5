from django import template
from django.urls import reverse
from django.utils.translation import gettext as _

from home.templatetags.navigation_tags import link, menu_items
from staff.models import StaffHomePage
from staff.roles import may_read_staff_area
from staff.samrad.access import (
    is_coordinator,
    is_representative,
    may_read_audit_log,
    may_send_requests,
)

register = template.Library()


@register.inclusion_tag("tags/staff_menu.html", takes_context=True)
def staff_menu(context, current=None):
    request = context["request"]
    home = None
    items = []
    if may_read_staff_area(request.user):
        home = StaffHomePage.objects.live().first()
    if home is not None:
        items = menu_items([link(p, request) for p in home.get_children().live()], current)
    return {"home": home, "items": items, "user": request.user, "samrad": samrad_links(request)}


def samrad_links(request):
    """The samråd links this user's roles allow, marked current by path."""
    user = request.user
    links = []
    if may_send_requests(user):
        links += [(_("Request a samråd"), "samrad:start"), (_("My requests"), "samrad:mine")]
    if is_coordinator(user):
        links += [
            (_("My week"), "samrad:week"),
            (_("Inbox"), "samrad:inbox"),
            (_("Meetings"), "samrad:meetings"),
            (_("Statistics"), "samrad:statistics"),
        ]
    if is_representative(user):
        links += [
            (_("My party's samråd"), "samrad:representative"),
            (_("My party's actions"), "samrad:representative_actions"),
        ]
    if may_read_audit_log(user):
        links.append((_("Audit log"), "samrad:audit_log"))
    resolved = [(label, reverse(name)) for label, name in links]
    # The longest address the path starts with is the current one (one may hold another).
    current = max(
        (url for _label, url in resolved if request.path.startswith(url)), key=len, default=None
    )
    return [(label, url, url == current) for label, url in resolved]
