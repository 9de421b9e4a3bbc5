from django.urls import reverse
from django.utils.translation import gettext as _
from wagtail import hooks

from staff.roles import may_read_staff_area

from .access import is_coordinator, is_representative, may_read_audit_log, may_send_requests


@hooks.register("register_staff_menu_items")
def samrad_menu_items(user):
    """The samråd links this user's roles allow, for the staff menu (staff.templatetags)."""
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
    if may_read_staff_area(user):
        links.append((_("Privacy notices"), "privacy_notices"))
    return [(label, reverse(name)) for label, name in links]
